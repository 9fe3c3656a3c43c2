#!/usr/bin/env node
// Lints every specs/*.yaml (except the redocly config itself) in one `redocly lint` run, so a spec added by another
// provider is linted without touching package.json. Exits with redocly's status.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const specs = readdirSync(join(root, 'specs'))
  .filter((name) => name.endsWith('.yaml') && name !== 'redocly.yaml')
  .sort()
  .map((name) => join('specs', name));

if (specs.length === 0) {
  console.error('lint-specs: no specs/*.yaml found');
  process.exit(1);
}

const bin = join(root, 'node_modules', '.bin', process.platform === 'win32' ? 'redocly.cmd' : 'redocly');
const result = spawnSync(bin, ['lint', '--config', 'specs/redocly.yaml', ...specs], { cwd: root, stdio: 'inherit' });
if (result.error) {
  console.error(`lint-specs: cannot run redocly: ${result.error.message}`);
  process.exit(1);
}
process.exit(result.status ?? 1);
