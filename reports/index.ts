/** Writes a run's three report formats to `<dir>/`: report.json, junit.xml and report.html. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { RunReport } from '../scenarios/runner/report-model.ts';
import { renderHtml } from './html.ts';
import { renderJunit } from './junit.ts';

/** reports/out/ — git-ignored. */
export const REPORTS_OUT = fileURLToPath(new URL('./out/', import.meta.url));

export interface WrittenReports {
  dir: string;
  json: string;
  junit: string;
  html: string;
}

export function writeReports(report: RunReport, dir = join(REPORTS_OUT, report.run.id)): WrittenReports {
  mkdirSync(dir, { recursive: true });
  const out = { dir, json: join(dir, 'report.json'), junit: join(dir, 'junit.xml'), html: join(dir, 'report.html') };
  writeFileSync(out.json, `${JSON.stringify(report, null, 2)}\n`);
  writeFileSync(out.junit, renderJunit(report));
  writeFileSync(out.html, renderHtml(report));
  return out;
}
