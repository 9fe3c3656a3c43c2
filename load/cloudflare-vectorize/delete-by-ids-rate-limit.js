// k6: Vectorize v2 delete_by_ids under Cloudflare's rate limits (seed 003_098483bba856862a.txt; fact sheet §8).
// Offers RATE requests/s from one client address for DURATION; every answer must be the documented success
// ({"success":true,"result":{"mutationId"}}) or the documented throttle (429 with Retry-After and a
// {"success":false,"errors":[…]} envelope), and the accepted share must match LIMIT/RATE. Thresholds live here.
//
//   CF_BASE_URL     http://127.0.0.1:PORT/client/v4 (the vconf simulator) — required
//   CF_ACCOUNT_ID   default 023e105f4ecef8ad9ca31a8372d0c353; CF_API_TOKEN default test (the simulator's world)
//   LIMIT           requests/s per client address configured on the target (default 200, the documented value)
//   RATE            offered load (default 300); DURATION (default 10s)
import http from 'k6/http';
import { check } from 'k6';
import { Rate } from 'k6/metrics';

const base = __ENV.CF_BASE_URL;
const account = __ENV.CF_ACCOUNT_ID || '023e105f4ecef8ad9ca31a8372d0c353';
const headers = { authorization: `Bearer ${__ENV.CF_API_TOKEN || 'test'}`, 'content-type': 'application/json' };
const limit = Number(__ENV.LIMIT || 200);
const rate = Number(__ENV.RATE || 300);
const expected = Math.min(1, limit / rate);
const accepted = new Rate('accepted');

export const options = {
  scenarios: {
    deletes: { executor: 'constant-arrival-rate', rate, timeUnit: '1s', duration: __ENV.DURATION || '10s', preAllocatedVUs: 30, maxVUs: 80 },
  },
  thresholds: {
    checks: ['rate==1'],
    accepted: [`rate>${(expected - 0.05).toFixed(3)}`, `rate<${(expected + 0.05).toFixed(3)}`],
  },
};

export function setup() {
  if (!base) throw new Error('CF_BASE_URL is required');
  const name = `k6-${Date.now().toString(36)}`;
  const res = http.post(`${base}/accounts/${account}/vectorize/v2/indexes`, JSON.stringify({ name, config: { dimensions: 32, metric: 'cosine' } }), { headers });
  if (res.status !== 200 && res.status !== 201) throw new Error(`create index answered ${res.status}: ${res.body}`);
  return { name };
}

export default function ({ name }) {
  const res = http.post(`${base}/accounts/${account}/vectorize/v2/indexes/${name}/delete_by_ids`, JSON.stringify({ ids: [`missing-${__VU}-${__ITER}`] }), { headers });
  accepted.add(res.status === 200);
  const body = res.body ? JSON.parse(res.body) : {};
  check(res, {
    'status is 200 or 429': (r) => r.status === 200 || r.status === 429,
    '200 carries a mutationId in the envelope (seed 003)': (r) => r.status !== 200 || (body.success === true && typeof body.result.mutationId === 'string'),
    '429 has Retry-After and a failed envelope (fact sheet §8)': (r) =>
      r.status !== 429 || (Number(r.headers['Retry-After']) >= 0 && body.success === false && body.errors.length > 0),
  });
}

export function teardown({ name }) {
  http.del(`${base}/accounts/${account}/vectorize/v2/indexes/${name}`, null, { headers });
}
