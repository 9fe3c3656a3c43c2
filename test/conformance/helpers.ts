/** Shared helpers for the conformance-runner tests. */
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { RunReport } from '../../scenarios/runner/report-model.ts';
import type { Provider } from '../../simulator/http/types.ts';

export const REPO = fileURLToPath(new URL('../../', import.meta.url));

export function tempDir(prefix: string): string {
  return mkdtempSync(join(tmpdir(), `vconf-${prefix}-`));
}

/** The seeds folder: $VCONF_SEEDS_DIR, shared/ beside the clone (CI), or the workplace's shared/. */
export function seedsDir(): string | undefined {
  const candidates = [process.env.VCONF_SEEDS_DIR, join(REPO, '..', 'shared', 'seeds'), '/work/shared/seeds'];
  return candidates.find((d): d is string => d !== undefined && existsSync(join(d, '000_325d4cc8e00416e9.txt')));
}

/** What must be identical between two targets: per scenario its result and, per step, the normalised answer. */
export function comparable(report: RunReport) {
  return report.scenarios.map((s) => ({
    id: s.id,
    result: s.result,
    steps: s.steps.map((st) => ({ name: st.name, result: st.result, status: st.status, error: st.errorCode, answer: st.normalised })),
  }));
}

/** A small XML well-formedness check (tags balance, attributes quoted, entities known); enough for JUnit output. */
export function assertWellFormedXml(xml: string): void {
  const body = xml.replace(/^<\?xml[^?]*\?>\s*/, '');
  const stack: string[] = [];
  const re = /<(\/?)([A-Za-z][\w.-]*)((?:\s+[\w:.-]+="[^"<]*")*)\s*(\/?)>|([^<]+)|(<)/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(body))) {
    if (m[6]) throw new Error(`stray "<" at ${m.index}: ${body.slice(m.index, m.index + 60)}`);
    if (m[5] !== undefined) {
      const bad = /&(?!(amp|lt|gt|quot|apos|#\d+);)/.exec(m[5]);
      if (bad) throw new Error(`bare "&" in text at ${m.index}`);
      continue;
    }
    const [, close, name, attrs, selfClose] = m;
    if (/&(?!(amp|lt|gt|quot|apos|#\d+);)/.test(attrs ?? '')) throw new Error(`bare "&" in attributes of <${name}>`);
    if (close) {
      const open = stack.pop();
      if (open !== name) throw new Error(`</${name}> closes <${open}>`);
    } else if (!selfClose) stack.push(name!);
  }
  if (stack.length) throw new Error(`unclosed: ${stack.join(' > ')}`);
}

/** Wraps a provider so that POST /?deleteVectors answers 200 where it would answer 204. */
export function deleteVectorsAnswers200(provider: Provider): Provider {
  if (provider.slug !== 'oss-vectors') return provider;
  return Object.assign(Object.create(provider) as Provider, {
    async handle(req: Parameters<Provider['handle']>[0]) {
      const res = await provider.handle(req);
      return req.method === 'POST' && req.query.has('deleteVectors') && res.status === 204 ? { ...res, status: 200 } : res;
    },
  });
}
