// k6: DeleteVectors under a QPS limit (seed 001_3830517637282d1c.txt: "503 QpsLimitExceeded").
// Drives DeleteVectors at RATE requests/s for DURATION and checks every answer is either the documented success
// (204, empty body) or the documented throttle (503, {"Error":{"Code":"QpsLimitExceeded"}}), and that the accepted
// share matches the configured limit. Thresholds live here; k6 exits non-zero when one fails.
//
//   OSS_ENDPOINT   http://127.0.0.1:PORT (path style; the vconf simulator) — required
//   LIMIT          the DeleteVectors limit configured on the target, requests/s (default 50)
//   RATE           offered load, requests/s (default 100); DURATION (default 10s)
//   OSS_ACCESS_KEY_ID / OSS_ACCESS_KEY_SECRET / OSS_ACCOUNT_ID / OSS_REGION   (defaults: the simulator's world)
import http from 'k6/http';
import { check } from 'k6';
import { Rate } from 'k6/metrics';
import { signOss4 } from '../lib/oss4.js';

const endpoint = __ENV.OSS_ENDPOINT;
const limit = Number(__ENV.LIMIT || 50);
const rate = Number(__ENV.RATE || 100);
const expected = Math.min(1, limit / rate);
const creds = {
  accessKeyId: __ENV.OSS_ACCESS_KEY_ID || 'test',
  accessKeySecret: __ENV.OSS_ACCESS_KEY_SECRET || 'test',
  accountId: __ENV.OSS_ACCOUNT_ID || '1234567890',
  region: __ENV.OSS_REGION || 'cn-hangzhou',
};
const accepted = new Rate('accepted');

export const options = {
  scenarios: {
    deletes: {
      executor: 'constant-arrival-rate',
      rate,
      timeUnit: '1s',
      duration: __ENV.DURATION || '10s',
      preAllocatedVUs: 20,
      maxVUs: 50,
    },
  },
  thresholds: {
    checks: ['rate==1'],
    // The limiter must accept the configured share of the offered load (±5 points).
    accepted: [`rate>${(expected - 0.05).toFixed(3)}`, `rate<${(expected + 0.05).toFixed(3)}`],
  },
};

// Init code runs once per VU, so the bucket name is chosen in setup() and handed to every iteration.
function call(bucket, method, query, body) {
  const headers = signOss4({ method, rawQuery: query, contentType: body ? 'application/json' : undefined, bucket, ...creds });
  return http.request(method, `${endpoint}/${bucket}/?${query}`, body ? JSON.stringify(body) : null, { headers });
}

export function setup() {
  if (!endpoint) throw new Error('OSS_ENDPOINT is required');
  const bucket = __ENV.OSS_BUCKET || `k6-${Date.now().toString(36)}`;
  const b = call(bucket, 'PUT', '', null);
  if (b.status !== 200) throw new Error(`PutVectorBucket answered ${b.status}: ${b.body}`);
  const i = call(bucket, 'POST', 'putVectorIndex', { indexName: 'k6', dataType: 'float32', dimension: 4, distanceMetric: 'cosine' });
  if (i.status !== 200) throw new Error(`PutVectorIndex answered ${i.status}: ${i.body}`);
  return { bucket };
}

export default function ({ bucket }) {
  const res = call(bucket, 'POST', 'deleteVectors', { indexName: 'k6', keys: [`missing-${__VU}-${__ITER}`] });
  accepted.add(res.status === 204);
  check(res, {
    'status is 204 or 503': (r) => r.status === 204 || r.status === 503,
    '204 has an empty body (seed 001)': (r) => r.status !== 204 || !r.body,
    '503 is QpsLimitExceeded (seed 001)': (r) => r.status !== 503 || JSON.parse(r.body).Error.Code === 'QpsLimitExceeded',
    'x-oss-request-id is 24 characters': (r) => (r.headers['X-Oss-Request-Id'] || '').length === 24,
  });
}

export function teardown({ bucket }) {
  call(bucket, 'POST', 'deleteVectorIndex', { indexName: 'k6' });
  call(bucket, 'DELETE', '', null);
}
