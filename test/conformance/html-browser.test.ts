/**
 * The HTML report as a person sees it (issue 6 §3): opened in Debian's headless Chromium driven by playwright-core
 * (no browser download; /usr/bin/chromium, fresh profile), checked for the summary and a failing clause, and for
 * loading nothing from outside the file. The same browser parses junit.xml with its XML parser.
 * playwright-core is a devDependency and scripts/setup-chromium.sh (run by `npm test`) installs Debian's chromium;
 * where either is missing the test fails and says which.
 */
import { existsSync, readFileSync } from 'node:fs';
import { chromium } from 'playwright-core';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { writeReports } from '../../reports/index.ts';
import { runConformance } from '../../scenarios/runner/run.ts';
import { deleteVectorsAnswers200, tempDir } from './helpers.ts';

const CHROMIUM = '/usr/bin/chromium';
const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];


describe('HTML report in headless Chromium', () => {
  it('shows the summary and the failing clause, loads nothing external, and junit.xml parses', async () => {
    expect(existsSync(CHROMIUM), `${CHROMIUM} (Debian chromium) is missing: run bash scripts/setup-chromium.sh`).toBe(true);
    const report = await runConformance({ target: { kind: 'in-process', wrapProvider: deleteVectorsAnswers200 }, providers: ['oss-vectors'] });
    const out = writeReports(report, tempDir('html'));
    const context = await chromium.launchPersistentContext(tempDir('chromium-profile'), {
      executablePath: CHROMIUM,
      headless: true,
      args: FLAGS,
    });
    try {
      const page = context.pages()[0] ?? (await context.newPage());
      const external: string[] = [];
      page.on('request', (req) => {
        if (!req.url().startsWith('file:')) external.push(req.url());
      });
      await page.goto(pathToFileURL(out.html).href);
      expect(await page.title()).toContain('FAILED');

      const summary = page.locator('#summary');
      expect(await summary.isVisible()).toBe(true);
      const text = await summary.innerText();
      expect(text).toContain('FAILED');
      expect(text).toContain(`${report.counts.total} scenarios: ${report.counts.passed} passed, ${report.counts.failed} failed`);
      expect(text).toContain('S001-204-no-content');

      const clause = page.locator('tr.clause[data-clause="S001-204-no-content"]');
      expect(await clause.isVisible()).toBe(true);
      expect(await clause.getAttribute('data-result')).toBe('failed');
      const row = await clause.innerText();
      expect(row).toContain('HTTP/1.1 204 No Content');
      expect(row).toContain('dv-batch-delete');
      expect(row).toContain('FAILED');

      // The failing scenario is open, with the exchanged request and response.
      const response = page.locator('#scenario-oss-vectors-dv-batch-delete pre.response');
      expect(await response.isVisible()).toBe(true);
      expect(await response.innerText()).toMatch(/^HTTP 200/);
      expect(await page.locator('#scenario-oss-vectors-dv-batch-delete pre.request').innerText()).toContain('?deleteVectors');
      expect(await page.locator('#scenario-oss-vectors-dvb-deletes-bucket pre.response').isVisible()).toBe(false);
      expect(external).toEqual([]);

      const junit = await page.evaluate((xml: string) => {
        const doc = new DOMParser().parseFromString(xml, 'application/xml');
        return {
          error: doc.querySelector('parsererror')?.textContent ?? null,
          failures: doc.querySelectorAll('testcase > failure').length,
          clauseFailure: doc.querySelector('testcase[name^="S001-204-no-content:"] > failure')?.getAttribute('message') ?? null,
        };
      }, readFileSync(out.junit, 'utf8'));
      expect(junit.error).toBeNull();
      expect(junit.failures).toBeGreaterThan(report.counts.failed);
      expect(junit.clauseFailure).toContain('dv-batch-delete (failed)');
    } finally {
      await context.close();
    }
  });
});
