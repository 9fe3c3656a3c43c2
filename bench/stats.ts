/** Small numeric and formatting helpers shared by the benchmark sections. */

/** Nearest-rank percentile (p in 0–100) of unsorted samples; NaN when empty. */
export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length)));
  return sorted[rank - 1]!;
}

export function median(samples: readonly number[]): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export function mean(samples: readonly number[]): number {
  return samples.length === 0 ? Number.NaN : samples.reduce((a, b) => a + b, 0) / samples.length;
}

/** 13200 → "13,200". */
export function int(n: number): string {
  return Number.isFinite(n) ? Math.round(n).toLocaleString('en-US') : String(n);
}

/** Fixed decimals, thousands separators. */
export function num(n: number, digits: number): string {
  return Number.isFinite(n) ? n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits }) : String(n);
}

/** Milliseconds with sensible precision: 0.412 ms, 12.3 ms, 1,234 ms. */
export function ms(n: number): string {
  if (!Number.isFinite(n)) return String(n);
  const digits = n < 10 ? 3 : n < 100 ? 1 : 0;
  return `${num(n, digits)} ms`;
}

export function mb(bytes: number): string {
  return `${num(bytes / (1024 * 1024), 1)} MiB`;
}

export type Verdict = 'PASS' | 'FAIL' | 'INFO';

export function verdict(ok: boolean): Verdict {
  return ok ? 'PASS' : 'FAIL';
}

export { setTimeout as sleep } from 'node:timers/promises';
