import { describe, expect, it, vi } from 'vitest';
import { BufferedLineWriter } from './buffered-line-writer.js';

describe('BufferedLineWriter', () => {
  it('writes the lines of one interval in one call, and what is left on flush', () => {
    vi.useFakeTimers();
    try {
      const writes: string[] = [];
      const writer = new BufferedLineWriter({ sink: (text) => writes.push(text), flushIntervalMs: 100 });
      writer.write('a\n');
      writer.write('b\n');
      vi.advanceTimersByTime(99);
      expect(writes).toEqual([]);
      vi.advanceTimersByTime(1);
      expect(writes).toEqual(['a\nb\n']);
      writer.write('c\n');
      writer.flush();
      expect(writes).toEqual(['a\nb\n', 'c\n']);
      vi.advanceTimersByTime(1000);
      expect(writes).toHaveLength(2);
    } finally {
      vi.useRealTimers();
    }
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
