/**
 * Summarises V8 `.cpuprofile` files (from `node --cpu-prof`): self time by function, inclusive time by function,
 * and self time by source file, so `npm run bench -- --only delete --profile` says where a request's time goes.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './children.ts';
import { num } from './stats.ts';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

interface CpuProfile {
  startTime: number;
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

function where(url: string): string {
  if (!url) return '(native)';
  const path = url.replace(/^file:\/\//, '');
  return path.startsWith(ROOT) ? path.slice(ROOT.length + 1) : path;
}

function label(node: ProfileNode): string {
  const f = node.callFrame;
  return `${f.functionName || '(anonymous)'} ${where(f.url)}${f.url ? `:${f.lineNumber + 1}` : ''}`;
}

interface Summary {
  file: string;
  busyUs: number;
  idleUs: number;
  self: Map<string, number>;
  inclusive: Map<string, number>;
  byFile: Map<string, number>;
}

/** A span of CLOCK_MONOTONIC in microseconds (`process.hrtime.bigint() / 1000n`), which V8's profile clock also uses on Linux. */
export interface Window {
  fromUs: number;
  toUs: number;
}

export function monotonicUs(): number {
  return Number(process.hrtime.bigint() / 1000n);
}

function summariseOne(dir: string, file: string, windows: readonly Window[] | undefined): Summary {
  const p = JSON.parse(readFileSync(join(dir, file), 'utf8')) as CpuProfile;
  const byId = new Map(p.nodes.map((nd) => [nd.id, nd]));
  const parent = new Map<number, number>();
  for (const nd of p.nodes) for (const c of nd.children ?? []) parent.set(c, nd.id);
  const nodeSelf = new Map<number, number>();
  let t = p.startTime;
  for (let i = 0; i < p.samples.length; i++) {
    const dt = p.timeDeltas[i] ?? 0;
    t += dt;
    // Only the measured load, not start-up (module loading, spec compilation) or shutdown.
    if (windows && !windows.some((w) => t >= w.fromUs && t <= w.toUs)) continue;
    nodeSelf.set(p.samples[i]!, (nodeSelf.get(p.samples[i]!) ?? 0) + dt);
  }
  const s: Summary = { file, busyUs: 0, idleUs: 0, self: new Map(), inclusive: new Map(), byFile: new Map() };
  for (const [id, us] of nodeSelf) {
    const nd = byId.get(id)!;
    const name = nd.callFrame.functionName;
    if (name === '(idle)') {
      s.idleUs += us;
      continue;
    }
    s.busyUs += us;
    const key = label(nd);
    s.self.set(key, (s.self.get(key) ?? 0) + us);
    const f = name.startsWith('(') ? name : where(nd.callFrame.url);
    s.byFile.set(f, (s.byFile.get(f) ?? 0) + us);
    // Inclusive: charge every distinct frame on the stack once.
    const seen = new Set<string>();
    for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
      const k = label(byId.get(cur)!);
      if (seen.has(k)) continue;
      seen.add(k);
      s.inclusive.set(k, (s.inclusive.get(k) ?? 0) + us);
    }
  }
  return s;
}

/**
 * One `.cpuprofile` per thread (tsx's module loader and the JSON worker run in their own threads); the main thread is
 * detailed, the others' busy time is listed.
 */
export function summariseProfiles(dir: string, what: string, windows?: readonly Window[], top = 25) {
  const files = readdirSync(dir).filter((f) => f.endsWith('.cpuprofile'));
  let all = files.map((f) => summariseOne(dir, f, windows)).sort((a, b) => b.busyUs - a.busyUs);
  let scope = windows ? 'measured load only' : 'whole process lifetime';
  if (windows && (all[0]?.busyUs ?? 0) === 0) {
    // The profile clock did not line up with ours: fall back to everything.
    all = files.map((f) => summariseOne(dir, f, undefined)).sort((a, b) => b.busyUs - a.busyUs);
    scope = 'whole process lifetime (the measured window matched no samples)';
  }
  // node names profiles CPU.<date>.<time>.<pid>.<thread>.<seq>.cpuprofile; thread 0 is the event loop, which is the
  // one detailed (with a busy worker, e.g. the JSON parser during ingest, it is not the busiest).
  const isMain = (s: Summary) => /^CPU\.\d+\.\d+\.\d+\.0\./.test(s.file);
  const main = all.find(isMain) ?? all[0];
  if (!main) return { lines: [`no .cpuprofile in ${dir}`], json: {} };
  all = [main, ...all.filter((s) => s !== main)];
  const pct = (us: number) => `${num((100 * us) / Math.max(1, main.busyUs), 1)}%`;
  const rank = (m: Map<string, number>, k: number) => [...m].sort((a, b) => b[1] - a[1]).slice(0, k);
  const project = new Map([...main.inclusive].filter(([k]) => /(simulator|scenarios|cli|bench)\//.test(k)));
  const lines = [
    `profile of ${what} (${scope}): main thread ${num(main.busyUs / 1e6, 1)} s busy, ${num(main.idleUs / 1e6, 1)} s idle ` +
      `(${all.length - 1} other thread(s), ${num(all.slice(1).reduce((a, s) => a + s.busyUs, 0) / 1e6, 1)} s busy); shares of busy time — ${join(dir, main.file)}`,
    '  self time by file:',
    ...rank(main.byFile, 15).map(([k, us]) => `    ${pct(us).padStart(6)}  ${k}`),
    '  self time by function:',
    ...rank(main.self, top).map(([k, us]) => `    ${pct(us).padStart(6)}  ${k}`),
    '  inclusive time, project functions:',
    ...rank(project, top).map(([k, us]) => `    ${pct(us).padStart(6)}  ${k}`),
  ];
  const ms = (m: Map<string, number>, k: number) => Object.fromEntries(rank(m, k).map(([key, us]) => [key, us / 1000]));
  return {
    lines,
    json: {
      file: join(dir, main.file),
      busyMs: main.busyUs / 1000,
      idleMs: main.idleUs / 1000,
      otherThreads: all.slice(1).map((s) => ({ file: s.file, busyMs: s.busyUs / 1000 })),
      selfByFile: ms(main.byFile, 40),
      selfByFunction: ms(main.self, 60),
      inclusiveByFunction: ms(main.inclusive, 80),
    },
  };
}
