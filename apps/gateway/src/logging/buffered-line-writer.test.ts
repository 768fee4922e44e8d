import { setImmediate as nextTurn } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { BufferedLineWriter } from './buffered-line-writer.js';

describe('BufferedLineWriter', () => {
  it('writes the lines of one turn of the event loop in one call', async () => {
    const writes: string[] = [];
    const writer = new BufferedLineWriter((text) => writes.push(text));
    writer.write('a\n');
    writer.write('b\n');
    expect(writes).toEqual([]);
    await nextTurn();
    expect(writes).toEqual(['a\nb\n']);
    writer.write('c\n');
    writer.flush();
    expect(writes).toEqual(['a\nb\n', 'c\n']);
    await nextTurn();
    expect(writes).toHaveLength(2);
  });

  it('writes at once when much is waiting', () => {
    const writes: string[] = [];
    const writer = new BufferedLineWriter((text) => writes.push(text));
    const line = `${'x'.repeat(1023)}\n`;
    for (let index = 0; index < 64; index += 1) writer.write(line);
    expect(writes).toHaveLength(1);
    expect(writes[0]).toHaveLength(64 * 1024);
  });
});
