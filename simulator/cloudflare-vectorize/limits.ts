/** Cloudflare's documented API rate limits that apply to Vectorize, as data (composed in simulator/limits.ts). */
import type { LimitRule } from '../engine/faults.ts';

export const CLOUDFLARE_LIMITS: readonly LimitRule[] = [
  {
    id: 'cloudflare-vectorize/per-token',
    provider: 'cloudflare-vectorize',
    operations: ['*'],
    per: ['credential'],
    limit: 1200,
    windowMs: 5 * 60 * 1000,
    unit: 'requests',
    source: 'fact sheet cloudflare-vectorize.md §8 (1,200 requests per 5 minutes per user/account token)',
  },
  {
    id: 'cloudflare-vectorize/per-client',
    provider: 'cloudflare-vectorize',
    operations: ['*'],
    per: ['client'],
    limit: 200,
    windowMs: 1000,
    unit: 'requests',
    source: 'fact sheet cloudflare-vectorize.md §8 (200 requests per second per IP)',
  },
];
