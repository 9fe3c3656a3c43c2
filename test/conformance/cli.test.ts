/**
 * `vconf conform` end to end through bin/vconf.mjs (issue 6 §4): reports written, one-line summary, exit codes;
 * and the progress display's two forms.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { progressWriter } from '../../reports/terminal.ts';
import { conform } from '../../cli/conform.ts';
import type { RunReport } from '../../scenarios/runner/report-model.ts';
import { REPO, tempDir } from './helpers.ts';

function vconf(args: string[]) {
  return spawnSync(process.execPath, [join(REPO, 'bin/vconf.mjs'), ...args], { cwd: REPO, encoding: 'utf8', timeout: 50_000 });
}

describe('vconf conform', () => {
  it('runs the selected scenarios in-process, writes report.json, junit.xml and report.html, prints one summary line, exits 0', () => {
    const out = tempDir('cli');
    const r = vconf(['conform', '--scenario', 'dv-batch-delete', 'dvb-*', 'dv-index-name-optional', '--out', out]);
    expect(r.status, r.stderr).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^vconf conform passed: 10 scenarios: 8 passed, 0 failed, 1 deviation, 1 not applicable — in-process, [\d.]+ s — reports: /);
    // progress (stderr, not a TTY here): one line per scenario
    expect(r.stderr).toContain('vconf conform: 10 scenarios against in-process');
    expect(r.stderr).toMatch(/\[\d+\/10\] dev  oss-vectors\/dv-index-name-optional — known deviation/);
    for (const f of ['report.json', 'junit.xml', 'report.html']) expect(existsSync(join(out, f)), f).toBe(true);
    const report = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8')) as RunReport;
    expect(report.run.filter).toEqual(['dv-batch-delete', 'dvb-*', 'dv-index-name-optional']);
    // Clauses whose scenarios were not selected say so rather than passing or failing.
    expect(report.providers[0]!.clauses.find((c) => c.id === 'S000-deletes-index')!.result).toBe('not-run');
  });

  it('exits 2 through bin/vconf.mjs on bad input', () => {
    const r = vconf(['conform', '--target', 'ftp://x']);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('--target must be in-process, http, http://HOST:PORT or real');
  });

  it('answers 2 for a selection that matches nothing and for --record without the real target; --list runs nothing', async () => {
    const io = () => {
      const o = { out: '', err: '' };
      return { o, io: { stdout: { write: (s: string) => ((o.out += s), true) }, stderr: { write: (s: string) => ((o.err += s), true) } as unknown as NodeJS.WriteStream } };
    };
    const a = io();
    expect(await conform({ scenario: ['no-such-scenario'], out: tempDir('none'), progress: false }, a.io)).toBe(2);
    expect(a.o.err).toContain('no scenario matched the selection');
    const b = io();
    expect(await conform({ record: true }, b.io)).toBe(2);
    expect(b.o.err).toContain('--record saves answers of the real service');
    const c = io();
    expect(await conform({ list: true, scenario: ['dvi-*'] }, c.io)).toBe(0);
    const listed = c.o.out.trim().split('\n');
    expect(listed.length).toBeGreaterThan(10);
    expect(listed.every((l) => l.startsWith('oss-vectors/dvi-'))).toBe(true);
  });

  it('progress on a TTY rewrites one line and keeps only failures and deviations', () => {
    let written = '';
    const stream = { isTTY: true, columns: 80, write: (s: string) => ((written += s), true) } as unknown as NodeJS.WriteStream;
    const p = progressWriter(stream);
    const result = (id: string, r: 'passed' | 'failed') => ({ id, provider: 'oss-vectors', result: r, reason: r === 'failed' ? 'status: expected 204, got 200' : undefined }) as never;
    p.onProgress({ type: 'start', total: 2, target: 'in-process' });
    p.onProgress({ type: 'scenario-start', index: 0, total: 2, provider: 'oss-vectors', id: 'a' });
    p.onProgress({ type: 'scenario-end', index: 0, total: 2, result: result('a', 'passed') });
    p.onProgress({ type: 'scenario-start', index: 1, total: 2, provider: 'oss-vectors', id: 'b' });
    p.onProgress({ type: 'scenario-end', index: 1, total: 2, result: result('b', 'failed') });
    p.done();
    expect(written).toContain('\r\x1b[2K[1/2] oss-vectors/a');
    expect(written).toContain('FAIL oss-vectors/b: status: expected 204, got 200\n');
    expect(written).not.toContain('ok   oss-vectors/a');
  });
});
