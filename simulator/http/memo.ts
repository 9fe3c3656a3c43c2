/**
 * Bounded memoisation of pure functions of one string (request-line parsing, canonical query, Authorization
 * parsing). Requests repeat these strings constantly (`deleteVectors`, one bucket host, one SDK's header shape), so
 * the hot path parses each distinct string once. Cleared wholesale when full: no unbounded growth from unique input.
 */
export function memoize<R>(fn: (key: string) => R, max = 2048): (key: string) => R {
  const cache = new Map<string, R>();
  return (key: string) => {
    let value = cache.get(key);
    if (value === undefined && !cache.has(key)) {
      if (cache.size >= max) cache.clear();
      value = fn(key);
      cache.set(key, value);
    }
    return value as R;
  };
}
