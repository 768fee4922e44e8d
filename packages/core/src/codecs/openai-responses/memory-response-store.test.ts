import { describe, expect, it } from 'vitest';
import { MemoryResponseStore } from './memory-response-store.js';
import type { StoredResponse } from './response-store.js';

function stored(id: string, text = 'An answer.', owner = 'key-a'): StoredResponse {
  return {
    id,
    owner,
    response: { id, object: 'response', status: 'completed', output: [] } as unknown as StoredResponse['response'],
    messages: [{ role: 'user', content: [{ type: 'text', text }] }],
  };
}

function sizeOf(response: StoredResponse): number {
  return Buffer.byteLength(JSON.stringify(response));
}

describe('the in-memory response store', () => {
  it('gets what was put, and deletes it', async () => {
    const store = new MemoryResponseStore();
    await store.put(stored('resp_1'));
    expect((await store.get('resp_1'))?.messages[0]).toEqual({ role: 'user', content: [{ type: 'text', text: 'An answer.' }] });
    expect(await store.get('resp_2')).toBeUndefined();
    expect(await store.delete('resp_1')).toBe(true);
    expect(await store.delete('resp_1')).toBe(false);
    expect(await store.get('resp_1')).toBeUndefined();
    expect(store.size).toEqual({ responses: 0, bytes: 0 });
  });

  it('evicts the oldest answers beyond its count bound', async () => {
    const store = new MemoryResponseStore({ maxResponses: 2 });
    await store.put(stored('resp_1'));
    await store.put(stored('resp_2'));
    await store.put(stored('resp_3'));
    expect(await store.get('resp_1')).toBeUndefined();
    expect((await store.get('resp_2'))?.id).toBe('resp_2');
    expect((await store.get('resp_3'))?.id).toBe('resp_3');
    expect(store.size.responses).toBe(2);
  });

  it('evicts the oldest answers beyond its byte bound, and keeps none larger than the bound', async () => {
    const one = stored('resp_1', 'x'.repeat(100));
    const bound = sizeOf(one) * 2 + 10;
    const store = new MemoryResponseStore({ maxBytes: bound });
    await store.put(one);
    await store.put(stored('resp_2', 'y'.repeat(100)));
    expect(store.size.bytes).toBe(sizeOf(one) * 2);
    await store.put(stored('resp_3', 'z'.repeat(100)));
    expect(await store.get('resp_1')).toBeUndefined();
    expect(await store.get('resp_2')).toBeDefined();
    expect(await store.get('resp_3')).toBeDefined();
    expect(store.size.bytes).toBeLessThanOrEqual(bound);

    await store.put(stored('resp_big', 'w'.repeat(bound)));
    expect(await store.get('resp_big')).toBeUndefined();
    expect(await store.get('resp_3')).toBeDefined();
  });

  it('forgets an answer once its time to live has passed', async () => {
    let now = 1_000;
    const store = new MemoryResponseStore({ ttlMs: 500, now: () => now });
    await store.put(stored('resp_1'));
    now += 499;
    expect(await store.get('resp_1')).toBeDefined();
    now += 1;
    expect(await store.get('resp_1')).toBeUndefined();
    expect(store.size.responses).toBe(0);
  });

  it('sweeps expired answers when a new one is put, and does not report deleting an expired one', async () => {
    let now = 0;
    const store = new MemoryResponseStore({ ttlMs: 100, now: () => now });
    await store.put(stored('resp_1'));
    await store.put(stored('resp_2'));
    now = 150;
    expect(await store.delete('resp_2')).toBe(false);
    await store.put(stored('resp_3'));
    expect(store.size.responses).toBe(1);
    expect(store.size.bytes).toBe(sizeOf(stored('resp_3')));
  });

  it('replaces an answer stored again under the same id without counting it twice', async () => {
    const store = new MemoryResponseStore({ maxResponses: 2 });
    await store.put(stored('resp_1', 'first'));
    await store.put(stored('resp_1', 'second'));
    await store.put(stored('resp_2'));
    expect(store.size.responses).toBe(2);
    expect((await store.get('resp_1'))?.messages[0]).toEqual({ role: 'user', content: [{ type: 'text', text: 'second' }] });
  });
});
