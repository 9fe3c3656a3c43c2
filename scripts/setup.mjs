#!/usr/bin/env node
// Project-owned set-up: idempotent and cached. Called by `npm test`, `npm run conform` and `npm run bench`,
// so a fresh clone needs no other step.
//   node scripts/setup.mjs          npm dependencies (hnswlib-node compiled from source, offline headers)
//   node scripts/setup.mjs --sdks   also the official Go and Python SDKs the tests drive, k6 for load/,
//                                   and Debian's Chromium for the HTML-report browser test
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const args = new Set(process.argv.slice(2));

function log(msg) {
  process.stderr.write(`[setup] ${msg}\n`);
}

function run(cmd, argv, env = {}) {
  const r = spawnSync(cmd, argv, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
  if (r.status !== 0) {
    log(`${cmd} ${argv.join(' ')} failed with exit code ${r.status}`);
    process.exit(r.status ?? 1);
  }
}

/** node-gyp compiles offline only when it knows where Node's headers are; find them next to this node. */
function findNodeDir() {
  const candidates = [resolve(dirname(process.execPath), '..'), '/usr', '/usr/local'];
  for (const dir of candidates) {
    if (existsSync(join(dir, 'include', 'node', 'node_api.h'))) return dir;
  }
  return undefined;
}

function installNpmDependencies() {
  const lock = readFileSync(join(root, 'package-lock.json'));
  const stamp = createHash('sha256').update(lock).update(process.version).digest('hex');
  const stampFile = join(root, 'node_modules', '.vconf-install-stamp');
  // Native addons compiled at install: hnswlib-node (the index) and better-sqlite3 (--state-dir persistence).
  const addons = [
    join(root, 'node_modules', 'hnswlib-node', 'build', 'Release', 'addon.node'),
    join(root, 'node_modules', 'better-sqlite3', 'build', 'Release', 'better_sqlite3.node'),
  ];
  if (existsSync(stampFile) && readFileSync(stampFile, 'utf8') === stamp && addons.every((a) => existsSync(a))) return;

  const nodedir = findNodeDir();
  if (!nodedir) {
    log(`cannot find Node's headers (include/node/node_api.h) near ${process.execPath}, /usr or /usr/local;`);
    log('install the package that ships them (Debian: nodejs or libnode-dev) and run again');
    process.exit(1);
  }
  log(`npm ci (node headers from ${nodedir})`);
  // Optional dependencies stay on: Pact's native core ships in an optional platform package.
  run('npm', ['ci', '--no-audit', '--no-fund'], {
    npm_config_nodedir: nodedir,
    CXXFLAGS: process.env.CXXFLAGS ?? '-O3 -march=native',
  });
  for (const addon of addons) {
    if (!existsSync(addon)) {
      log(`a native addon was not compiled (${addon} is missing): its install script did not run`);
      process.exit(1);
    }
  }
  writeFileSync(stampFile, stamp);
}

installNpmDependencies();
if (args.has('--sdks')) {
  run('bash', ['scripts/setup-go-sdk.sh']);
  run('bash', ['scripts/setup-python-sdk.sh']);
  run('bash', ['scripts/setup-k6.sh']);
  run('bash', ['scripts/setup-chromium.sh']);
}
