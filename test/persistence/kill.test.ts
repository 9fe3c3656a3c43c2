/**
 * kill -9 during mixed writes loses no acknowledged write and half-applies nothing (issue 16 §4): writers on all three
 * providers run concurrently against `vconf serve --state-dir`, the server is SIGKILLed mid-stream, restarted on the
 * same directory, and every write it had answered is checked; writes in flight at the kill are all-or-nothing.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { serve, stop, type Served } from './serve.ts';

const PORTS = ['--oss-vectors-port', '0', '--cloudflare-vectorize-port', '0', '--bailian-port', '0'];
const BATCH = 20;
const vec = (i: number) => [i % 7, 1 + (i % 3), 0.5, 1];
const axis = (i: number) => Array.from({ length: 32 }, (_, d) => (d === i % 32 ? 1 : 0.01));

interface Ledger {
  /** OSS batches answered 200, by their keys; deleted later with an answered 204 → in `deleted`. */
  putAcked: string[][];
  putInFlight: string[][];
  deleted: Set<string>;
  deleteInFlight: string[][];
  /** Vectorize ids whose insert was answered with a mutationId; ids of inserts in flight. */
  cfAcked: string[];
  cfInFlight: string[][];
  /** Bailian categories answered with an id; names in flight. */
  categories: Map<string, string>;
  categoriesInFlight: string[];
}

async function writer(s: Served, w: number, ledger: Ledger, until: () => boolean) {
  for (let n = 0; !until(); n++) {
    const keys = Array.from({ length: BATCH }, (_, i) => `w${w}-${n}-${i}`);
    ledger.putInFlight.push(keys);
    try {
      const put = await s.oss.call('PutVectors', { bucket: 'crash', body: { indexName: 'idx', vectors: keys.map((key, i) => ({ key, data: { float32: vec(i) } })) } });
      if (put.status === 200) ledger.putAcked.push(keys);
      ledger.putInFlight.splice(ledger.putInFlight.indexOf(keys), 1);
      if (n % 3 === 2 && put.status === 200) {
        ledger.deleteInFlight.push(keys);
        const del = await s.oss.call('DeleteVectors', { bucket: 'crash', body: { indexName: 'idx', keys } });
        if (del.status === 204) for (const k of keys) ledger.deleted.add(k);
        ledger.deleteInFlight.splice(ledger.deleteInFlight.indexOf(keys), 1);
      }
      const ids = [`c${w}-${n}-a`, `c${w}-${n}-b`];
      ledger.cfInFlight.push(ids);
      const ins = await s.cf.call('InsertVectors', { index: 'crash', vectors: ids.map((id, i) => ({ id, values: axis(n + i) })) });
      if (ins.status === 200) ledger.cfAcked.push(...ids);
      ledger.cfInFlight.splice(ledger.cfInFlight.indexOf(ids), 1);
      const name = `cat-${w}-${n}`;
      ledger.categoriesInFlight.push(name);
      const cat = await s.bailian.call('AddCategory', { form: { CategoryName: name, CategoryType: 'UNSTRUCTURED' } });
      if (cat.status === 200) ledger.categories.set(name, (cat.json as { Data: { CategoryId: string } }).Data.CategoryId);
      ledger.categoriesInFlight.splice(ledger.categoriesInFlight.indexOf(name), 1);
    } catch {
      return; // the server was killed: what is in flight stays in the in-flight lists
    }
  }
}

async function present(s: Served, keys: string[]): Promise<Set<string>> {
  const got = await s.oss.call('GetVectors', { bucket: 'crash', body: { indexName: 'idx', keys } });
  expect(got.status, got.text).toBe(200);
  return new Set((got.json as { vectors: { key: string }[] }).vectors.map((v) => v.key));
}

