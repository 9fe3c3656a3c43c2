/**
 * The figure-1 form shared by the three delete benchmarks: autocannon against a bare node:http server and against
 * `vconf serve`, in alternating rounds of the same run, reported as the median ratio of their request rates.
 */
import autocannon, { type Options, type Result } from 'autocannon';
import { monotonicUs, type Window } from './profile.ts';
import { int, median, num, verdict } from './stats.ts';

export interface DeleteHttpOptions {
  connections: number;
  durationS: number;
  warmupS: number;
  rounds: number;
  /** Directory for `vconf serve --cpu-prof` output; undefined = no profiling. */
  profileDir: string | undefined;
  log: (line: string) => void;
}

export const DELETE_TARGET = 0.35;

export interface Sample {
  /** The measured run (not the warm-up), for cutting profiles. */
  window: Window;
  reqPerSec: number;
  p50Ms: number;
  p99Ms: number;
  meanMs: number;
  requests: number;
  non2xx: number;
  errors: number;
  statusCodes: Record<string, number>;
}

/** A warm-up, then the measured autocannon run. */
export async function measure(common: Omit<Options, 'duration'>, opts: DeleteHttpOptions): Promise<Sample> {
  const settings = { ...common, connections: opts.connections, pipelining: 1 };
  if (opts.warmupS > 0) await autocannon({ ...settings, duration: opts.warmupS });
  const fromUs = monotonicUs();
  const r: Result = await autocannon({ ...settings, duration: opts.durationS });
  return {
    window: { fromUs, toUs: monotonicUs() },
    reqPerSec: r.requests.total / r.duration,
    p50Ms: r.latency.p50,
    p99Ms: r.latency.p99,
    meanMs: r.latency.average,
    requests: r.requests.total,
    non2xx: r.non2xx,
    errors: r.errors,
    statusCodes: Object.fromEntries(Object.entries(r.statusCodeStats).map(([k, v]) => [k, v.count])),
  };
}

/** Runs `rounds` × (bare, simulator) and summarises: one report line, the pass verdict and the JSON result. */
export async function compareRounds(
  opts: DeleteHttpOptions,
  what: { name: string; label: string; note?: string },
  bareRound: () => Promise<Sample>,
  simRound: (round: number) => Promise<Sample>,
) {
  const bare: Sample[] = [];
  const sim: Sample[] = [];
  for (let round = 1; round <= opts.rounds; round++) {
    opts.log(`  round ${round}/${opts.rounds}: bare node:http (${opts.warmupS} s warm-up + ${opts.durationS} s)…`);
    bare.push(await bareRound());
    opts.log(`  round ${round}/${opts.rounds}: vconf serve, ${what.label} (${opts.warmupS} s warm-up + ${opts.durationS} s)…`);
    sim.push(await simRound(round));
  }
  const ratios = sim.map((s, i) => s.reqPerSec / bare[i]!.reqPerSec);
  const ratio = median(ratios);
  const simRps = median(sim.map((s) => s.reqPerSec));
  const bareRps = median(bare.map((s) => s.reqPerSec));
  const simP99 = median(sim.map((s) => s.p99Ms));
  const bareP99 = median(bare.map((s) => s.p99Ms));
  const bad = sim.reduce((a, s) => a + s.non2xx + s.errors, 0);
  const pass = ratio >= DELETE_TARGET && bad === 0;
  const line =
    `${what.name}: ${int(simRps)} req/s vs bare node:http ${int(bareRps)} req/s → ratio ${num(ratio, 2)} ` +
    `(target ≥ ${DELETE_TARGET}) ${verdict(pass)}; p99 ${num(simP99, 0)} ms vs ${num(bareP99, 0)} ms ` +
    `(${what.note ? `${what.note}; ` : 'autocannon, '}${opts.connections} connections, ${opts.durationS} s after ${opts.warmupS} s warm-up, ` +
    `${opts.rounds} round${opts.rounds > 1 ? 's, medians' : ''}${bad > 0 ? `; ${bad} non-2xx/errors!` : ''})`;
  return {
    line,
    windows: sim.map((s) => s.window),
    pass,
    json: {
      target: DELETE_TARGET,
      ratio,
      ratios,
      simulator: { reqPerSec: simRps, p99Ms: simP99, rounds: sim },
      bare: { reqPerSec: bareRps, p99Ms: bareP99, rounds: bare },
      settings: { connections: opts.connections, durationS: opts.durationS, warmupS: opts.warmupS, rounds: opts.rounds },
    },
  };
}
