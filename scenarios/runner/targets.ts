/**
 * The three targets. in-process: a fresh simulator whose msw handlers answer through `getResponse` — no socket, no
 * patched globals. http: a simulator served over HTTP (one the runner starts, or any endpoint given). real: the
 * services' own host names, signed with credentials from the environment; for tests the last hop can be sent in
 * proxy form to a local address (`via`).
 */
import { request as httpRequest } from 'node:http';
import { getResponse, type HttpHandler } from 'msw';
import { mswHandlerFor } from '../../simulator/http/msw.ts';
import type { Provider } from '../../simulator/http/types.ts';
import { createSimulator, PROVIDER_SLUGS, type Simulator, type SimulatorOptions } from '../../simulator/index.ts';
import type { FaultPlan, LimitRule } from '../../simulator/engine/faults.ts';
import type { SimulatorControl, TargetContext, TargetKind } from './types.ts';

export type TargetSpec =
  | {
      kind: 'in-process';
      simulator?: SimulatorOptions;
      /** Tests only: wrap a provider to make it misbehave on purpose (e.g. answer 200 where the seed says 204). */
      wrapProvider?: (provider: Provider) => Provider;
    }
  | {
      kind: 'http';
      /** Endpoint per provider slug; `*` applies to every provider. Omitted: the runner serves its own simulator. */
      endpoints?: Record<string, string>;
      simulator?: SimulatorOptions;
    }
  | {
      kind: 'real';
      env?: Record<string, string | undefined>;
      /** Tests only: send every request in proxy form over plain HTTP to this address (a second simulator). */
      via?: string;
    };

export interface OpenTarget {
  context: TargetContext;
  close(): Promise<void>;
}

/** Parses `--target`: `in-process` (default), `http` (serve our own), `http://host:port`, `real`. */
export function parseTarget(value: string | undefined, endpoints: Record<string, string> = {}): TargetSpec {
  if (value === undefined || value === 'in-process') {
    return Object.keys(endpoints).length > 0 ? { kind: 'http', endpoints } : { kind: 'in-process' };
  }
  if (value === 'real') return { kind: 'real' };
  if (value === 'http') return Object.keys(endpoints).length > 0 ? { kind: 'http', endpoints } : { kind: 'http' };
  if (/^https?:\/\/[^/]+/.test(value)) return { kind: 'http', endpoints: { '*': value.replace(/\/$/, ''), ...endpoints } };
  throw new Error(`--target must be in-process, http, http://HOST:PORT or real (got "${value}")`);
}

/** Conformance runs do not want the documented QPS limits to throttle set-up; scenarios that test limits set their own. */
const RUN_SIMULATOR_DEFAULTS: SimulatorOptions = { limits: 'none', seed: 'vconf-conform' };

export async function openTarget(spec: TargetSpec, runPrefix: string): Promise<OpenTarget> {
  switch (spec.kind) {
    case 'in-process': {
      const sim = createSimulator({ ...RUN_SIMULATOR_DEFAULTS, ...spec.simulator });
      const handlers: HttpHandler[] = PROVIDER_SLUGS.map((slug) => {
        const p = sim.providers[slug];
        return mswHandlerFor(spec.wrapProvider ? spec.wrapProvider(p) : p);
      });
      return {
        context: { kind: 'in-process', name: 'in-process', runPrefix, fetch: inProcessFetch(handlers), env: {}, control: directControl(sim), servedProviders: [...PROVIDER_SLUGS] },
        close: () => sim.close(),
      };
    }
    case 'http': {
      if (spec.endpoints && Object.keys(spec.endpoints).length > 0) {
        const endpoints = expandEndpoints(spec.endpoints);
        const origin = new URL(Object.values(endpoints)[0]!).origin;
        const control = await httpControl(origin);
        const name = [...new Set(Object.values(endpoints))].join(', ');
        return { context: { kind: 'http', name, runPrefix, endpoints, env: {}, control }, close: async () => {} };
      }
      const sim = createSimulator({ ...RUN_SIMULATOR_DEFAULTS, ...spec.simulator });
      const endpoints = await sim.startHttp();
      const name = `http (own simulator at ${new URL(Object.values(endpoints)[0]!).origin})`;
      return {
        context: { kind: 'http', name, runPrefix, endpoints, env: {}, control: directControl(sim), servedProviders: [...PROVIDER_SLUGS] },
        close: () => sim.close(),
      };
    }
    case 'real':
      return {
        context: {
          kind: 'real',
          name: spec.via ? `real (tests: proxy-form via ${spec.via})` : 'real',
          runPrefix,
          env: spec.env ?? process.env,
          via: spec.via,
        },
        close: async () => {},
      };
  }
}

