import seedrandom from 'seedrandom';

/** Seeded random source: the same seed yields the same sequence on every machine (seedrandom's ARC4). */
export interface Random {
  /** Uniform in [0, 1), 53 bits of precision. */
  next(): number;
  /** Uniform integer in [0, maxExclusive). */
  int(maxExclusive: number): number;
  /** `chars` lowercase hex digits. */
  hex(chars: number): string;
  /** One element, uniformly. Throws on an empty array. */
  pick<T>(arr: readonly T[]): T;
  /**
   * Exactly round(fraction × length) distinct elements, chosen uniformly, returned in their original order
   * (an exact count keeps fault plans such as "fail 10% of requests" predictable, unlike per-element coin flips).
   */
  subset<T>(arr: readonly T[], fraction: number): T[];
}

const HEX_BYTE = Array.from({ length: 256 }, (_, b) => b.toString(16).padStart(2, '0'));

export function createRandom(seed: string | number): Random {
  const prng = seedrandom(String(seed));
  const next = (): number => prng.double();
  const int = (maxExclusive: number): number => {
    if (!Number.isSafeInteger(maxExclusive) || maxExclusive <= 0) {
      throw new RangeError(`Random.int: maxExclusive must be a positive safe integer, got ${maxExclusive}`);
    }
    return Math.floor(next() * maxExclusive);
  };
  return {
    next,
    int,
    hex(chars) {
      if (!Number.isSafeInteger(chars) || chars < 0) throw new RangeError(`Random.hex: chars must be >= 0, got ${chars}`);
      // Eight hex digits per 32-bit draw, by table (request ids are generated on every request, and a radix-16
      // toString is the slow path of number formatting).
      let out = '';
      while (out.length < chars) {
        const x = prng.int32();
        out += HEX_BYTE[(x >>> 24) & 255]! + HEX_BYTE[(x >>> 16) & 255]! + HEX_BYTE[(x >>> 8) & 255]! + HEX_BYTE[x & 255]!;
      }
      return out.length === chars ? out : out.slice(0, chars);
    },
    pick(arr) {
      if (arr.length === 0) throw new RangeError('Random.pick: empty array');
      return arr[int(arr.length)] as (typeof arr)[number];
    },
    subset(arr, fraction) {
      if (!(fraction >= 0 && fraction <= 1)) throw new RangeError(`Random.subset: fraction must be in [0, 1], got ${fraction}`);
      const count = Math.round(fraction * arr.length);
      // Partial Fisher–Yates over indices, then restore the original order.
      const idx = Array.from(arr, (_, i) => i);
      for (let i = 0; i < count; i++) {
        const j = i + int(idx.length - i);
        const t = idx[i] as number;
        idx[i] = idx[j] as number;
        idx[j] = t;
      }
      return idx
        .slice(0, count)
        .sort((a, b) => a - b)
        .map((i) => arr[i] as (typeof arr)[number]);
    },
  };
}

