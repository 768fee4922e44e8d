import type { OpenAIToolCallDelta } from '@modelgate/core';
import { describe, expect, it } from 'vitest';
import { ToolCallDeltaNormalizer } from './tool-call-delta-normalizer.js';

/** Joins deltas by index the way an OpenAI client does. */
function assemble(deltas: OpenAIToolCallDelta[]): { id?: string; name?: string; arguments: string }[] {
  const calls: { id?: string; name?: string; arguments: string }[] = [];
  for (const delta of deltas) {
    const call = (calls[delta.index] ??= { arguments: '' });
    if (delta.id !== undefined) call.id = delta.id;
    if (delta.function?.name !== undefined) call.name = delta.function.name;
    call.arguments += delta.function?.arguments ?? '';
  }
  return calls;
}

function run(chunks: unknown[][]): OpenAIToolCallDelta[] {
  const normalizer = new ToolCallDeltaNormalizer();
  const out = chunks.flatMap((deltas) => normalizer.push(deltas));
  return [...out, ...normalizer.flush()];
}

describe('ToolCallDeltaNormalizer', () => {
  it('passes OpenAI deltas through: first with id/type/name, then argument fragments', () => {
    const out = run([
      [{ index: 0, id: 'call_a', type: 'function', function: { name: 'get_weather', arguments: '' } }],
      [{ index: 0, function: { arguments: '{"city":' } }],
      [{ index: 0, function: { arguments: '"Paris"}' } }],
    ]);
    expect(out).toEqual([
      { index: 0, id: 'call_a', type: 'function', function: { name: 'get_weather', arguments: '' } },
      { index: 0, function: { arguments: '{"city":' } },
      { index: 0, function: { arguments: '"Paris"}' } },
    ]);
  });

  it('numbers calls itself when the upstream sends no index (Gemini), whole calls in one delta', () => {
    const out = run([
      [{ id: 'g1', type: 'function', function: { name: 'a', arguments: '{"x":1}' } }],
      [{ id: 'g2', type: 'function', function: { name: 'b', arguments: '{"y":2}' } }],
    ]);
    expect(out.map((delta) => delta.index)).toEqual([0, 1]);
    expect(assemble(out)).toEqual([
      { id: 'g1', name: 'a', arguments: '{"x":1}' },
      { id: 'g2', name: 'b', arguments: '{"y":2}' },
    ]);
  });

  it('sends the id once when the upstream repeats it on every delta', () => {
    const out = run([
      [{ index: 0, id: 'call_r', function: { name: 'f', arguments: '{"a"' } }],
      [{ index: 0, id: 'call_r', function: { arguments: ':1}' } }],
      [{ index: 0, id: 'call_r', function: { name: 'f', arguments: '' } }],
    ]);
    expect(out).toEqual([
      { index: 0, id: 'call_r', type: 'function', function: { name: 'f', arguments: '{"a"' } },
      { index: 0, function: { arguments: ':1}' } },
    ]);
  });

  it('buffers arguments until a late name arrives, and sends nothing before', () => {
    const normalizer = new ToolCallDeltaNormalizer();
    expect(normalizer.push([{ index: 0, id: 'call_l', function: { arguments: '{"q":' } }])).toEqual([]);
    expect(normalizer.push([{ index: 0, function: { arguments: '"x"' } }])).toEqual([]);
    expect(normalizer.push([{ index: 0, function: { name: 'search', arguments: '}' } }])).toEqual([
      { index: 0, id: 'call_l', type: 'function', function: { name: 'search', arguments: '{"q":"x"}' } },
    ]);
  });

  it('keeps two interleaved parallel calls apart', () => {
    const out = run([
      [{ index: 0, id: 'call_1', function: { name: 'one', arguments: '' } }],
      [{ index: 1, id: 'call_2', function: { name: 'two', arguments: '{"b"' } }],
      [{ index: 0, function: { arguments: '{"a"' } }],
      [
        { index: 1, function: { arguments: ':2}' } },
        { index: 0, function: { arguments: ':1}' } },
      ],
    ]);
    expect(assemble(out)).toEqual([
      { id: 'call_1', name: 'one', arguments: '{"a":1}' },
      { id: 'call_2', name: 'two', arguments: '{"b":2}' },
    ]);
  });

  it('uses our own counter, not the upstream index (Anthropic-style block indexes start at 1)', () => {
    const out = run([
      [{ index: 1, id: 'call_x', function: { name: 'f', arguments: '{}' } }],
      [{ index: 3, id: 'call_y', function: { name: 'g', arguments: '{}' } }],
    ]);
    expect(out.map((delta) => delta.index)).toEqual([0, 1]);
  });

  it('splits two calls that reuse one upstream index with different ids', () => {
    const out = run([
      [{ index: 0, id: 'call_1', function: { name: 'a', arguments: '{}' } }],
      [{ index: 0, id: 'call_2', function: { name: 'b', arguments: '{}' } }],
    ]);
    expect(assemble(out)).toEqual([
      { id: 'call_1', name: 'a', arguments: '{}' },
      { id: 'call_2', name: 'b', arguments: '{}' },
    ]);
  });

  it('generates ids for calls that never get one, without index or id: a new name starts a new call', () => {
    const normalizer = new ToolCallDeltaNormalizer();
    expect(normalizer.push([{ function: { name: 'a', arguments: '{"x"' } }])).toEqual([]);
    const second = normalizer.push([{ function: { arguments: ':1}' } }, { function: { name: 'b', arguments: '{}' } }]);
    expect(second).toHaveLength(1);
    expect(second[0]).toMatchObject({ index: 0, type: 'function', function: { name: 'a', arguments: '{"x":1}' } });
    expect(second[0]!.id).toMatch(/^call_[0-9a-f]{24}$/);
    const flushed = normalizer.flush();
    expect(flushed).toHaveLength(1);
    expect(flushed[0]).toMatchObject({ index: 1, function: { name: 'b', arguments: '{}' } });
    expect(normalizer.hasToolCalls).toBe(true);
  });

  it('drops a call whose name never arrives and ignores junk', () => {
    const normalizer = new ToolCallDeltaNormalizer();
    expect(normalizer.push([null, 'x', { index: 0, id: 'call_n', function: { arguments: '{}' } }])).toEqual([]);
    expect(normalizer.flush()).toEqual([]);
    expect(normalizer.hasToolCalls).toBe(false);
  });
});
