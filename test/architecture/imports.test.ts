/**
 * The import graph (issue 11 "Done when"): no circle anywhere in the project's own sources, and imports point one
 * way — core ← engine ← http ← provider folders ← the simulator's root ← scenarios, reports ← cli (STYLE.md "Imports
 * point one way"). Imports are read with TypeScript's own pre-processor, type-only imports included.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { PROVIDER_SLUGS } from '../../simulator/index.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const SOURCE_DIRS = ['simulator', 'scenarios', 'reports', 'cli', 'bench', 'load', 'test'];

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...sourceFiles(path));
    else if (/\.(ts|mjs|js)$/.test(name) && !name.endsWith('.d.ts')) out.push(path);
  }
  return out;
}

/** file (repo-relative) → the repo-relative files it imports. */
function importGraph(): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  for (const dir of SOURCE_DIRS) {
    for (const file of sourceFiles(join(ROOT, dir))) {
      const { importedFiles } = ts.preProcessFile(readFileSync(file, 'utf8'), true, true);
      const deps = importedFiles
        .map((f) => f.fileName)
        .filter((spec) => spec.startsWith('.'))
        .map((spec) => relative(ROOT, resolve(dirname(file), spec)));
      graph.set(relative(ROOT, file), deps);
    }
  }
  return graph;
}

/** Strongly connected components with more than one file, or a file importing itself (Tarjan). */
function circles(graph: Map<string, string[]>): string[][] {
  let index = 0;
  const stack: string[] = [];
  const on = new Set<string>();
  const idx = new Map<string, number>();
  const low = new Map<string, number>();
  const found: string[][] = [];
  const visit = (v: string) => {
    idx.set(v, index);
    low.set(v, index++);
    stack.push(v);
    on.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!graph.has(w)) continue;
      if (!idx.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (on.has(w)) low.set(v, Math.min(low.get(v)!, idx.get(w)!));
    }
    if (low.get(v) === idx.get(v)) {
      const scc: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        on.delete(w);
        scc.push(w);
      } while (w !== v);
      if (scc.length > 1 || (graph.get(v) ?? []).includes(v)) found.push(scc.sort());
    }
  };
  for (const v of graph.keys()) if (!idx.has(v)) visit(v);
  return found;
}

const graph = importGraph();
const edges = [...graph].flatMap(([from, tos]) => tos.map((to) => ({ from, to })));
const under = (dir: string) => (file: string) => file.startsWith(`${dir}/`);
const providerDirs = PROVIDER_SLUGS.map((s) => `simulator/${s}`);
const isProvider = (file: string) => providerDirs.some((d) => file.startsWith(`${d}/`));
const ROOT_FILES = ['simulator/index.ts', 'simulator/providers.ts', 'simulator/config.ts', 'simulator/limits.ts', 'simulator/fault-config.ts'];

function violations(from: (f: string) => boolean, to: (f: string) => boolean): string[] {
  return edges.filter((e) => from(e.from) && to(e.to)).map((e) => `${e.from} → ${e.to}`);
}

describe('imports point one way and never in a circle (issue 11)', () => {
  it('reads the whole project', () => {
    expect(graph.size).toBeGreaterThan(150);
    expect(graph.get('simulator/index.ts')).toContain('simulator/http/pipeline.ts');
  });

  it('has no import circle', () => {
    expect(circles(graph)).toEqual([]);
  });

  it('finds a circle when there is one (the check itself)', () => {
    const g = new Map([['a', ['b']], ['b', ['c']], ['c', ['a']], ['d', ['a']]]);
    expect(circles(g)).toEqual([['a', 'b', 'c']]);
  });

  it('simulator/core imports nothing of the project outside core', () => {
    expect(violations(under('simulator/core'), (f) => !f.startsWith('simulator/core/'))).toEqual([]);
  });

  it('simulator/engine knows no HTTP, no provider and no root', () => {
    expect(violations(under('simulator/engine'), (f) => !f.startsWith('simulator/engine/') && !f.startsWith('simulator/core/'))).toEqual([]);
  });

  it('simulator/http imports no provider folder and none of the root composition', () => {
    expect(violations(under('simulator/http'), (f) => isProvider(f) || ROOT_FILES.includes(f))).toEqual([]);
  });

  it('a provider folder imports no other provider folder and none of the root composition', () => {
    for (const dir of providerDirs) {
      expect(violations(under(dir), (f) => (isProvider(f) && !f.startsWith(`${dir}/`)) || ROOT_FILES.includes(f)), dir).toEqual([]);
    }
  });

  it('the scenario runner does not reach into the report writers (reports read the runner\'s model)', () => {
    expect(violations(under('scenarios'), under('reports'))).toEqual([]);
  });
});
