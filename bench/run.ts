/**
 * `npm run bench`: the four figures of docs/benchmarks.md, each printed as a ratio against a baseline measured in
 * the same run, and written to reports/out/bench-<timestamp>.json. Servers and load clients run as child
 * processes, which are always killed at the end. Never part of `npm test`.
 */
import { Command, InvalidArgumentError, Option } from 'commander';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join, relative } from 'node:path';
import { installCleanup, ROOT, spawnTs, stopAll } from './children.ts';
import { describeData, type DataSpec } from './data.ts';
import { runPersistHttp } from './persist-http.ts';
import { runDeleteHttp } from './delete-http.ts';
import { runCloudflareDeleteHttp } from './cloudflare-delete-http.ts';
import { runBailianDeleteHttp } from './bailian-delete-http.ts';
import { runLimiterAccuracy } from './limiter.ts';
import type { EngineResult, EngineRun } from './engine-child.ts';
import { summariseProfiles } from './profile.ts';
import { runServerPhase } from './server-phase.ts';
import { int, mb, mean, median, ms, num, verdict } from './stats.ts';

const SECTIONS = ['delete', 'query', 'ingest', 'memory', 'cloudflare-delete', 'bailian-delete', 'limiter', 'persist'] as const;
type Section = (typeof SECTIONS)[number];

const RECALL_TARGET = 0.95;
const SPEEDUP_TARGET = 20;
const DIM = 768;
const TOP_K = 10;

function positiveInt(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) throw new InvalidArgumentError('expected a positive integer');
  return n;
}

function nonNegative(value: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n < 0) throw new InvalidArgumentError('expected a number ≥ 0');
  return n;
}

function sections(value: string): Section[] {
  const list = value.split(',').map((s) => s.trim()).filter(Boolean);
  for (const s of list) if (!(SECTIONS as readonly string[]).includes(s)) throw new InvalidArgumentError(`unknown section "${s}" (choose from ${SECTIONS.join(', ')})`);
  return list as Section[];
}

interface Opts {
  quick?: boolean;
  only?: Section[];
  vectors?: number;
  queries?: number;
  httpQueries?: number;
  duration?: number;
  warmup?: number;
  connections: number;
  rounds?: number;
  batch: number;
  ingestConcurrency: number;
  idleProbe?: number;
  drainTimeout: number;
  profile?: boolean;
  out?: string;
  strict?: boolean;
}

const program = new Command('bench')
  .description('vconf benchmarks: the four figures of docs/benchmarks.md, each against a baseline from the same run')
  .option('--quick', 'development size: 20,000 vectors, shorter HTTP runs (~2 min on 2 cores)')
  .addOption(new Option('--only <sections>', `comma-separated subset of ${SECTIONS.join(', ')}`).argParser(sections))
  .option('--vectors <n>', 'vectors in the query/ingest/memory data set (default 100,000; --quick 20,000)', positiveInt)
  .option('--queries <n>', 'queries timed in the engine, each also answered by brute force (default 100; --quick 50)', positiveInt)
  .option('--http-queries <n>', 'QueryVectors requests timed over HTTP (default 50; --quick 30)', positiveInt)
  .option('--duration <s>', 'seconds of each measured autocannon run in figure 1 (default 10; --quick 5)', positiveInt)
  .option('--warmup <s>', 'seconds of autocannon warm-up before each measured run (default 3; --quick 2)', nonNegative)
  .option('--connections <n>', 'autocannon connections', positiveInt, 10)
  .option('--rounds <n>', 'figure 1 rounds (bare, simulator, bare, simulator, …); medians are reported (default 3; --quick 1)', positiveInt)
  .option('--batch <n>', 'vectors per PutVectors request', positiveInt, 500)
  .option('--ingest-concurrency <n>', 'PutVectors requests in flight', positiveInt, 2)
  .option('--idle-probe <s>', 'seconds of probe requests with no ingest running (default 5; --quick 3)', positiveInt)
  .option('--drain-timeout <s>', 'longest wait for the background indexer before forcing a flush', positiveInt, 1200)
  .option('--profile', 'run the servers with --cpu-prof and print where they spend their time (slows them down)')
  .option('--out <file>', 'result file (default reports/out/bench-<timestamp>.json)')
  .option('--strict', 'exit with status 1 when a target is missed');

