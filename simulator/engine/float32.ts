/**
 * Stored values are float32. When a provider returns them, print each as the shortest decimal that reads back as
 * the same float32 (so 0.1 written comes back as 0.1, not 0.10000000149011612).
 */
export function shortestFloat32(v: number): number {
  if (!Number.isFinite(v) || v === 0) return v;
  for (let p = 1; p <= 9; p++) {
    const candidate = Number(v.toPrecision(p));
    if (Math.fround(candidate) === v) return candidate;
  }
  return v;
}

export function float32ToArray(values: Float32Array): number[] {
  const out = new Array<number>(values.length);
  for (let i = 0; i < values.length; i++) out[i] = shortestFloat32(values[i]!);
  return out;
}

/** Whether every value survives the conversion to float32 as a finite number. */
export function allFiniteFloat32(values: ArrayLike<unknown>): boolean {
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (typeof v !== 'number' || !Number.isFinite(Math.fround(v))) return false;
  }
  return true;
}
