/** Shared set-up for Bailian tests: a fresh simulator per suite behind msw, a manual clock, signed clients. */
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, expect } from 'vitest';
import { ManualClock } from '../../simulator/engine/clock.ts';
import { createSimulator, type Simulator, type SimulatorOptions } from '../../simulator/index.ts';
import { createBailianClient, type BailianAnswer, type BailianClient, type BailianClientOptions } from '../../scenarios/clients/bailian.ts';

export const WS = 'llm-simulator';
export const OWNER = { accessKeyId: 'test', accessKeySecret: 'test' };
export const OTHER = { accessKeyId: 'other', accessKeySecret: 'other' };
export const OTHER_WS = 'llm-other';
export const SEED = '004_ce74739a6d71172a.txt';

/** INIT 1 s + PARSING 2 s by default (options.ts): advancing this much finishes parsing. */
export const PARSE_DONE_MS = 3_000;

export function bailianClient(sim: Simulator, overrides: Partial<BailianClientOptions> = {}): BailianClient {
  return createBailianClient({ ...OWNER, workspaceId: WS, now: () => new Date(sim.clock.now()), ...overrides });
}

/**
 * In-process simulator behind msw with a manual clock; every response is validated against the spec, and no request
 * may crash the simulator. QPS limits are off unless a suite asks for them (the manual clock never frees a window).
 */
export function inProcessBailian(options: SimulatorOptions = {}) {
  const clock = new ManualClock(Date.parse('2026-11-22T10:00:00Z'));
  const sim = createSimulator({ clock, validateResponses: true, limits: 'none', ...options });
  const server = setupServer(...sim.handlers);
  beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
  afterEach(() => {
    const bad = sim.journal.read({ provider: 'bailian' }).filter((e) => e.specIssues || e.crash);
    sim.journal.clear();
    expect(bad, JSON.stringify(bad, null, 2)).toEqual([]);
  });
  afterAll(async () => {
    server.close();
    await sim.close();
  });
  return { sim, clock, client: bailianClient(sim) };
}

/** A successful common body (fact sheet §1.1). */
export function expectOk(a: BailianAnswer): any {
  expect(a.status, a.text).toBe(200);
  expect(a.headers['content-type']).toBe('application/json;charset=utf-8');
  expect(a.json).toMatchObject({ Code: 'Success', Status: '200', Success: true });
  expect(a.json.RequestId).toBe(a.headers['x-acs-request-id']);
  return a.json.Data;
}

/** A business error: the common body with Success:false (fact sheet §1.1, §5.1). */
export function expectBusinessError(a: BailianAnswer, status: number, code: string, message?: string | RegExp): void {
  expect(a.status, a.text).toBe(status);
  expect(a.headers['content-type']).toBe('application/json;charset=utf-8');
  expect(a.json).toMatchObject({ Code: code, Success: false, Status: String(status) });
  expect(a.json.RequestId).toBe(a.headers['x-acs-request-id']);
  if (message !== undefined) expect(a.json.Message).toMatch(message);
}

/** A POP gateway error `{RequestId, HostId, Code, Message, Recommend}` (fact sheet §5.2, §5.3). */
export function expectGatewayError(a: BailianAnswer, status: number, code: string, message?: string | RegExp): void {
  expect(a.status, a.text).toBe(status);
  expect(Object.keys(a.json).sort()).toEqual(['Code', 'HostId', 'Message', 'Recommend', 'RequestId']);
  expect(a.json.Code).toBe(code);
  if (message !== undefined) expect(a.json.Message).toMatch(message);
}

/** Lease → upload → AddFile (fact sheet §2 flow); returns the new file id. */
export async function uploadFile(
  client: BailianClient,
  opts: { name?: string; bytes?: string; category?: string; tags?: string[]; workspaceId?: string } = {},
): Promise<string> {
  const bytes = opts.bytes ?? `content of ${opts.name ?? 'doc.pdf'}`;
  const ws = opts.workspaceId !== undefined ? { workspaceId: opts.workspaceId } : {};
  const lease = expectOk(
    await client.call('ApplyFileUploadLease', {
      ...ws,
      path: { CategoryId: opts.category ?? 'default' },
      form: { FileName: opts.name ?? 'doc.pdf', Md5: 'd41d8cd98f00b204e9800998ecf8427e', SizeInBytes: String(Buffer.byteLength(bytes)) },
    }),
  );
  const up = await client.upload(lease, bytes);
  expect(up.status, up.text).toBe(200);
  const added = expectOk(
    await client.call('AddFile', {
      ...ws,
      form: { LeaseId: lease.FileUploadLeaseId, Parser: 'DASHSCOPE_DOCMIND', CategoryId: opts.category ?? 'default', ...(opts.tags ? { Tags: opts.tags } : {}) },
    }),
  );
  return added.FileId as string;
}