program.parse(process.argv);
const o = program.opts<Opts>();
const quick = o.quick === true;
const want = new Set<Section>(o.only ?? SECTIONS);
const n = o.vectors ?? (quick ? 20_000 : 100_000);
const settings = {
  mode: quick ? 'quick' : 'full',
  vectors: n,
  dimension: DIM,
  topK: TOP_K,
  queries: o.queries ?? (quick ? 50 : 100),
  httpQueries: o.httpQueries ?? (quick ? 30 : 50),
  durationS: o.duration ?? (quick ? 5 : 10),
  warmupS: o.warmup ?? (quick ? 2 : 3),
  connections: o.connections,
  rounds: o.rounds ?? (quick ? 1 : 3),
  batch: o.batch,
  ingestConcurrency: o.ingestConcurrency,
  idleProbeS: o.idleProbe ?? (quick ? 3 : 5),
  drainTimeoutS: o.drainTimeout,
  sections: [...want],
};
const data: DataSpec = { n, dim: DIM, seed: 'vconf-bench' };

installCleanup();
const started = new Date();
const t0 = performance.now();
const log = (line: string) => process.stderr.write(`${line}\n`);
const lines: string[] = [];
const figure = (line: string) => {
  lines.push(line);
  process.stdout.write(`${line}\n`);
};
const results: Record<string, unknown> = {};
const profileRoot = join('reports', 'out', `profiles-${started.toISOString().replace(/[:.]/g, '-')}`);
const verdicts: boolean[] = [];

const command = `npm run bench${process.argv.length > 2 ? ` -- ${process.argv.slice(2).join(' ')}` : ''}`;
figure(
  `vconf bench (${settings.mode}: ${int(n)} × ${DIM}-d) — ${command} — node ${process.version}, ${cpus().length} CPUs, ` +
    `load average ${loadavg().map((l) => num(l, 2)).join(' ')} at start`,
);

async function engineFigures(): Promise<EngineResult> {
  log(`[query/memory] engine child: generating ${int(n)} × ${DIM}-d vectors and building HNSW (this takes a while at full size)…`);
  const { child } = await spawnTs('bench/engine-child.ts', [], { nodeArgs: ['--expose-gc'], ipc: true });
  try {
    const run: EngineRun = { type: 'run', data, queries: settings.queries, topK: TOP_K, batch: settings.batch };
    const reply = child.next<EngineResult>('result', 3_600_000);
    child.proc.on('message', (m: { type?: string; done?: number; seconds?: number }) => {
      if (m.type === 'progress') log(`  built ${num((m.done ?? 0) * 100, 0)}% in ${num(m.seconds ?? 0, 0)} s`);
    });
    child.proc.send(run);
    return await reply;
  } finally {
    await child.stop();
  }
}

