/**
 * Terminal output: a progress display while running (one rewritten line on a TTY, one line per finished scenario
 * otherwise, so CI logs stay readable) and the one-line summary at the end.
 */
import type { RunReport } from '../scenarios/runner/report-model.ts';
import type { ProgressEvent } from '../scenarios/runner/run.ts';
import { countsLine } from './html.ts';

const MARK: Record<string, string> = { passed: 'ok  ', failed: 'FAIL', deviation: 'dev ', 'not-applicable': 'n/a ' };

export interface ProgressWriter {
  onProgress(event: ProgressEvent): void;
  /** Clears the live line before the summary. */
  done(): void;
}

export function progressWriter(stream: NodeJS.WriteStream = process.stderr, opts: { tty?: boolean; quiet?: boolean } = {}): ProgressWriter {
  const tty = opts.tty ?? stream.isTTY === true;
  let failed = 0;
  let live = false;
  const width = () => Math.max(40, (stream.columns ?? 100) - 1);
  return {
    onProgress(ev) {
      if (opts.quiet) return;
      if (ev.type === 'start') {
        stream.write(`vconf conform: ${ev.total} scenarios against ${ev.target}\n`);
      } else if (ev.type === 'scenario-start' && tty) {
        const line = `[${ev.index + 1}/${ev.total}] ${failed ? `${failed} failed · ` : ''}${ev.provider}/${ev.id}`;
        stream.write(`\r\x1b[2K${line.slice(0, width())}`);
        live = true;
      } else if (ev.type === 'scenario-end') {
        const r = ev.result;
        if (r.result === 'failed') failed++;
        if (tty) {
          // Only failures and deviations get a permanent line on a TTY; the live line shows the rest.
          if (r.result === 'failed' || r.result === 'deviation') {
            stream.write(`\r\x1b[2K${MARK[r.result]} ${r.provider}/${r.id}: ${r.reason ?? ''}\n`.slice(0, 2000));
            live = false;
          }
        } else {
          const why = r.result === 'passed' ? '' : ` — ${r.reason ?? ''}`;
          stream.write(`[${ev.index + 1}/${ev.total}] ${MARK[r.result]} ${r.provider}/${r.id}${why}\n`);
        }
      }
    },
    done() {
      if (tty && live) stream.write('\r\x1b[2K');
      live = false;
    },
  };
}

export function summaryLine(report: RunReport, reportsDir?: string): string {
  const { counts } = report;
  const verdict = counts.failed > 0 ? 'FAILED' : counts.notApplicable === counts.total ? 'ran nothing' : 'passed';
  const failingClauses = report.providers.flatMap((p) => p.clauses.filter((c) => c.result === 'failed').map((c) => c.id));
  return (
    `vconf conform ${verdict}: ${countsLine(report.counts)} — ${report.run.target.name}, ${(report.run.durationMs / 1000).toFixed(1)} s` +
    (failingClauses.length ? ` — failing clauses: ${failingClauses.join(', ')}` : '') +
    (reportsDir ? ` — reports: ${reportsDir}` : '')
  );
}
