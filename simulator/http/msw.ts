/**
 * The in-process front end: one msw handler per provider, claiming requests to that provider's real host names
 * and falling through (returning undefined) for anything else.
 */
import { http, type HttpHandler } from 'msw';
import type { Provider, SimRequest, SimResponse } from './types.ts';

export function mswHandlerFor(provider: Provider): HttpHandler {
  return http.all('*', async ({ request }) => {
    const url = new URL(request.url);
    const host = url.hostname.toLowerCase();
    const path = decodeURIComponent(url.pathname);
    if (!provider.matchesHost(host, path)) return undefined;
    const headers: Record<string, string> = {};
    request.headers.forEach((value, name) => {
      headers[name] = value;
    });
    const body = Buffer.from(await request.arrayBuffer());
    const rawQuery = url.search.startsWith('?') ? url.search.slice(1) : url.search;
    const simReq: SimRequest = {
      method: request.method.toUpperCase(),
      host,
      path,
      rawQuery,
      query: new URLSearchParams(rawQuery),
      headers,
      body: Buffer.alloc(0),
      remoteAddress: '127.0.0.1',
    };
    if (body.length > provider.maxBodyBytes) return toFetchResponse(provider.oversizeResponse(simReq));
    simReq.body = body;
    const answer = await provider.handle(simReq);
    if (answer.dropConnection) return Response.error();
    return toFetchResponse(answer);
  });
}

function toFetchResponse(answer: SimResponse): Response {
  const noBody = answer.status === 204 || answer.status === 304 || answer.body === undefined || answer.body.length === 0;
  const body = noBody ? null : typeof answer.body === 'string' ? answer.body : new Uint8Array(answer.body!);
  return new Response(body, { status: answer.status, headers: answer.headers });
}