try {
  // Figure 1 (issue 2), and the same figure for the other two providers' delete operations (issues 3 and 4).
  const deletes = [
    ['delete', 'signed DeleteVectors', runDeleteHttp, 'deleteVectorsHttp'],
    ['cloudflare-delete', 'Cloudflare delete_by_ids', runCloudflareDeleteHttp, 'cloudflareDeleteByIdsHttp'],
    ['bailian-delete', 'Bailian DeleteFiles', runBailianDeleteHttp, 'bailianDeleteFilesHttp'],
  ] as const;
  for (const [section, label, run, key] of deletes) {
    if (!want.has(section)) continue;
    log(`[${section}] ${label} over HTTP vs bare node:http…`);
    const profileDir = o.profile ? join(profileRoot, section) : undefined;
    const r = await run({ connections: settings.connections, durationS: settings.durationS, warmupS: settings.warmupS, rounds: settings.rounds, profileDir, log });
    figure(r.line + (profileDir ? ' [profiled: --cpu-prof slows the server]' : ''));
    verdicts.push(r.pass);
    results[key] = r.json;
    if (profileDir) {
      const summary = summariseProfiles(join(ROOT, profileDir), `vconf serve under ${label} load`, r.windows);
      for (const l of summary.lines) log(l);
      results[`${key}Profile`] = summary.json;
    }
  }

  if (want.has('persist')) {
    log('[persist] what --state-dir costs: signed PutVectors over HTTP, durable vs in memory (issue 16 §4)…');
    const r = await runPersistHttp({ connections: settings.connections, durationS: settings.durationS, warmupS: settings.warmupS, rounds: settings.rounds, profileDir: undefined, log });
    figure(r.line);
    verdicts.push(r.pass);
    results.persistWritesHttp = r.json;
  }

  if (want.has('limiter')) {
    log('[limiter] QPS limiter accuracy over HTTP (issue 5 §1)…');
    const r = await runLimiterAccuracy({ limit: 200, durationS: 10, connections: settings.connections, log });
    figure(r.line);
    verdicts.push(r.pass);
    results.limiterAccuracy = r.json;
  }

  let engine: EngineResult | undefined;
  if (want.has('query') || want.has('memory')) {
    engine = await engineFigures();
    const recall = mean(engine.recall);
    const hnsw = median(engine.hnswMs);
    const brute = median(engine.bruteMs);
    const speedup = brute / hnsw;
    const pass = recall >= RECALL_TARGET && speedup >= SPEEDUP_TARGET && engine.plans.every((p) => p === 'hnsw');
    results.queryEngine = {
      data: describeData(data),
      n: engine.n,
      dimension: engine.dim,
      queries: engine.queries,
      recallMean: recall,
      recallMin: Math.min(...engine.recall),
      hnswMedianMs: hnsw,
      hnswP99Ms: [...engine.hnswMs].sort((a, b) => a - b)[Math.ceil(engine.hnswMs.length * 0.99) - 1],
      bruteMedianMs: brute,
      speedup,
      plans: engine.plans,
      buildMs: engine.buildMs,
      upsertMs: engine.upsertMs,
      indexMs: engine.indexMs,
      generateMs: engine.generateMs,
      stats: engine.stats,
      targets: { recall: RECALL_TARGET, speedup: SPEEDUP_TARGET },
    };
    if (want.has('query')) {
      figure(
        `query-vectors-engine: ${int(engine.n)} × ${engine.dim}-d, ${describeData(data)}, topK=${TOP_K}, ${engine.queries} queries — ` +
          `recall@10 ${num(recall, 3)} vs exact brute force (target ≥ ${RECALL_TARGET}) ${verdict(recall >= RECALL_TARGET)}; ` +
          `median ${ms(hnsw)} HNSW vs ${ms(brute)} brute force → ${num(speedup, 0)}× faster (target ≥ ${SPEEDUP_TARGET}×) ${verdict(speedup >= SPEEDUP_TARGET)}; ` +
          `build ${num(engine.buildMs / 1000, 1)} s (${int(engine.n / (engine.buildMs / 1000))} vectors/s, M=16, efConstruction=100, efSearch=100)` +
          (engine.plans.every((p) => p === 'hnsw') ? '' : `; query plans ${engine.plans.join(', ')} (expected hnsw only) FAIL`),
      );
      verdicts.push(pass);
    }
  }

  if (want.has('ingest') || want.has('query') || want.has('memory')) {
    log(`[ingest] PutVectors into a simulator server process, probes running${engine ? '; then QueryVectors over HTTP' : ''}…`);
    const s = await runServerPhase({
      data,
      batch: settings.batch,
      concurrency: settings.ingestConcurrency,
      idleProbeS: settings.idleProbeS,
      drainTimeoutS: settings.drainTimeoutS,
      truth: engine?.truth,
      httpQueries: want.has('query') ? settings.httpQueries : 0,
      topK: TOP_K,
      profileDir: o.profile ? join(profileRoot, 'server') : undefined,
      log,
    });
    results.ingest = s.json;
    if (o.profile) {
      const dir = join(ROOT, profileRoot, 'server');
      const ingestProfile = summariseProfiles(dir, 'the simulator server during the PutVectors ingest', [s.windows.ingest]);
      for (const l of ingestProfile.lines) log(l);
      results.serverProfileIngest = ingestProfile.json;
      if (s.windows.queries) {
        const queryProfile = summariseProfiles(dir, 'the simulator server during QueryVectors over HTTP', [s.windows.queries]);
        for (const l of queryProfile.lines) log(l);
        results.serverProfileQueries = queryProfile.json;
      }
    }
    if (want.has('ingest')) {
      figure(s.ingestLine);
      figure(s.probeLine);
      verdicts.push(s.pass);
    }
    if (want.has('query') && s.http && engine) {
      const engineMedian = median(engine.hnswMs);
      const brute = median(engine.bruteMs);
      figure(
        `query-vectors-http: QueryVectors topK=${TOP_K} over HTTP (signed, JSON), same data, ${s.http.queries} queries — median ${ms(s.http.medianMs)} ` +
          `vs ${ms(engineMedian)} in the engine (HTTP/JSON/auth overhead ${ms(s.http.medianMs - engineMedian)}); ` +
          `${num(brute / s.http.medianMs, 0)}× faster than in-engine brute force; recall@10 ${s.http.recall === undefined ? 'n/a' : num(s.http.recall, 3)}` +
          `${s.http.failures > 0 ? `; ${s.http.failures} failed!` : ''}`,
      );
    }
    if (want.has('memory') && engine) {
      const raw = DIM * 4;
      const perVector = (engine.memory.rssAfter - engine.memory.rssBefore) / engine.n;
      const estimate = engine.memory.memoryBytes / engine.n;
      const server = s.serverMemory;
      figure(
        `memory-per-vector: ${int(perVector)} B RSS per stored vector = ${num(perVector / raw, 2)}× its raw float32 size (${int(raw)} B) ` +
          `(engine-only child, +${mb(engine.memory.rssAfter - engine.memory.rssBefore)} for ${int(engine.n)} vectors); ` +
          `memoryBytes() estimate ${num(estimate / raw, 2)}×; whole server process (loaded over HTTP) ${num(server.ratio, 2)}× ` +
          `(+${mb(server.rssAfter - server.rssBefore)}) INFO`,
      );
      results.memory = {
        rawBytesPerVector: raw,
        engine: { ...engine.memory, perVector, ratio: perVector / raw, memoryBytesRatio: estimate / raw },
        server,
      };
    }
  }
} catch (err) {
  log(`bench failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
  process.exitCode = 2;
} finally {
  await stopAll();
}

const elapsedS = (performance.now() - t0) / 1000;
figure(`done in ${num(elapsedS, 0)} s; load average ${loadavg().map((l) => num(l, 2)).join(' ')} at end (other work on this machine skews every figure)`);
const out = o.out ?? join(ROOT, 'reports', 'out', `bench-${started.toISOString().replace(/[:.]/g, '-')}.json`);
mkdirSync(join(out, '..'), { recursive: true });
writeFileSync(
  out,
  `${JSON.stringify(
    {
      command,
      startedAt: started.toISOString(),
      elapsedS,
      machine: { node: process.version, cpus: cpus().length, cpuModel: cpus()[0]?.model, loadavgEnd: loadavg() },
      settings,
      data: describeData(data),
      lines,
      results,
    },
    null,
    2,
  )}\n`,
);
process.stderr.write(`results written to ${relative(process.cwd(), out) || out}\n`);
if (o.strict && verdicts.some((v) => !v)) process.exitCode = 1;
