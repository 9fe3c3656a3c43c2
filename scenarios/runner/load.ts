/**
 * Finds provider folders (`scenarios/<slug>/adapter.ts`), loads their clause catalogs and scenario files, and
 * validates both: first against the JSON Schema (ajv, every issue named by file and field), then the cross-checks a
 * schema cannot express (clause ids and quotes, state names, operationIds of the spec, step names in deviations).
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Ajv2020, type ErrorObject } from 'ajv/dist/2020.js';
import { parseDocument } from 'yaml';
import { loadSpecValidator } from '../../simulator/http/spec-validator.ts';
import { PROVIDER_SLUGS } from '../../simulator/index.ts';
import { placeholdersOf } from '../../simulator/core/given.ts';
import { CONTROL_STATES } from './control-states.ts';
import { clauseFileSchema, scenarioSchema } from './schema.ts';
import type { Clause, LoadedScenario, ProviderAdapter, Scenario } from './types.ts';

export const SCENARIOS_DIR = fileURLToPath(new URL('../', import.meta.url));
export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** A scenario or clause file that does not validate: every problem, each naming the file and the field. */
export class ScenarioFileError extends Error {
  constructor(readonly problems: string[]) {
    super(`invalid scenario files:\n  ${problems.join('\n  ')}`);
    this.name = 'ScenarioFileError';
  }
}

export interface ProviderBundle {
  adapter: ProviderAdapter;
  clauses: Clause[];
  scenarios: LoadedScenario[];
}

const RESERVED_FILES = new Set(['clauses.yaml']);

/** Slugs with an adapter, in the simulator's provider order, then alphabetically. */
export function providerFolders(root = SCENARIOS_DIR): string[] {
  const slugs = readdirSync(root).filter((d) => existsSync(join(root, d, 'adapter.ts')));
  const order = (s: string) => {
    const i = (PROVIDER_SLUGS as string[]).indexOf(s);
    return i === -1 ? PROVIDER_SLUGS.length : i;
  };
  return slugs.sort((a, b) => order(a) - order(b) || a.localeCompare(b));
}

export async function loadAdapter(slug: string, root = SCENARIOS_DIR): Promise<ProviderAdapter> {
  const mod = (await import(pathToFileURL(join(root, slug, 'adapter.ts')).href)) as { adapter?: ProviderAdapter };
  if (!mod.adapter || mod.adapter.slug !== slug) {
    throw new ScenarioFileError([`scenarios/${slug}/adapter.ts: must export \`adapter\` with slug "${slug}"`]);
  }
  return mod.adapter;
}

/** Loads and validates everything for the chosen providers (all when `only` is empty). Throws ScenarioFileError. */
export async function loadProviders(opts: { providers?: string[]; root?: string } = {}): Promise<ProviderBundle[]> {
  const root = opts.root ?? SCENARIOS_DIR;
  const available = providerFolders(root);
  const unknown = (opts.providers ?? []).filter((p) => !available.includes(p));
  if (unknown.length > 0) {
    throw new ScenarioFileError([`unknown provider(s) ${unknown.join(', ')}; scenario folders: ${available.join(', ') || 'none'}`]);
  }
  const chosen = opts.providers && opts.providers.length > 0 ? available.filter((p) => opts.providers!.includes(p)) : available;
  const problems: string[] = [];
  const bundles: ProviderBundle[] = [];
  for (const slug of chosen) {
    const adapter = await loadAdapter(slug, root);
    const clauses = loadClauses(slug, root, problems);
    const scenarios = loadScenarios(adapter, clauses, root, problems);
    bundles.push({ adapter, clauses, scenarios });
  }
  if (problems.length > 0) throw new ScenarioFileError(problems);
  return bundles;
}

function rel(file: string): string {
  return relative(REPO_ROOT, file);
}

function readYaml(file: string, problems: string[]): unknown {
  const doc = parseDocument(readFileSync(file, 'utf8'), { prettyErrors: true, uniqueKeys: true });
  if (doc.errors.length > 0) {
    for (const e of doc.errors) problems.push(`${rel(file)}: YAML: ${e.message.split('\n')[0]}`);
    return undefined;
  }
  return doc.toJS();
}

function createAjv(): Ajv2020 {
  return new Ajv2020({ allErrors: true, strict: true, allowUnionTypes: true });
}

