#!/usr/bin/env node
// Generates specs/generated/<slug>.ts from every specs/<slug>.yaml (except redocly.yaml) with openapi-typescript.
//   node scripts/gen-types.mjs           write the files
//   node scripts/gen-types.mjs --check   regenerate in memory; exit 1 naming each file that differs (CI drift check)
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import openapiTS, { astToString } from 'openapi-typescript';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const specDir = join(root, 'specs');
const outDir = join(specDir, 'generated');
const check = process.argv.includes('--check');

const slugs = readdirSync(specDir)
  .filter((name) => name.endsWith('.yaml') && name !== 'redocly.yaml')
  .map((name) => name.slice(0, -'.yaml'.length))
  .sort();

async function generate(slug) {
  // defaultNonNullable: false keeps request fields that merely have a documented default (returnData, maxResults…)
  // optional, as clients may omit them.
  const ast = await openapiTS(pathToFileURL(join(specDir, `${slug}.yaml`)), { defaultNonNullable: false });
  const header = `// generated from specs/${slug}.yaml by scripts/gen-types.mjs; do not edit\n\n`;
  return header + astToString(ast);
}

const stale = [];
for (const slug of slugs) {
  const file = join(outDir, `${slug}.ts`);
  const relative = `specs/generated/${slug}.ts`;
  const text = await generate(slug);
  if (check) {
    if (!existsSync(file) || readFileSync(file, 'utf8') !== text) stale.push(relative);
  } else {
    mkdirSync(outDir, { recursive: true });
    if (!existsSync(file) || readFileSync(file, 'utf8') !== text) {
      writeFileSync(file, text);
      console.log(`wrote ${relative}`);
    } else {
      console.log(`unchanged ${relative}`);
    }
  }
}

if (check) {
  if (stale.length > 0) {
    for (const file of stale) console.error(`gen-types: ${file} differs from its spec; run \`npm run gen\``);
    process.exit(1);
  }
  console.log(`gen-types: ${slugs.length} generated file(s) up to date`);
}
