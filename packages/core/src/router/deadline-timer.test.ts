import { afterEach, describe, expect, it, vi } from 'vitest';
import { DeadlineTimer } from './deadline-timer.js';

afterEach(() => {
  vi.useRealTimers();
});

describe('deadline timer', () => {
  // Deadlines fall into buckets of 937 ms swept every 937 ms from the first start: a deadline fires less than two
  // buckets after its time, however the start falls between bucket boundaries (each start offset below).
  it.each([0, 500, 906, 936])(
    'fires a long deadline less than two buckets late, once, and never a cancelled one (start %i ms into a bucket)',
    (offset) => {
      vi.useFakeTimers({ now: 937 * 1_000_000 + offset });
      const timer = new DeadlineTimer(60_000);
      const fired: string[] = [];
      timer.start(() => fired.push('kept'));
      const cancelled = timer.start(() => fired.push('cancelled'));
      cancelled.cancel();
      vi.advanceTimersByTime(59_999);
      expect(fired).toEqual([]);
      vi.advanceTimersByTime(1 + 2 * 937);
      expect(fired).toEqual(['kept']);
      vi.advanceTimersByTime(120_000);
      expect(fired).toEqual(['kept']);
      timer.close();
    },
  );

  it('uses a plain timer for short deadlines', () => {
    vi.useFakeTimers();
    const timer = new DeadlineTimer(50);
    const fired: number[] = [];
    timer.start(() => fired.push(1));
    timer.start(() => fired.push(2)).cancel();
    vi.advanceTimersByTime(49);
    expect(fired).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(fired).toEqual([1]);
  });
});
