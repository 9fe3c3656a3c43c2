/**
 * JSON.parse of a multi-megabyte body blocks the event loop for tens of milliseconds, and a structured clone of the
 * parsed object back from a worker costs as much again. So a worker parses and hands back the float arrays of
 * `vectors[i].data.float32` as one transferred Float32Array plus a small remainder; small requests keep flowing
 * while a 500 × 768-d PutVectors is parsed. Falls back to parsing in place if the worker is unavailable.
 */
import { Worker } from 'node:worker_threads';

/** Bodies from this size on are parsed off the event loop. */
export const OFFLOAD_BYTES = 512 * 1024;

export interface OffloadedJson {
  body: unknown;
  /** vector index → its float32 values (a view into one transferred buffer). */
  floats: Map<number, Float32Array>;
}

interface Pending {
  resolve(value: OffloadedJson | 'malformed'): void;
  reject(err: Error): void;
}

let worker: Worker | undefined;
let nextId = 1;
const pending = new Map<number, Pending>();

function getWorker(): Worker {
  if (worker) return worker;
  const w = new Worker(new URL('./json-worker.mjs', import.meta.url));
  w.unref();
  w.on('message', (m: { id: number; malformed?: boolean; body?: unknown; values?: Float32Array; segments?: Int32Array }) => {
    const p = pending.get(m.id);
    if (!p) return;
    pending.delete(m.id);
    if (m.malformed) return p.resolve('malformed');
    const floats = new Map<number, Float32Array>();
    const s = m.segments!;
    for (let n = 0; n < s.length; n += 3) floats.set(s[n]!, m.values!.subarray(s[n + 1]!, s[n + 1]! + s[n + 2]!));
    p.resolve({ body: m.body, floats });
  });
  const fail = (err: Error) => {
    worker = undefined;
    for (const p of pending.values()) p.reject(err);
    pending.clear();
  };
  w.on('error', fail);
  w.on('exit', (code) => fail(new Error(`JSON worker exited with code ${code}`)));
  worker = w;
  return w;
}

/** Parses `raw` off the event loop; 'malformed' when it is not JSON. Rejects only if the worker itself failed. */
export function parseJsonOffThread(raw: Buffer): Promise<OffloadedJson | 'malformed'> {
  const bytes = new Uint8Array(raw); // a copy we own, transferred to the worker
  return new Promise((resolve, reject) => {
    const id = nextId++;
    const w = getWorker();
    w.ref(); // keep the process alive while a parse is in flight
    const done = () => {
      if (pending.size === 0) w.unref();
    };
    pending.set(id, {
      resolve: (v) => {
        resolve(v);
        done();
      },
      reject: (e) => {
        reject(e);
        done();
      },
    });
    w.postMessage({ id, bytes }, [bytes.buffer]);
  });
}
