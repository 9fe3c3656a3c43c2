/** Cloudflare's rate-limit headers (fact sheet §8; issue 5 §1 "its rate-limit headers"). */
import { describe, expect, it } from 'vitest';
import { createSimulator } from '../../simulator/index.ts';

describe('Ratelimit and Ratelimit-Policy headers (fact sheet §8)', () => {
  it('name the tightest rule with its remaining quota on every limited answer, and on the 429 with Retry-After', async () => {
    const sim = createSimulator({
      limits: [{ id: 'cloudflare-vectorize/burst', provider: 'cloudflare-vectorize', operations: ['*'], per: ['client'], limit: 3, windowMs: 60_000, unit: 'requests', source: 'test' }],
    });
    const base = (await sim.startHttp())['cloudflare-vectorize'];
    try {
      const list = () => fetch(`${base}/accounts/023e105f4ecef8ad9ca31a8372d0c353/vectorize/v2/indexes`, { headers: { authorization: 'Bearer test' } });
      const seen: (string | null)[][] = [];
      for (let i = 0; i < 4; i++) {
        const res = await list();
        seen.push([String(res.status), res.headers.get('ratelimit'), res.headers.get('ratelimit-policy'), res.headers.get('retry-after')]);
      }
      // t counts down from the window (60 s) as the first request ages: allow a few seconds of a slow machine.
      seen.slice(0, 3).forEach(([status, ratelimit, policy], i) => {
        expect(status).toBe('200');
        expect(ratelimit).toMatch(new RegExp(`^"burst";r=${2 - i};t=(5\\d|60)$`));
        expect(policy).toBe('"burst";q=3;w=60');
      });
      const [status, ratelimit, policy, retryAfter] = seen[3]!;
      expect(status).toBe('429');
      expect(ratelimit).toMatch(/^"burst";r=0;t=(5\d|60)$/);
      expect(policy).toBe('"burst";q=3;w=60');
      expect(Number(retryAfter)).toBeGreaterThanOrEqual(50);
    } finally {
      await sim.close();
    }
  });
});