/** `steps[2].expect.statuss` from an ajv error. */
export function fieldOf(e: ErrorObject): string {
  let path = e.instancePath
    .split('/')
    .slice(1)
    .map((seg) => (/^\d+$/.test(seg) ? `[${seg}]` : `.${seg.replace(/~1/g, '/').replace(/~0/g, '~')}`))
    .join('')
    .replace(/^\./, '');
  const params = e.params as Record<string, unknown>;
  if (e.keyword === 'additionalProperties') path = `${path ? `${path}.` : ''}${String(params.additionalProperty)}`;
  if (e.keyword === 'required') path = `${path ? `${path}.` : ''}${String(params.missingProperty)}`;
  return path || '(top level)';
}

function describe(e: ErrorObject): string {
  const params = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case 'additionalProperties':
      return 'unknown field';
    case 'required':
      return 'is required';
    case 'enum':
      return `must be one of ${(params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`;
    default:
      return e.message ?? e.keyword;
  }
}

/** One line per problem; `oneOf` noise (each failing branch) is collapsed to the branch closest to matching. */
function ajvProblems(file: string, errors: ErrorObject[] | null | undefined): string[] {
  const out = new Set<string>();
  for (const e of closestBranches(errors ?? [])) {
    if (e.keyword === 'oneOf' || e.keyword === 'if') continue;
    out.add(`${rel(file)}: ${fieldOf(e)}: ${describe(e)}`);
  }
  return [...out];
}

/** For each failing `oneOf`, keeps only the errors of the branch that came closest (fewest errors). */
function closestBranches(errors: ErrorObject[]): ErrorObject[] {
  let kept = errors;
  for (const o of errors.filter((e) => e.keyword === 'oneOf')) {
    const prefix = `${o.schemaPath}/`;
    const branches = new Map<string, ErrorObject[]>();
    for (const e of kept) {
      if (!e.schemaPath.startsWith(prefix) || !e.instancePath.startsWith(o.instancePath)) continue;
      const branch = e.schemaPath.slice(prefix.length).split('/')[0]!;
      branches.set(branch, [...(branches.get(branch) ?? []), e]);
    }
    if (branches.size < 2) continue;
    const best = [...branches.values()].sort((a, b) => a.length - b.length)[0]!;
    const drop = new Set([...branches.values()].filter((b) => b !== best).flat());
    kept = kept.filter((e) => !drop.has(e));
  }
  return kept;
}

function loadClauses(slug: string, root: string, problems: string[]): Clause[] {
  const file = join(root, slug, 'clauses.yaml');
  if (!existsSync(file)) return [];
  const data = readYaml(file, problems);
  if (data === undefined) return [];
  const validate = createAjv().compile(clauseFileSchema);
  if (!validate(data)) {
    problems.push(...ajvProblems(file, validate.errors));
    return [];
  }
  const doc = data as { provider: string; seeds: { file: string; operation: string; clauses: { id: string; section: string; quote: string }[] }[] };
  if (doc.provider !== slug) problems.push(`${rel(file)}: provider: must be "${slug}"`);
  const clauses: Clause[] = [];
  const seen = new Set<string>();
  for (const seed of doc.seeds) {
    for (const c of seed.clauses) {
      if (seen.has(c.id)) problems.push(`${rel(file)}: clause ${c.id}: duplicate id`);
      seen.add(c.id);
      clauses.push({ id: c.id, seed: seed.file, operation: seed.operation, section: c.section, quote: c.quote });
    }
  }
  return clauses;
}

function yamlFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) out.push(...yamlFiles(full));
    else if (/\.ya?ml$/.test(name) && !RESERVED_FILES.has(name)) out.push(full);
  }
  return out;
}

