/**
 * The documented QPS limits, as data. Every value is configurable (`limits` option, `vconf serve --faults file`,
 * the control API); operations without a documented figure are unlimited unless configured.
 */
import type { LimitRule } from './engine/faults.ts';

const SECOND = 1000;

export const DOCUMENTED_LIMITS: readonly LimitRule[] = [
  {
    id: 'oss-vectors/PutVectorIndex',
    provider: 'oss-vectors',
    operations: ['PutVectorIndex'],
    per: ['account'],
    limit: 5,
    windowMs: SECOND,
    unit: 'requests',
    source: 'fact sheet oss-vectors.md §3.5, §6 (PutVectorIndex: at most 5 requests per second)',
  },
  {
    // The docs disagree (fact sheet §11.3): 5 QPS (older pages) vs 1,000 requests and 2,500 vectors per second
    // per index (newer pages). Default: the newer figures; set limit 5 here for the older reading.
    id: 'oss-vectors/PutVectors/requests',
    provider: 'oss-vectors',
    operations: ['PutVectors'],
    per: ['account', 'resource'],
    limit: 1000,
    windowMs: SECOND,
    unit: 'requests',
    source: 'fact sheet oss-vectors.md §6, §11.3 (PutVectors: 1,000 requests per second per index; older pages: 5)',
  },
  {
    id: 'oss-vectors/PutVectors/vectors',
    provider: 'oss-vectors',
    operations: ['PutVectors'],
    per: ['account', 'resource'],
    limit: 2500,
    windowMs: SECOND,
    unit: 'items',
    source: 'fact sheet oss-vectors.md §6, §11.3 (PutVectors: 2,500 vectors per second per index)',
  },
  ...(
    [
      ['DeleteFiles', 10, 'seed 004_ce74739a6d71172a.txt ("Do not exceed 10 queries per second")'],
      ['DeleteFile', 10, 'fact sheet bailian-files.md §5.1 (DeleteFile: 10 QPS)'],
      ['DescribeFile', 10, 'fact sheet bailian-files.md §5.1 (DescribeFile: 10 QPS; older docs: one per 15 s)'],
      ['UpdateFileTag', 10, 'fact sheet bailian-files.md §5.1 (UpdateFileTag: 10 QPS)'],
      ['ListFile', 5, 'fact sheet bailian-files.md §5.1 (ListFile: 5 QPS)'],
      ['AddFile', 5, 'fact sheet bailian-files.md §5.1 (AddFile: 5 QPS)'],
      ['AddCategory', 5, 'fact sheet bailian-files.md §5.1 (AddCategory: 5 QPS)'],
      ['ListCategory', 5, 'fact sheet bailian-files.md §5.1 (ListCategory: 5 QPS)'],
    ] as const
  ).map(
    ([operation, limit, source]): LimitRule => ({
      id: `bailian/${operation}`,
      provider: 'bailian',
      operations: [operation],
      per: ['account'],
      limit,
      windowMs: SECOND,
      unit: 'requests',
      source,
    }),
  ),
  {
    id: 'cloudflare-vectorize/per-token',
    provider: 'cloudflare-vectorize',
    operations: ['*'],
    per: ['credential'],
    limit: 1200,
    windowMs: 5 * 60 * SECOND,
    unit: 'requests',
    source: 'fact sheet cloudflare-vectorize.md §8 (1,200 requests per 5 minutes per user/account token)',
  },
  {
    id: 'cloudflare-vectorize/per-client',
    provider: 'cloudflare-vectorize',
    operations: ['*'],
    per: ['client'],
    limit: 200,
    windowMs: SECOND,
    unit: 'requests',
    source: 'fact sheet cloudflare-vectorize.md §8 (200 requests per second per IP)',
  },
];