export function targetLabel(kind: TargetKind): string {
  return kind === 'real' ? 'real service' : kind === 'http' ? 'HTTP simulator' : 'in-process simulator';
}

function expandEndpoints(given: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const slug of PROVIDER_SLUGS) {
    const e = given[slug] ?? given['*'];
    if (e) out[slug] = e.replace(/\/$/, '');
  }
  for (const [slug, e] of Object.entries(given)) if (slug !== '*' && !out[slug]) out[slug] = e.replace(/\/$/, '');
  return out;
}

/** A fetch answered by the simulator's msw handlers without leaving the process. */
export function inProcessFetch(handlers: HttpHandler[]): typeof fetch {
  return (async (input: RequestInfo | URL, init?: RequestInit) => {
    const request = new Request(input, init);
    const response = await getResponse(handlers, request);
    if (!response) throw new TypeError(`in-process target: no simulator handler for ${request.method} ${request.url}`);
    if (response.type === 'error') throw new TypeError('fetch failed: the simulator dropped the connection');
    return response;
  }) as typeof fetch;
}

function directControl(sim: Simulator): SimulatorControl {
  return {
    async addFault(plan) {
      return sim.control.addFault(plan as FaultPlan);
    },
    async removeFault(id) {
      sim.control.removeFault(id);
    },
    async setLimit(rule) {
      sim.control.setLimit(rule as LimitRule);
    },
    async removeLimit(id) {
      sim.control.removeLimit(id);
    },
    providerOptions(slug) {
      const instance = (sim.instances as unknown as Record<string, { options?: Record<string, unknown> } | undefined>)[slug];
      return instance?.options;
    },
    async providerAction(slug, name, body) {
      const fn = (sim.providers as Record<string, Provider | undefined>)[slug]?.controlActions?.[name];
      if (!fn) throw new Error(`no control action ${name} for provider ${slug}`);
      return fn(body);
    },
  };
}

/** The control endpoint of a simulator we did not start (`/__vconf/…`); undefined when the endpoint has none. */
async function httpControl(origin: string): Promise<SimulatorControl | undefined> {
  try {
    const health = await fetch(`${origin}/__vconf/health`, { signal: AbortSignal.timeout(5000) });
    if (!health.ok) return undefined;
  } catch {
    return undefined;
  }
  const send = async (method: string, path: string, body?: unknown) => {
    const res = await fetch(`${origin}/__vconf/${path}`, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const json = (await res.json().catch(() => ({}))) as Record<string, unknown>;
    if (!res.ok) throw new Error(`control ${method} /__vconf/${path}: ${res.status} ${JSON.stringify(json)}`);
    return json;
  };
  return {
    async addFault(plan) {
      return String((await send('POST', 'faults', plan)).id);
    },
    async removeFault(id) {
      await send('DELETE', `faults/${encodeURIComponent(id)}`);
    },
    async setLimit(rule) {
      await send('POST', 'limits', rule);
    },
    async removeLimit(id) {
      await send('DELETE', `limits/${encodeURIComponent(id)}`);
    },
    async providerAction(slug, name, body) {
      return (await send('POST', `actions/${encodeURIComponent(slug)}/${encodeURIComponent(name)}`, body ?? {})).result;
    },
  };
}

/**
 * A fetch that sends each request in proxy form — the absolute URL as the request target — over plain HTTP to
 * `via`. The real target's code path (host names, account in the host, signing) stays exactly as for the service.
 */
export function proxyFormFetch(via: string): typeof fetch {
  const proxy = new URL(via);
  return (async (input: RequestInfo | URL, init?: RequestInit) => {
    const request = new Request(input, init);
    const body = Buffer.from(await request.arrayBuffer());
    const headers: Record<string, string> = {};
    request.headers.forEach((v, k) => {
      headers[k] = v;
    });
    headers.host = new URL(request.url).host;
    if (body.length > 0) headers['content-length'] = String(body.length);
    return new Promise<Response>((resolve, reject) => {
      const req = httpRequest(
        { host: proxy.hostname, port: proxy.port, method: request.method, path: request.url, headers },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => {
            const h = new Headers();
            for (const [k, v] of Object.entries(res.headers)) if (v !== undefined) h.set(k, Array.isArray(v) ? v.join(', ') : v);
            const status = res.statusCode ?? 0;
            const noBody = status === 204 || status === 304;
            resolve(new Response(noBody ? null : Buffer.concat(chunks), { status, headers: h }));
          });
          res.on('error', reject);
        },
      );
      req.on('error', (err) => reject(new TypeError(`fetch failed: ${err.message}`)));
      req.end(body.length > 0 ? body : undefined);
    });
  }) as typeof fetch;
}
