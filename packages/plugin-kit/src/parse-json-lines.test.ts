import { describe, expect, it } from 'vitest';
import { parseJsonLines } from './parse-json-lines.js';

async function collect(chunks: string[]): Promise<unknown[]> {
  const encoder = new TextEncoder();
  async function* source() {
    for (const chunk of chunks) yield encoder.encode(chunk);
  }
  const values: unknown[] = [];
  for await (const value of parseJsonLines(source())) values.push(value);
  return values;
}

describe('parseJsonLines', () => {
  it('parses lines split across chunks, skips blank lines, parses a last line without newline', async () => {
    expect(await collect(['{"a":', '1}\n\n{"b":"é', '"}\r\n{"c":3}'])).toEqual([{ a: 1 }, { b: 'é' }, { c: 3 }]);
  });

  it('throws a SyntaxError naming the bad line', async () => {
    await expect(collect(['{"a":1}\nnot json\n'])).rejects.toThrow(/Invalid JSON line: not json/);
  });
});
