/**
 * JUnit XML for CI systems: one <testsuite> per provider (a <testcase> per scenario, classname
 * `<provider>.<operationId>`), and one per provider's seed clauses (a <testcase> per clause), so a CI view shows
 * both what ran and which documented sentence broke. Not applicable → <skipped> with the reason; a known deviation
 * passes and carries its reason in <system-out>. Hand-written (the format is small); see test/conformance.
 */
import type { RunReport } from '../scenarios/runner/report-model.ts';
import type { ScenarioResult } from '../scenarios/runner/types.ts';

export function xmlEscape(value: unknown): string {
  // Characters XML 1.0 forbids are dropped; the five specials are escaped.
  return String(value)
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

const seconds = (ms: number) => (ms / 1000).toFixed(3);

function failureText(s: ScenarioResult): string {
  const lines = [`${s.file}`, s.reason ?? ''];
  for (const st of s.steps) {
    if (st.result !== 'failed') continue;
    lines.push(`step ${st.name} (${st.operation} as ${st.as}), ${st.attempts} attempt(s):`);
    for (const d of st.diffs) lines.push(`  ${d.field}: ${d.message}`);
    if (st.exchange) {
      const { request: q, response: r } = st.exchange;
      lines.push(`  > ${q.method} ${q.url}`, ...(q.body ? [`  > ${q.body.slice(0, 2000)}`] : []));
      lines.push(`  < ${r.status}`, ...Object.entries(r.headers).map(([k, v]) => `  < ${k}: ${v}`), ...(r.body ? [`  < ${r.body.slice(0, 2000)}`] : []));
    }
  }
  for (const d of s.replay?.diffs ?? []) lines.push(`replay ${d.field}: ${d.message}`);
  return lines.join('\n');
}

function testcase(s: ScenarioResult): string {
  const open = `    <testcase classname="${xmlEscape(`${s.provider}.${s.operation}`)}" name="${xmlEscape(`${s.id}: ${s.title}`)}" file="${xmlEscape(s.file)}" time="${seconds(s.durationMs)}"`;
  switch (s.result) {
    case 'passed':
      return `${open}/>`;
    case 'failed':
      return `${open}>\n      <failure message="${xmlEscape(s.reason ?? 'failed')}" type="conformance">${xmlEscape(failureText(s))}</failure>\n    </testcase>`;
    case 'not-applicable':
      return `${open}>\n      <skipped message="${xmlEscape(`not applicable: ${s.reason ?? ''}`)}"/>\n    </testcase>`;
    case 'deviation':
      return `${open}>\n      <system-out>${xmlEscape(`known deviation: ${s.reason ?? ''}`)}</system-out>\n    </testcase>`;
  }
}

export function renderJunit(report: RunReport): string {
  const suites: string[] = [];
  for (const p of report.providers) {
    const mine = report.scenarios.filter((s) => s.provider === p.slug);
    const time = mine.reduce((t, s) => t + s.durationMs, 0);
    suites.push(
      `  <testsuite name="${xmlEscape(`${p.slug} scenarios (${report.run.target.name})`)}" tests="${mine.length}" failures="${p.counts.failed}" errors="0" skipped="${p.counts.notApplicable}" time="${seconds(time)}" timestamp="${xmlEscape(report.run.startedAt.replace(/\.\d+Z$/, ''))}">\n` +
        `    <properties>\n      <property name="target" value="${xmlEscape(report.run.target.name)}"/>\n      <property name="run" value="${xmlEscape(report.run.id)}"/>\n    </properties>\n` +
        mine.map(testcase).join('\n') +
        '\n  </testsuite>',
    );
    const clauseCases = p.clauses.map((c) => {
      const open = `    <testcase classname="${xmlEscape(`${p.slug}.clauses.${c.seed}`)}" name="${xmlEscape(`${c.id}: ${c.quote}`)}" time="0"`;
      const by = c.scenarios.map((s) => `${s.id} (${s.result})`).join(', ') || 'no scenario';
      if (c.result === 'failed') return `${open}>\n      <failure message="${xmlEscape(`clause ${c.id} failed in: ${by}`)}" type="clause"/>\n    </testcase>`;
      if (c.result === 'passed') return `${open}/>`;
      if (c.result === 'deviation') return `${open}>\n      <system-out>${xmlEscape(`known deviation in: ${by}`)}</system-out>\n    </testcase>`;
      return `${open}>\n      <skipped message="${xmlEscape(`${c.result}: ${by}`)}"/>\n    </testcase>`;
    });
    const failed = p.clauses.filter((c) => c.result === 'failed').length;
    const skipped = p.clauses.filter((c) => !['failed', 'passed', 'deviation'].includes(c.result)).length;
    suites.push(
      `  <testsuite name="${xmlEscape(`${p.slug} seed clauses`)}" tests="${p.clauses.length}" failures="${failed}" errors="0" skipped="${skipped}" time="0">\n${clauseCases.join('\n')}\n  </testsuite>`,
    );
  }
  const { counts } = report;
  return (
    '<?xml version="1.0" encoding="UTF-8"?>\n' +
    `<testsuites name="vconf conform" tests="${counts.total}" failures="${counts.failed}" errors="0" skipped="${counts.notApplicable}" time="${seconds(report.run.durationMs)}">\n` +
    `${suites.join('\n')}\n</testsuites>\n`
  );
}
