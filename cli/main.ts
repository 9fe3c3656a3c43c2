/** The `vconf` command line. */
import { Command, InvalidArgumentError } from 'commander';
import { readFileSync } from 'node:fs';
import { createSimulator, PROVIDER_SLUGS } from '../simulator/index.ts';
import { loadConfigFile } from '../simulator/config.ts';
import { faultConfigFor } from '../simulator/fault-config.ts';
import { SimulatorError } from '../simulator/core/errors.ts';
import { registerConform } from './conform.ts';

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
    .option('--seed <seed>', 'seed for generated ids and fault subsets (default: the config file\'s, else "vconf")');
  for (const slug of PROVIDER_SLUGS) serve.option(`--${slug}-port <port>`, `port for ${slug} (0 = a free one)`, port, 0);
  serve.action(async (opts: Record<string, unknown>) => {
    const fromFile = typeof opts.config === 'string' ? loadConfigFile(opts.config) : {};
    const faults = typeof opts.faults === 'string' ? faultConfigFor(PROVIDER_SLUGS).loadFaultFile(opts.faults) : {};
    const sim = createSimulator({
      ...fromFile,
      ...(faults.faults ? { faults: faults.faults } : {}),
      ...(faults.limits ? { limits: faults.limits } : {}),
      ...(typeof opts.seed === 'string' ? { seed: opts.seed } : {}),
      ...(opts.auth === false ? { auth: false } : {}),
    });
    const ports: Record<string, number> = {};
    for (const slug of PROVIDER_SLUGS) ports[slug] = opts[camel(`${slug}-port`)] as number;
    const endpoints = await sim.startHttp({ host: String(opts.host), ports });
    process.stdout.write(`${JSON.stringify({ event: 'ready', endpoints })}\n`);
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

function camel(flag: string): string {
  return flag.replace(/-([a-z])/g, (_m, c: string) => c.toUpperCase());
}
