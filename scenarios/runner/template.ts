/**
 * Scenario values: `{{name}}` placeholders (resources and `{{var.NAME}}` adapter variables) and two generators
 * for data a person should not type out: `{$keys: {prefix, count, start?}}`, `{$vectors: {keys, dimension}}` and
 * `{$concat: [list, list, …]}`.
 */

export class TemplateError extends Error {
  override name = 'TemplateError';
}

export function resolveTemplates(value: unknown, vars: Record<string, string>): unknown {
  if (typeof value === 'string') {
    return value.replace(/\{\{\s*([a-zA-Z][\w.]*)\s*\}\}/g, (_m, name: string) => {
      const v = vars[name];
      if (v === undefined) throw new TemplateError(`unknown placeholder {{${name}}}`);
      return v;
    });
  }
  if (Array.isArray(value)) return value.map((v) => resolveTemplates(v, vars));
  if (value && typeof value === 'object') {
    const entries = Object.entries(value);
    if (entries.length === 1 && entries[0]![0] === '$keys') return generateKeys(resolveTemplates(entries[0]![1], vars));
    if (entries.length === 1 && entries[0]![0] === '$vectors') return generateVectors(resolveTemplates(entries[0]![1], vars));
    if (entries.length === 1 && entries[0]![0] === '$concat') {
      const parts = resolveTemplates(entries[0]![1], vars);
      if (!Array.isArray(parts) || !parts.every(Array.isArray)) throw new TemplateError('$concat needs a list of lists');
      return (parts as unknown[][]).flat();
    }
    return Object.fromEntries(entries.map(([k, v]) => [k, resolveTemplates(v, vars)]));
  }
  return value;
}

function generateKeys(spec: unknown): string[] {
  const s = spec as { prefix?: unknown; count?: unknown; start?: unknown };
  if (typeof s?.count !== 'number' || !Number.isInteger(s.count) || s.count < 0 || s.count > 100_000) {
    throw new TemplateError('$keys needs an integer count (0–100000)');
  }
  const prefix = typeof s.prefix === 'string' ? s.prefix : 'k';
  const start = typeof s.start === 'number' ? s.start : 0;
  return Array.from({ length: s.count }, (_, i) => `${prefix}${start + i}`);
}

/** Deterministic, well-separated vectors: key i gets [i+1, i+2, …] so distances are exact and distinct. */
export function vectorFor(i: number, dimension: number): number[] {
  return Array.from({ length: dimension }, (_, d) => i + 1 + d);
}

function generateVectors(spec: unknown): { key: string; data: { float32: number[] } }[] {
  const s = spec as { keys?: unknown; dimension?: unknown };
  if (!Array.isArray(s?.keys) || !s.keys.every((k) => typeof k === 'string')) throw new TemplateError('$vectors needs keys: a list of strings');
  if (typeof s.dimension !== 'number' || s.dimension < 1) throw new TemplateError('$vectors needs a dimension');
  return (s.keys as string[]).map((key, i) => ({ key, data: { float32: vectorFor(i, s.dimension as number) } }));
}
