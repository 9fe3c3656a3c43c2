/**
 * Pieces shared by the three providers' named states (`simulator/<provider>/given.ts`, the pact-js style "given"
 * set-ups the conformance runner and the Pact verification use): the set-up error, parameter parsing, placeholders.
 */

/** A precondition that could not be established: the scenario fails in its `given` phase, naming this. */
export class StateSetupError extends Error {
  override name = 'StateSetupError';
}

/** The `{param}` placeholders of a state name, in order. */
export function placeholdersOf(name: string): string[] {
  return [...name.matchAll(/\{([a-zA-Z][a-zA-Z0-9]*)\}/g)].map((m) => m[1]!);
}

/** A non-empty string parameter. */
export function stringParam(params: Record<string, unknown>, name: string): string {
  const v = params[name];
  if (typeof v !== 'string' || v === '') throw new StateSetupError(`parameter ${name} must be a non-empty string`);
  return v;
}

/** A list-of-strings parameter, given as a list or as one comma-separated string. */
export function listParam(params: Record<string, unknown>, name: string): string[] {
  const v = params[name];
  const list = typeof v === 'string' ? v.split(',').map((k) => k.trim()).filter(Boolean) : v;
  if (!Array.isArray(list) || !list.every((k) => typeof k === 'string')) throw new StateSetupError(`parameter ${name} must be a list of strings`);
  return list as string[];
}

/** The `dim` parameter: an integer from 1 to the provider's documented maximum. */
export function dimensionParam(params: Record<string, unknown>, max: number): number {
  const d = Number(params.dim);
  if (!Number.isInteger(d) || d < 1 || d > max) throw new StateSetupError(`parameter dim must be an integer 1–${max}`);
  return d;
}

/** Throws a StateSetupError naming the step unless the answer's status is one of `ok`. */
export function expectStatus(what: string, res: { status: number; text: string }, ok: readonly number[]): void {
  if (!ok.includes(res.status)) throw new StateSetupError(`${what}: HTTP ${res.status} ${res.text.slice(0, 300)}`);
}

/** Deterministic, well-separated vectors: the i-th key gets [i+1, i+2, …] (the same as the scenarios' `$vectors`). */
export function stateVector(i: number, dimension: number): number[] {
  return Array.from({ length: dimension }, (_, d) => i + 1 + d);
}
