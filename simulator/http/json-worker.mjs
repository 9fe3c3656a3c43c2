// Parses large JSON request bodies off the event loop (see json-offload.ts). Plain JavaScript so the worker needs
// no TypeScript loader. Float arrays under `vectors[i].data.float32` are moved into one Float32Array that is
// transferred back (zero-copy); each is replaced by the placeholder `[0]` so the small remainder clones cheaply.
// An array holding anything but numbers is left in place, so schema validation reports it as usual.
import { readlinkSync } from 'node:fs';
import { setPriority } from 'node:os';
import { parentPort } from 'node:worker_threads';

// Bulk parsing is background work: at a lower scheduling priority than the event loop, so when the cores are busy the
// thread answering small requests runs first (on Linux a thread id names one thread to setpriority). Elsewhere, or
// when not permitted, parsing keeps the normal priority.
try {
  const tid = Number(readlinkSync('/proc/thread-self').split('/').pop());
  if (Number.isInteger(tid) && tid > 0) setPriority(tid, 10);
} catch {
  // not Linux, or not permitted
}

parentPort.on('message', ({ id, bytes }) => {
  let body;
  try {
    body = JSON.parse(Buffer.from(bytes).toString('utf8'));
  } catch {
    parentPort.postMessage({ id, malformed: true });
    return;
  }
  const vectors = body !== null && typeof body === 'object' && !Array.isArray(body) ? body.vectors : undefined;
  const take = [];
  let total = 0;
  if (Array.isArray(vectors)) {
    for (let i = 0; i < vectors.length; i++) {
      const data = vectors[i] !== null && typeof vectors[i] === 'object' ? vectors[i].data : undefined;
      const f = data !== null && typeof data === 'object' ? data.float32 : undefined;
      if (Array.isArray(f) && f.every((x) => typeof x === 'number')) {
        take.push(i);
        total += f.length;
      }
    }
  }
  const values = new Float32Array(total);
  const segments = new Int32Array(take.length * 3);
  let offset = 0;
  take.forEach((i, n) => {
    const f = vectors[i].data.float32;
    values.set(f, offset);
    segments[n * 3] = i;
    segments[n * 3 + 1] = offset;
    segments[n * 3 + 2] = f.length;
    vectors[i].data.float32 = [0];
    offset += f.length;
  });
  parentPort.postMessage({ id, body, values, segments }, [values.buffer, segments.buffer]);
});
