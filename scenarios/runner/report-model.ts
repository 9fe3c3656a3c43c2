/** The run report: what every writer (JSON, JUnit XML, HTML, terminal) renders. Produced by the run, never by hand. */
import type { Clause, Result, ScenarioResult, TargetKind } from './types.ts';

export interface Counts {
  total: number;
  passed: number;
  failed: number;
  deviation: number;
  notApplicable: number;
}

export type CoverageResult = Result | 'uncovered' | 'not-run';

export interface OperationReport {
  operationId: string;
  result: CoverageResult;
  counts: Counts;
  scenarios: string[];
}

export interface ClauseReport extends Clause {
  result: CoverageResult;
  scenarios: { id: string; result: Result | 'not-run' }[];
}

export interface ProviderReport {
  slug: string;
  counts: Counts;
  operations: OperationReport[];
  clauses: ClauseReport[];
  /** Clause ids no scenario covers. */
  uncovered: string[];
}

export interface RunReport {
  schemaVersion: 1;
  run: {
    id: string;
    startedAt: string;
    finishedAt: string;
    durationMs: number;
    target: { kind: TargetKind; name: string };
    providers: string[];
    record: boolean;
    replay: boolean;
    filter?: string[] | undefined;
  };
  counts: Counts;
  providers: ProviderReport[];
  scenarios: ScenarioResult[];
}

export function emptyCounts(): Counts {
  return { total: 0, passed: 0, failed: 0, deviation: 0, notApplicable: 0 };
}

export function count(results: Result[]): Counts {
  const c = emptyCounts();
  for (const r of results) {
    c.total++;
    if (r === 'passed') c.passed++;
    else if (r === 'failed') c.failed++;
    else if (r === 'deviation') c.deviation++;
    else c.notApplicable++;
  }
  return c;
}

/** failed > deviation > passed > not-applicable; nothing ran: not-run; nothing covers: uncovered. */
export function aggregate(results: (Result | 'not-run')[]): CoverageResult {
  if (results.length === 0) return 'uncovered';
  const ran = results.filter((r): r is Result => r !== 'not-run');
  if (ran.length === 0) return 'not-run';
  for (const r of ['failed', 'deviation', 'passed'] as const) if (ran.includes(r)) return r;
  return 'not-applicable';
}
