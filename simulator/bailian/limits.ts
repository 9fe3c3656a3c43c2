/** Bailian's documented QPS limits per account, as data (composed in simulator/limits.ts). */
import type { LimitRule } from '../engine/faults.ts';

const PER_SECOND: [operation: string, limit: number, source: string][] = [
  ['DeleteFiles', 10, 'seed 004_ce74739a6d71172a.txt ("Do not exceed 10 queries per second")'],
  ['DeleteFile', 10, 'fact sheet bailian-files.md §5.1 (DeleteFile: 10 QPS)'],
  ['DescribeFile', 10, 'fact sheet bailian-files.md §5.1 (DescribeFile: 10 QPS; older docs: one per 15 s)'],
  ['UpdateFileTag', 10, 'fact sheet bailian-files.md §5.1 (UpdateFileTag: 10 QPS)'],
  ['ListFile', 5, 'fact sheet bailian-files.md §5.1 (ListFile: 5 QPS)'],
  ['AddFile', 5, 'fact sheet bailian-files.md §5.1 (AddFile: 5 QPS)'],
  ['AddCategory', 5, 'fact sheet bailian-files.md §5.1 (AddCategory: 5 QPS)'],
  ['ListCategory', 5, 'fact sheet bailian-files.md §5.1 (ListCategory: 5 QPS)'],
];

export const BAILIAN_LIMITS: readonly LimitRule[] = PER_SECOND.map(([operation, limit, source]) => ({
  id: `bailian/${operation}`,
  provider: 'bailian',
  operations: [operation],
  per: ['account'],
  limit,
  windowMs: 1000,
  unit: 'requests',
  source,
}));
