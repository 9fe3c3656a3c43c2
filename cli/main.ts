/** The `vconf` command line. */
import { Command, InvalidArgumentError, Option } from 'commander';
import { readFileSync } from 'node:fs';
import { createSimulator, PROVIDER_SLUGS } from '../simulator/index.ts';
import { loadConfigFile } from '../simulator/config.ts';
import { faultConfigFor } from '../simulator/fault-config.ts';
import { SimulatorError } from '../simulator/core/errors.ts';
import { registerConform } from './conform.ts';
import { SqliteWriteLog, type SyncPolicy } from '../simulator/persistence/sqlite-write-log.ts';

function port(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new InvalidArgumentError('a port is an integer from 0 to 65535 (0 = pick a free one)');
  return n;
}

export async function main(argv: string[]): Promise<void> {
  const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };
  const program = new Command('vconf')
    .description('Conformance simulator and contract tests for vector-store delete APIs')
    .version(pkg.version);

  const serve = program
    .command('serve')
    .description('serve every provider over HTTP on 127.0.0.1; prints one JSON line with the endpoints when ready')
    .option('--host <address>', 'address to bind', '127.0.0.1')
    .option('--config <file>', 'world configuration (YAML or JSON): accounts, keys, behaviour switches')
    .option('--faults <file>', 'fault plans and QPS limits (YAML or JSON): { faults: [...], limits: documented | none | [...] }')
    .option('--no-auth', 'accept unsigned requests (signature verification off)')
    .option('--seed <seed>', 'seed for generated ids and fault subsets (default: the config file\'s, else "vconf")')
    .option('--state-dir <dir>', 'keep the whole world in this directory across restarts (created on first use; writes are answered once on disk)')
    .addOption(new Option('--state-sync <policy>', 'when a write counts as durable: full (fsync every commit: survives power loss) or normal (survives a killed server, not a machine crash)').choices(['full', 'normal']).default('full'))
    .option('--snapshots', 'keep a write log in memory, so GET/PUT /__vconf/world can snapshot and restore the world without a state directory')
    .option('--world <file>', 'start from this world snapshot (a file saved from GET /__vconf/world)');
  for (const slug of PROVIDER_SLUGS) serve.option(`--${slug}-port <port>`, `port for ${slug} (0 = a free one)`, port, 0);
  serve.action(async (opts: Record<string, unknown>) => {
    const fromFile = typeof opts.config === 'string' ? loadConfigFile(opts.config) : {};
    const faults = typeof opts.faults === 'string' ? faultConfigFor(PROVIDER_SLUGS).loadFaultFile(opts.faults) : {};
    const seed = typeof opts.seed === 'string' ? opts.seed : fromFile.seed;
    const stored = typeof opts.stateDir === 'string' ? openStateDir(opts.stateDir, seed, pkg.version, opts.stateSync as SyncPolicy) : undefined;
    const sim = createSimulator({
      ...fromFile,
      ...(faults.faults ? { faults: faults.faults } : {}),
      ...(faults.limits ? { limits: faults.limits } : {}),
      ...(stored ? { seed: stored.info.seed } : seed !== undefined ? { seed } : {}),
      ...(opts.auth === false ? { auth: false } : {}),
      ...(stored ? { writeLog: stored } : opts.snapshots || typeof opts.world === 'string' ? { writeLog: 'memory' as const } : {}),
    });
    try {
      if (stored?.info.existing) await sim.world.replay(stored.entries());
      if (typeof opts.world === 'string') await sim.world.restore(readText(opts.world, 'world snapshot'));
    } catch (err) {
      await sim.close();
      throw err;
    }
    const ports: Record<string, number> = {};
    for (const slug of PROVIDER_SLUGS) ports[slug] = opts[camel(`${slug}-port`)] as number;
    const endpoints = await sim.startHttp({ host: String(opts.host), ports });
    const world = stored ? { stateDir: opts.stateDir, restoredWrites: stored.info.entries } : {};
    process.stdout.write(`${JSON.stringify({ event: 'ready', endpoints, seed: sim.world.seed, ...world })}\n`);
    const stop = async () => {
      await sim.close();
      process.exit(0);
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });

  registerConform(program);

  try {
    await program.parseAsync(argv);
  } catch (err) {
    if (err instanceof SimulatorError) {
      process.stderr.write(`vconf: ${err.message}\n`);
      process.exit(2);
    }
    throw err;
  }
}

/** The state directory's durable write log; a seed given for an existing world must be the world's own. */
function openStateDir(dir: string, seed: string | undefined, version: string, sync: SyncPolicy): SqliteWriteLog {
  const log = SqliteWriteLog.open(dir, { seed: seed ?? 'vconf', vconfVersion: version, sync });
  if (log.info.existing && seed !== undefined && seed !== log.info.seed) {
    log.close();
    throw new SimulatorError(`--state-dir ${dir} holds a world made with seed "${log.info.seed}"; --seed "${seed}" would not reproduce it (omit --seed)`);
  }
  return log;
}

function readText(path: string, what: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (err) {
    throw new SimulatorError(`cannot read ${what} ${path}: ${(err as Error).message}`);
  }
}

function camel(flag: string): string {
  return flag.replace(/-([a-z])/g, (_m, c: string) => c.toUpperCase());
}
