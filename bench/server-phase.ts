/**
 * Figures 3, 2 (over HTTP) and 4 (server): one simulator server process is loaded through PutVectors while small
 * probe requests are timed, then queried through QueryVectors once its background indexer has caught up.
 *
 *   1. probes with no ingest running (the baseline for the ratio)
 *   2. PutVectors ingest from a separate client process, probes running throughout
 *   3. probes while the server's background indexer drains what the ingest left pending
 *   4. server RSS before/after, QueryVectors latency and recall against the engine phase's exact answers
 */
import { mkdirSync } from 'node:fs';
import { createOssClient, type OssClient } from '../scenarios/clients/oss-vectors.ts';
import { spawnTs, type Child } from './children.ts';
import { generateVectors, recallAt, type DataSpec } from './data.ts';
import type { IngestDone, IngestPrepare } from './ingest-client.ts';
import { monotonicUs, type Window } from './profile.ts';
import { int, mean, median, ms, num, percentile, sleep, verdict } from './stats.ts';

export const INGEST_TARGET_VPS = 2500;
export const PROBE_P99_TARGET_MS = 50;
/** Probes run during the first seconds of the drain only. */
const DRAIN_PROBE_S = 15;

export interface ServerPhaseOptions {
  data: DataSpec;
  batch: number;
  concurrency: number;
  idleProbeS: number;
  /** Longest to wait for the background indexer before forcing a flush. */
  drainTimeoutS: number;
  /** Query vectors and the engine phase's exact top-K keys; undefined = skip the HTTP recall. */
  truth: string[][] | undefined;
  httpQueries: number;
  topK: number;
  /** Directory for the server's `--cpu-prof` output; undefined = no profiling. */
  profileDir: string | undefined;
  log: (line: string) => void;
}

const ACCOUNT = '1234567890';
const REGION = 'cn-hangzhou';
const BUCKET = 'bench-ingest';
const INDEX = 'idx';

interface ServerStats {
  memory: NodeJS.MemoryUsage;
  store: { live: number; pending: number; indexed: number; memoryBytes: number } | undefined;
}

function stats(server: Child, gc = false): Promise<ServerStats> {
  return server.request<ServerStats>({ type: 'stats', accountId: ACCOUNT, region: REGION, bucket: BUCKET, index: INDEX, gc });
}

interface ProbeSample {
  op: string;
  ms: number;
  status: number;
}

/**
 * Small requests, two in flight, alternating GetVectorIndex and a 1-key DeleteVectors of a missing key, with a
 * 10 ms pause between each loop's requests. Returns a stop function that resolves to the samples.
 */
function startProbes(client: OssClient): () => Promise<ProbeSample[]> {
  const samples: ProbeSample[] = [];
  let running = true;
  async function loop(offset: number): Promise<void> {
    for (let i = offset; running; i++) {
      const del = i % 2 === 0;
      const t0 = performance.now();
      const res = del
        ? await client.call('DeleteVectors', { bucket: BUCKET, body: { indexName: INDEX, keys: ['probe-missing-key'] } })
        : await client.call('GetVectorIndex', { bucket: BUCKET, body: { indexName: INDEX } });
      samples.push({ op: del ? 'DeleteVectors' : 'GetVectorIndex', ms: performance.now() - t0, status: res.status });
      await sleep(10);
    }
  }
  const loops = [loop(0), loop(1)];
  return async () => {
    running = false;
    await Promise.all(loops);
    return samples;
  };
}

function summarise(samples: ProbeSample[]) {
  const lat = samples.map((s) => s.ms);
  const byOp = (op: string) => samples.filter((s) => s.op === op).map((s) => s.ms);
  return {
    count: samples.length,
    p50Ms: percentile(lat, 50),
    p99Ms: percentile(lat, 99),
    maxMs: Math.max(...lat),
    failures: samples.filter((s) => s.status >= 300).length,
    byOp: Object.fromEntries(['GetVectorIndex', 'DeleteVectors'].map((op) => [op, { p50Ms: percentile(byOp(op), 50), p99Ms: percentile(byOp(op), 99) }])),
  };
}

