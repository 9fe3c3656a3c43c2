/** OSS Vectors' documented QPS limits, as data (composed with the others in simulator/limits.ts). */
import type { LimitRule } from '../engine/faults.ts';

export const OSS_LIMITS: readonly LimitRule[] = [
  {
    id: 'oss-vectors/PutVectorIndex',
    provider: 'oss-vectors',
    operations: ['PutVectorIndex'],
    per: ['account'],
    limit: 5,
    windowMs: 1000,
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
    windowMs: 1000,
    unit: 'requests',
    source: 'fact sheet oss-vectors.md §6, §11.3 (PutVectors: 1,000 requests per second per index; older pages: 5)',
  },
  {
    id: 'oss-vectors/PutVectors/vectors',
    provider: 'oss-vectors',
    operations: ['PutVectors'],
    per: ['account', 'resource'],
    limit: 2500,
    windowMs: 1000,
    unit: 'items',
    source: 'fact sheet oss-vectors.md §6, §11.3 (PutVectors: 2,500 vectors per second per index)',
  },
];
