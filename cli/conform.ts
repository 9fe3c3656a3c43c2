/**
 * `vconf conform`: the main job. With no arguments: the in-process simulator, every scenario of every provider,
 * the three report formats under reports/out/<run>/, a one-line summary, exit 1 on any failure (2 on bad input).
 */
import type { Command } from 'commander';
import { relative } from 'node:path';
import { REPORTS_OUT, writeReports } from '../reports/index.ts';
import { progressWriter, summaryLine } from '../reports/terminal.ts';
import { loadProviders, REPO_ROOT, ScenarioFileError } from '../scenarios/runner/load.ts';
import { newRunId, RECORDINGS_DIR, runConformance, selectScenarios } from '../scenarios/runner/run.ts';
import { parseTarget } from '../scenarios/runner/targets.ts';

export interface ConformFlags {
  provider?: string[];
  scenario?: string[];
  target?: string;
  endpoint?: string[];
  out?: string;
  record?: boolean;
  replay?: boolean;
  recordings?: string;
  list?: boolean;
  progress?: boolean;
}

export function registerConform(program: Command): void {
  program
    .command('conform')
    .description('run the conformance scenarios against a target and write JUnit XML, JSON and HTML reports')
    .option('--provider <slug...>', 'only these providers (default: every provider with a scenario folder)')
    .option('--scenario <id...>', 'only these scenarios: ids, provider/id, or patterns with *')
    .option('--target <target>', 'in-process (default), http (serve an own simulator over HTTP), http://HOST:PORT, or real', 'in-process')
    .option('--endpoint <slug=url...>', 'HTTP simulator endpoint per provider (with --target http)')
    .option('--out <dir>', 'report directory (default reports/out/<run>/)')
    .option('--record', 'with --target real: save normalised answers under scenarios/recordings/')
    .option('--replay', 'compare every answer with its recording, field by field')
    .option('--recordings <dir>', 'recordings directory', RECORDINGS_DIR)
    .option('--list', 'list the selected scenarios and exit')
    .option('--no-progress', 'no progress display (the summary line is still printed)')
    .action(async (flags: ConformFlags) => {
      process.exitCode = await conform(flags);
    });
}

class UsageError extends Error {}

export interface ConformIo {
  stdout: Pick<NodeJS.WriteStream, 'write'>;
  stderr: NodeJS.WriteStream;
}

/** The command's body: returns the exit code (0 all good, 1 a failure, 2 bad input). */
export async function conform(flags: ConformFlags, io: ConformIo = { stdout: process.stdout, stderr: process.stderr }): Promise<number> {
  try {
    return await conformUnchecked(flags, io);
  } catch (err) {
    if (err instanceof ScenarioFileError || err instanceof UsageError) {
      io.stderr.write(`vconf conform: ${err.message}\n`);
      return 2;
    }
    throw err;
  }
}

async function conformUnchecked(flags: ConformFlags, io: ConformIo): Promise<number> {
  const endpoints: Record<string, string> = {};
  for (const pair of flags.endpoint ?? []) {
    const m = /^([a-z0-9-]+)=(https?:\/\/.+)$/.exec(pair);
    if (!m) throw new UsageError(`--endpoint takes slug=http://host:port, got "${pair}"`);
    endpoints[m[1]!] = m[2]!;
  }
  let target;
  try {
    target = parseTarget(flags.target, endpoints);
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
  if (flags.record && target.kind !== 'real') throw new UsageError('--record saves answers of the real service: use it with --target real');
  if (flags.list) {
    for (const b of await loadProviders({ providers: flags.provider })) {
      for (const s of selectScenarios(b.scenarios, flags.scenario)) io.stdout.write(`${b.adapter.slug}/${s.id}\t${s.operation}\t${s.title}\n`);
    }
    return 0;
  }
  const runId = newRunId(target.kind);
  const progress = progressWriter(io.stderr, { quiet: flags.progress === false });
  const report = await runConformance({
    target,
    providers: flags.provider,
    scenarios: flags.scenario,
    record: flags.record,
    replay: flags.replay,
    recordingsDir: flags.recordings,
    runId,
    onProgress: (ev) => progress.onProgress(ev),
  });
  progress.done();
  if (report.counts.total === 0) throw new UsageError('no scenario matched the selection');
  const written = writeReports(report, flags.out ?? `${REPORTS_OUT}${runId}`);
  io.stdout.write(`${summaryLine(report, relative(REPO_ROOT, written.dir) || '.')}\n`);
  if (report.counts.notApplicable === report.counts.total) {
    // Nothing ran (e.g. --target real without credentials): a green exit here would hide a misconfigured job.
    const reasons = [...new Set(report.scenarios.map((s) => s.reason))].slice(0, 3).join('; ');
    io.stderr.write(`vconf conform: no scenario was applicable on this target (${reasons})\n`);
    return 2;
  }
  return report.counts.failed > 0 ? 1 : 0;
}