// Both sync policies survive a killed process ('normal' gives up only on machine crashes, which a test cannot stage).
describe.each(['full', 'normal'])('kill -9 during mixed writes, --state-sync %s (issue 16 §4)', (sync) => {
  it('after a restart every acknowledged write is there; writes in flight are whole or absent', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vconf-kill-'));
    const first = await serve([...PORTS, '--state-dir', dir, '--state-sync', sync, '--faults', join(import.meta.dirname, 'no-limits.yaml')]);
    expect((await first.oss.call('PutVectorBucket', { bucket: 'crash' })).status).toBe(200);
    expect((await first.oss.call('PutVectorIndex', { bucket: 'crash', body: { indexName: 'idx', dataType: 'float32', dimension: 4, distanceMetric: 'euclidean' } })).status).toBe(200);
    expect((await first.cf.call('CreateIndex', { body: { name: 'crash', config: { dimensions: 32, metric: 'cosine' } } })).status).toBe(200);
    const ledger: Ledger = { putAcked: [], putInFlight: [], deleted: new Set(), deleteInFlight: [], cfAcked: [], cfInFlight: [], categories: new Map(), categoriesInFlight: [] };
    let killed = false;
    const writers = Array.from({ length: 6 }, (_, w) => writer(first, w, ledger, () => killed));
    await sleep(1500);
    first.child.kill('SIGKILL');
    killed = true;
    await Promise.all(writers);
    await stop(first);

    const second = await serve([...PORTS, '--state-dir', dir]);
    try {
      let checked = 0;
      let lost = 0;
      for (const keys of ledger.putAcked) {
        const have = await present(second, keys);
        const deleted = keys.every((k) => ledger.deleted.has(k));
        const inFlightDelete = ledger.deleteInFlight.includes(keys);
        for (const k of keys) {
          checked++;
          if (!inFlightDelete && have.has(k) === deleted) lost++;
        }
        // A delete in flight at the kill is all-or-nothing too.
        if (inFlightDelete) expect([0, BATCH]).toContain(have.size);
      }
      for (const keys of ledger.putInFlight) expect([0, BATCH], `in-flight batch ${keys[0]}`).toContain((await present(second, keys)).size);

      await fetch(`${second.control}/__vconf/actions/cloudflare-vectorize/flush`, { method: 'POST' });
      const cfIds = [...ledger.cfAcked, ...ledger.cfInFlight.flat()];
      const cfHave = new Set<string>();
      for (let i = 0; i < cfIds.length; i += 20) {
        const got = await second.cf.call('GetVectorsByIds', { index: 'crash', body: { ids: cfIds.slice(i, i + 20) } });
        for (const v of (got.json as { result: { id: string }[] }).result) cfHave.add(v.id);
      }
      for (const id of ledger.cfAcked) {
        checked++;
        if (!cfHave.has(id)) lost++;
      }
      for (const ids of ledger.cfInFlight) expect([0, ids.length]).toContain(ids.filter((id) => cfHave.has(id)).length);

      const byName = new Map<string, string>();
      let token: string | undefined;
      do {
        const form = { CategoryType: 'UNSTRUCTURED', MaxResults: 200, ...(token ? { NextToken: token } : {}) };
        const page = (await second.bailian.call('ListCategory', { form })).json as { Data: { CategoryList: { CategoryId: string; CategoryName: string }[]; NextToken?: string } };
        for (const c of page.Data.CategoryList) byName.set(c.CategoryName, c.CategoryId);
        token = page.Data.NextToken;
      } while (token);
      for (const [name, id] of ledger.categories) {
        checked++;
        if (byName.get(name) !== id) lost++;
      }
      const acknowledged = ledger.putAcked.length + ledger.deleted.size / BATCH + ledger.cfAcked.length / 2 + ledger.categories.size;
      console.log(`[kill -9, --state-sync ${sync}] writes acknowledged ${acknowledged} (OSS PutVectors ${ledger.putAcked.length}, DeleteVectors ${ledger.deleted.size / BATCH}, Vectorize inserts ${ledger.cfAcked.length / 2}, Bailian AddCategory ${ledger.categories.size}); in flight at the kill ${ledger.putInFlight.length + ledger.deleteInFlight.length + ledger.cfInFlight.length + ledger.categoriesInFlight.length}; items checked ${checked}; lost ${lost}`);
      expect(ledger.putAcked.length).toBeGreaterThan(5);
      expect(ledger.categories.size).toBeGreaterThan(5);
      expect(lost).toBe(0);
    } finally {
      await stop(second);
    }
  });
});