export async function runServerPhase(opts: ServerPhaseOptions) {
  const { data } = opts;
  const nodeArgs = ['--expose-gc'];
  if (opts.profileDir) {
    mkdirSync(opts.profileDir, { recursive: true });
    nodeArgs.push('--cpu-prof', `--cpu-prof-dir=${opts.profileDir}`);
  }
  const { child: server, ready } = await spawnTs('bench/sim-server.ts', [], { nodeArgs, ipc: true, readyEvent: 'ready' });
  let ingest: Child | undefined;
  try {
    const endpoint = (ready as { endpoints: Record<string, string> }).endpoints['oss-vectors']!;
    const client = createOssClient({ endpoint, region: REGION, accountId: ACCOUNT, accessKeyId: 'test', accessKeySecret: 'test' });
    const made = await client.call('PutVectorBucket', { bucket: BUCKET });
    const idx = await client.call('PutVectorIndex', { bucket: BUCKET, body: { indexName: INDEX, dataType: 'float32', dimension: data.dim, distanceMetric: 'cosine' } });
    if (made.status !== 200 || idx.status !== 200) throw new Error(`set-up failed: PutVectorBucket ${made.status}, PutVectorIndex ${idx.status} ${idx.text}`);

    // 1. Baseline: the same probes with nothing else running.
    opts.log(`  probes with no ingest (${opts.idleProbeS} s)…`);
    let stop = startProbes(client);
    await sleep(opts.idleProbeS * 1000);
    const idle = summarise(await stop());

    const before = await stats(server, true);
    ({ child: ingest } = await spawnTs('bench/ingest-client.ts', [], { ipc: true }));
    const prepare: IngestPrepare = { type: 'prepare', endpoint, bucket: BUCKET, index: INDEX, data, batch: opts.batch, concurrency: opts.concurrency };
    opts.log(`  ingest client: generating ${int(data.n)} × ${data.dim}-d vectors and building the request bodies…`);
    const preparedReply = ingest.next<{ buildMs: number; bytes: number }>('prepared', 600_000);
    ingest.proc.send(prepare);
    const built = await preparedReply;

    // 2. Ingest with probes running.
    opts.log(`  PutVectors ingest: ${int(data.n)} vectors, ${opts.batch} per request, ${opts.concurrency} in flight, probes running…`);
    stop = startProbes(client);
    const doneReply = ingest.next<IngestDone>('done', 1_800_000);
    const ingestFrom = monotonicUs();
    ingest.proc.send({ type: 'go' });
    const done = await doneReply;
    const ingestWindow: Window = { fromUs: ingestFrom, toUs: monotonicUs() };
    const during = summarise(await stop());
    const afterIngest = await stats(server);
    await ingest.stop();
    ingest = undefined;
    if (done.errors.length > 0) throw new Error(`PutVectors failed: ${done.errors.join(' | ')}`);

    // 3. The background indexer drains the backlog. Probes run for the first DRAIN_PROBE_S seconds only, so the
    //    end-to-end indexing rate is not slowed by them for the rest of the drain.
    const backlog = afterIngest.store?.pending ?? 0;
    opts.log(`  waiting for the server's background indexer (${int(backlog)} vectors pending)…`);
    stop = startProbes(client);
    let stopProbes: (() => Promise<ProbeSample[]>) | undefined = stop;
    let drainingSamples: ProbeSample[] = [];
    const drain0 = performance.now();
    let pending = backlog;
    let lastLog = drain0;
    let forced: number | undefined;
    while (pending > 0) {
      await sleep(500);
      if (stopProbes && performance.now() - drain0 > DRAIN_PROBE_S * 1000) {
        drainingSamples = await stopProbes();
        stopProbes = undefined;
      }
      pending = (await stats(server)).store?.pending ?? 0;
      if (performance.now() - lastLog > 15_000) {
        opts.log(`    ${int(pending)} pending after ${num((performance.now() - drain0) / 1000, 0)} s`);
        lastLog = performance.now();
      }
      if (pending > 0 && performance.now() - drain0 > opts.drainTimeoutS * 1000) {
        opts.log(`    drain timeout (${opts.drainTimeoutS} s): forcing flush() of ${int(pending)} vectors`);
        forced = pending;
        await server.request({ type: 'flush', accountId: ACCOUNT, region: REGION, bucket: BUCKET, index: INDEX }, 1_800_000);
        pending = 0;
      }
    }
    const drainMs = performance.now() - drain0;
    if (stopProbes) drainingSamples = await stopProbes();
    const draining = summarise(drainingSamples);
    const after = await stats(server, true);

    // 4. QueryVectors over HTTP.
    let http: { medianMs: number; p99Ms: number; recall: number | undefined; queries: number; failures: number } | undefined;
    let queryWindow: Window | undefined;
    if (opts.httpQueries > 0) {
      const queryFrom = monotonicUs();
      const q = generateVectors({ ...data, n: opts.httpQueries }, 'queries');
      const latencies: number[] = [];
      const recalls: number[] = [];
      let failures = 0;
      for (let i = -3; i < opts.httpQueries; i++) {
        const qi = Math.max(0, i);
        const values = Array.from(q.subarray(qi * data.dim, (qi + 1) * data.dim), (v) => Math.round(v * 1e4) / 1e4);
        const t0 = performance.now();
        const res = await client.call('QueryVectors', { bucket: BUCKET, body: { indexName: INDEX, queryVector: { float32: values }, topK: opts.topK, returnDistance: true } });
        const elapsed = performance.now() - t0;
        if (i < 0) continue; // warm-up
        if (res.status !== 200) {
          failures++;
          continue;
        }
        latencies.push(elapsed);
        const truth = opts.truth?.[i];
        if (truth) recalls.push(recallAt((res.json as { vectors: { key: string }[] }).vectors, truth.map((key) => ({ key }))));
      }
      queryWindow = { fromUs: queryFrom, toUs: monotonicUs() };
      http = { medianMs: median(latencies), p99Ms: percentile(latencies, 99), recall: recalls.length > 0 ? mean(recalls) : undefined, queries: latencies.length, failures };
    }

    // Figures.
    const ok = done.requests.filter((r) => r.status === 200);
    const vectors = ok.reduce((a, r) => a + r.vectors, 0);
    const vps = vectors / (done.elapsedMs / 1000);
    const reqMs = ok.map((r) => r.end - r.start);
    const indexedEndToEnd = data.n / ((done.elapsedMs + drainMs) / 1000);
    const vpsPass = vps >= INGEST_TARGET_VPS;
    const p99Pass = during.p99Ms <= PROBE_P99_TARGET_MS;
    const ingestLine =
      `put-vectors-ingest: ${int(vps)} vectors/s accepted (${int(data.n)} × ${data.dim}-d, ${opts.batch} per PutVectors, ${opts.concurrency} in flight; ` +
      `median request ${ms(median(reqMs))}) (target ≥ ${int(INGEST_TARGET_VPS)}/s) ${verdict(vpsPass)}; ` +
      `${int(backlog)} left pending at the end, indexed end to end at ${int(indexedEndToEnd)} vectors/s (backlog drained in ${num(drainMs / 1000, 1)} s${forced ? `, flush forced for ${int(forced)}` : ''})`;
    const probeLine =
      `small-requests-during-ingest: p99 ${ms(during.p99Ms)} during ingest vs ${ms(idle.p99Ms)} with no ingest → ratio ${num(during.p99Ms / idle.p99Ms, 1)}× ` +
      `(target p99 ≤ ${PROBE_P99_TARGET_MS} ms) ${verdict(p99Pass)}; p99 ${ms(draining.p99Ms)} while the background indexer ran ` +
      `(GetVectorIndex + 1-key DeleteVectors, 2 in flight; ${during.count} / ${idle.count} / ${draining.count} samples)`;
    const rssPerVector = (after.memory.rss - before.memory.rss) / data.n;
    const raw = data.dim * 4;
    return {
      windows: { ingest: ingestWindow, queries: queryWindow },
      ingestLine,
      probeLine,
      pass: vpsPass && p99Pass && during.failures === 0 && idle.failures === 0,
      http,
      serverMemory: {
        rssBefore: before.memory.rss,
        rssAfter: after.memory.rss,
        rssPerVector,
        ratio: rssPerVector / raw,
        memoryBytes: after.store?.memoryBytes,
        heapUsedAfter: after.memory.heapUsed,
        arrayBuffersAfter: after.memory.arrayBuffers,
      },
      json: {
        ingest: {
          targetVps: INGEST_TARGET_VPS,
          vectors,
          vectorsPerSec: vps,
          elapsedMs: done.elapsedMs,
          requests: done.requests.length,
          requestMedianMs: median(reqMs),
          requestP99Ms: percentile(reqMs, 99),
          bodyBytesMean: mean(done.requests.map((r) => r.bytes)),
          clientBodyBuildMs: built.buildMs,
          bodyBytesTotal: built.bytes,
          pendingAtEnd: backlog,
          drainMs,
          forcedFlush: forced,
          indexedEndToEndVps: indexedEndToEnd,
        },
        probes: { targetP99Ms: PROBE_P99_TARGET_MS, idle, during, draining, ratio: during.p99Ms / idle.p99Ms },
        server: { before, afterIngest, after },
        queryHttp: http,
      },
    };
  } finally {
    await ingest?.stop();
    await server.stop();
  }
}
