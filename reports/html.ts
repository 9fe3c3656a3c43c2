/**
 * The self-contained HTML report: one file, inline CSS, no scripts or external resources, so it opens from a CI
 * artifact as it is. Per provider: operations (by operationId), the seed-clause traceability table, and every
 * scenario — failures open, with their differences and the exchanged request and response.
 */
import type { ClauseReport, CoverageResult, Counts, ProviderReport, RunReport } from '../scenarios/runner/report-model.ts';
import type { ScenarioResult, SourceRef, StepResult } from '../scenarios/runner/types.ts';

export function htmlEscape(value: unknown): string {
  return String(value).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

const e = htmlEscape;
const LABEL: Record<string, string> = {
  passed: 'passed',
  failed: 'FAILED',
  deviation: 'deviation',
  'not-applicable': 'not applicable',
  uncovered: 'uncovered',
  'not-run': 'not run',
};

function badge(result: CoverageResult | 'not-run'): string {
  return `<span class="badge ${e(result)}">${e(LABEL[result] ?? result)}</span>`;
}

export function countsLine(c: Counts): string {
  return `${c.total} scenarios: ${c.passed} passed, ${c.failed} failed, ${c.deviation} deviation${c.deviation === 1 ? '' : 's'}, ${c.notApplicable} not applicable`;
}

const CSS = `
body{font:14px/1.45 system-ui,sans-serif;margin:0 auto;max-width:1200px;padding:16px 24px;color:#1d1d1f}
h1{font-size:22px;margin:0 0 4px}h2{margin-top:32px;border-bottom:2px solid #ddd}h3{margin-top:24px}
table{border-collapse:collapse;width:100%;margin:8px 0}th,td{border:1px solid #ddd;padding:4px 6px;text-align:left;vertical-align:top}
th{background:#f4f4f6}td.quote{font-style:italic;max-width:420px}
.badge{display:inline-block;padding:0 6px;border-radius:4px;font-size:12px;font-weight:600;white-space:nowrap}
.passed{background:#dff5e1;color:#14632a}.failed{background:#fde0e0;color:#a4161a}.deviation{background:#fff1cc;color:#7a5300}
.not-applicable,.not-run{background:#eceff3;color:#4a5563}.uncovered{background:#fde0e0;color:#a4161a}
#summary{padding:12px 16px;border-radius:8px;margin:12px 0;font-size:16px}
#summary.ok{background:#dff5e1}#summary.bad{background:#fde0e0}
details{border:1px solid #ddd;border-radius:6px;margin:6px 0;padding:4px 10px}details[open]{background:#fcfcfd}
summary{cursor:pointer}pre{background:#f4f4f6;padding:8px;overflow-x:auto;white-space:pre-wrap;word-break:break-all;font-size:12px}
.meta{color:#555}.diff{color:#a4161a}code{font-size:12px}
`;

function sourceText(s: SourceRef): string {
  return 'seed' in s ? `${s.clause} (${s.seed}): “${s.quote}”` : `fact sheet ${s.factSheet}${s.quote ? `: “${s.quote}”` : ''}`;
}

function exchangeBlock(st: StepResult): string {
  if (!st.exchange) return st.transportError ? `<pre>${e(st.transportError)}</pre>` : '';
  const { request: q, response: r } = st.exchange;
  const req = [`${q.method} ${q.url}`, ...Object.entries(q.headers).map(([k, v]) => `${k}: ${v}`), '', q.body ?? ''].join('\n');
  const res = [`HTTP ${r.status}`, ...Object.entries(r.headers).map(([k, v]) => `${k}: ${v}`), '', r.body].join('\n');
  return `<div class="exchange"><b>Request</b><pre class="request">${e(req)}</pre><b>Response</b><pre class="response">${e(res)}</pre></div>`;
}

function scenarioBlock(s: ScenarioResult): string {
  const steps = s.steps
    .map((st) => {
      const diffs = st.diffs.length ? `<ul class="diff">${st.diffs.map((d) => `<li><code>${e(d.field)}</code>: ${e(d.message)}</li>`).join('')}</ul>` : '';
      const dev = st.deviationReason ? `<div class="meta">known deviation: ${e(st.deviationReason)}</div>` : '';
      const show = st.result === 'failed' || st.result === 'deviation';
      return `<tr data-step="${e(st.name)}" data-result="${e(st.result)}"><td>${e(st.name)}</td><td>${e(st.operation)}</td><td>${e(st.as)}</td><td>${e(st.status ?? '')}${st.errorCode ? ` ${e(st.errorCode)}` : ''}</td><td>${badge(st.result)}${dev}${diffs}${show ? exchangeBlock(st) : ''}</td></tr>`;
    })
    .join('');
  const replay = s.replay
    ? `<p class="meta">replay: ${s.replay.recording ? `${e(s.replay.recording)} (recorded ${e(s.replay.recordedAt ?? '?')}), ${s.replay.diffs.length} difference(s)` : 'no recording'}</p>${
        s.replay.diffs.length ? `<ul class="diff">${s.replay.diffs.map((d) => `<li><code>${e(d.field)}</code>: ${e(d.message)}</li>`).join('')}</ul>` : ''
      }`
    : '';
  const cleanup = s.cleanup.length ? `<p class="diff">clean-up: ${s.cleanup.map(e).join('; ')}</p>` : '';
  return `<details id="scenario-${e(s.provider)}-${e(s.id)}" class="scenario" data-result="${e(s.result)}"${s.result === 'failed' || s.result === 'deviation' ? ' open' : ''}>
<summary>${badge(s.result)} <b>${e(s.id)}</b> — ${e(s.title)} <span class="meta">(${e(s.operation)}, ${s.durationMs} ms)</span></summary>
<p class="meta">${e(s.file)}</p>${s.reason ? `<p><b>${s.result === 'failed' ? 'Why it failed' : 'Reason'}:</b> ${e(s.reason)}</p>` : ''}
<ul class="sources">${s.sources.map((src) => `<li>${e(sourceText(src))}</li>`).join('')}</ul>
${s.steps.length ? `<table><tr><th>step</th><th>operation</th><th>as</th><th>answer</th><th>result</th></tr>${steps}</table>` : ''}${replay}${cleanup}
</details>`;
}

function clauseRow(c: ClauseReport, slug: string): string {
  const scen = c.scenarios.length ? c.scenarios.map((s) => `<a href="#scenario-${e(slug)}-${e(s.id)}">${e(s.id)}</a> ${badge(s.result)}`).join('<br>') : '<i>none</i>';
  return `<tr class="clause" data-clause="${e(c.id)}" data-result="${e(c.result)}"><td><code>${e(c.id)}</code></td><td>${e(c.seed)}<br><span class="meta">${e(c.section)}</span></td><td class="quote">${e(c.quote)}</td><td>${scen}</td><td>${badge(c.result)}</td></tr>`;
}

function providerSection(p: ProviderReport, report: RunReport): string {
  const scenarios = report.scenarios.filter((s) => s.provider === p.slug);
  const ops = p.operations
    .map(
      (o) =>
        `<tr data-operation="${e(o.operationId)}" data-result="${e(o.result)}"><td><code>${e(o.operationId)}</code></td><td>${badge(o.result)}</td><td>${o.counts.passed}</td><td>${o.counts.failed}</td><td>${o.counts.deviation}</td><td>${o.counts.notApplicable}</td><td>${o.scenarios.length}</td></tr>`,
    )
    .join('');
  return `<section id="provider-${e(p.slug)}" class="provider">
<h2>${e(p.slug)} <span class="meta">— ${e(countsLine(p.counts))}</span></h2>
<h3>Operations</h3>
<table><tr><th>operationId</th><th>result</th><th>passed</th><th>failed</th><th>deviation</th><th>n/a</th><th>scenarios</th></tr>${ops}</table>
<h3>Seed clauses → scenarios → result</h3>
<p class="meta">${p.clauses.length} clauses; ${p.uncovered.length ? `uncovered: ${p.uncovered.map(e).join(', ')}` : 'every clause is covered by at least one scenario'}.</p>
<table class="traceability"><tr><th>clause</th><th>seed</th><th>quote</th><th>scenarios</th><th>result</th></tr>${p.clauses.map((c) => clauseRow(c, p.slug)).join('')}</table>
<h3>Scenarios</h3>
${scenarios.map(scenarioBlock).join('\n')}
</section>`;
}

export function renderHtml(report: RunReport): string {
  const { run, counts } = report;
  const ok = counts.failed === 0;
  const failedClauses = report.providers.flatMap((p) => p.clauses.filter((c) => c.result === 'failed').map((c) => c.id));
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>vconf conform ${e(run.id)} — ${ok ? 'passed' : 'FAILED'}</title><style>${CSS}</style></head>
<body>
<h1>vconf conform</h1>
<p class="meta">run <code>${e(run.id)}</code> · target <b>${e(run.target.name)}</b> · ${e(run.startedAt)} · ${(run.durationMs / 1000).toFixed(1)} s · providers ${e(run.providers.join(', '))}${run.record ? ' · record mode' : ''}${run.replay ? ' · replay' : ''}${run.filter ? ` · filter ${e(run.filter.join(' '))}` : ''}</p>
<section id="summary" class="${ok ? 'ok' : 'bad'}" data-total="${counts.total}" data-passed="${counts.passed}" data-failed="${counts.failed}" data-deviation="${counts.deviation}" data-not-applicable="${counts.notApplicable}">
<b>${ok ? 'PASSED' : 'FAILED'}</b> — ${e(countsLine(counts))}${failedClauses.length ? `<br>failing seed clauses: ${failedClauses.map((c) => `<code>${e(c)}</code>`).join(', ')}` : ''}
</section>
${report.providers.map((p) => providerSection(p, report)).join('\n')}
</body></html>
`;
}