export function collapse(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

function loadScenarios(adapter: ProviderAdapter, clauses: Clause[], root: string, problems: string[]): LoadedScenario[] {
  const dir = join(root, adapter.slug);
  const validate = createAjv().compile(scenarioSchema(adapter.requestSchema, adapter.identities, adapter.resourceKinds));
  const clauseById = new Map(clauses.map((c) => [c.id, c]));
  const stateByName = new Map([...adapter.states, ...CONTROL_STATES].map((s) => [s.name, s]));
  let operationIds: Set<string> | undefined;
  try {
    operationIds = new Set(loadSpecValidator(adapter.slug).operationIds());
  } catch {
    operationIds = undefined; // no spec yet: operationIds are not checked
  }
  const knownCapabilities = new Set([...adapter.identities.map((i) => `identity:${i}`), 'control:faults', 'control:limits', 'control:options']);
  const scenarios: LoadedScenario[] = [];
  const ids = new Set<string>();
  for (const file of yamlFiles(dir)) {
    const data = readYaml(file, problems);
    if (data === undefined) continue;
    if (!validate(data)) {
      problems.push(...ajvProblems(file, validate.errors));
      continue;
    }
    const s = data as Scenario;
    const where = rel(file);
    const bad = (field: string, message: string) => problems.push(`${where}: ${field}: ${message}`);
    if (s.id !== basename(file).replace(/\.ya?ml$/, '')) bad('id', `must equal the file name ("${basename(file)}")`);
    if (ids.has(s.id)) bad('id', `duplicate scenario id "${s.id}"`);
    ids.add(s.id);
    if (s.provider !== adapter.slug) bad('provider', `must be "${adapter.slug}" (the folder)`);
    if (operationIds && !operationIds.has(s.operation)) bad('operation', `"${s.operation}" is not an operationId of specs/${adapter.slug}.yaml`);
    s.source.forEach((src, i) => {
      if (!('seed' in src)) return;
      const clause = clauseById.get(src.clause);
      if (!clause) return bad(`source[${i}].clause`, `unknown clause "${src.clause}" (scenarios/${adapter.slug}/clauses.yaml)`);
      if (clause.seed !== src.seed) bad(`source[${i}].seed`, `clause ${src.clause} belongs to ${clause.seed}`);
      if (!collapse(clause.quote).includes(collapse(src.quote))) bad(`source[${i}].quote`, `is not part of clause ${src.clause}: "${clause.quote}"`);
    });
    (s.requires ?? []).forEach((r, i) => {
      if (!knownCapabilities.has(r)) bad(`requires[${i}]`, `unknown capability "${r}" (known: ${[...knownCapabilities].join(', ')})`);
    });
    (s.given ?? []).forEach((g, i) => {
      const state = stateByName.get(g.state);
      if (!state) return bad(`given[${i}].state`, `unknown state "${g.state}"`);
      const missing = placeholdersOf(state.name).filter((p) => !(p in (g.params ?? {})));
      if (missing.length > 0) bad(`given[${i}].params`, `missing ${missing.join(', ')}`);
    });
    const stepNames = s.steps.map((st, i) => st.name ?? String(i));
    s.steps.forEach((st, i) => {
      if (operationIds && !operationIds.has(st.operation)) bad(`steps[${i}].operation`, `"${st.operation}" is not an operationId of specs/${adapter.slug}.yaml`);
    });
    if (new Set(stepNames).size !== stepNames.length) bad('steps', 'step names must be unique');
    (s.deviations ?? []).forEach((d, i) => {
      const ok = typeof d.step === 'number' ? d.step >= 0 && d.step < s.steps.length : stepNames.includes(d.step);
      if (!ok) bad(`deviations[${i}].step`, `no step "${d.step}"`);
    });
    const declared = new Set([...Object.keys(s.resources ?? {}), ...s.steps.flatMap((st) => Object.keys(st.capture ?? {}))]);
    // Variables a named state defines (StateInfo.defines): the value of each such parameter names one.
    for (const g of s.given ?? []) {
      for (const p of stateByName.get(g.state)?.defines ?? []) {
        const v = g.params?.[p];
        if (typeof v === 'string') declared.add(v);
      }
    }
    for (const ref of templateRefs(s)) {
      if (!declared.has(ref) && !ref.startsWith('var.')) bad('resources', `"{{${ref}}}" is used but not declared (declare it under resources, or use {{var.NAME}})`);
    }
    scenarios.push({ ...s, file: where });
  }
  return scenarios;
}

function templateRefs(s: Scenario): Set<string> {
  const refs = new Set<string>();
  const visit = (v: unknown) => {
    if (typeof v === 'string') for (const m of v.matchAll(/\{\{\s*([a-zA-Z][\w.]*)\s*\}\}/g)) refs.add(m[1]!);
    else if (Array.isArray(v)) v.forEach(visit);
    else if (v && typeof v === 'object') Object.values(v).forEach(visit);
  };
  visit(s.given);
  visit(s.steps);
  return refs;
}
