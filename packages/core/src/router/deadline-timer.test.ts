import { afterEach, describe, expect, it, vi } from 'vitest';
import { DeadlineTimer } from './deadline-timer.js';

afterEach(() => {
  vi.useRealTimers();
});

describe('deadline timer', () => {
  it('fires a long deadline within one bucket of its time, once, and never a cancelled one', () => {
    vi.useFakeTimers();
    const timer = new DeadlineTimer(60_000);
    const fired: string[] = [];
    timer.start(() => fired.push('kept'));
    const cancelled = timer.start(() => fired.push('cancelled'));
    cancelled.cancel();
    vi.advanceTimersByTime(59_000);
    expect(fired).toEqual([]);
    vi.advanceTimersByTime(60_000 / 64 + 1_000);
    expect(fired).toEqual(['kept']);
    vi.advanceTimersByTime(120_000);
    expect(fired).toEqual(['kept']);
    timer.close();
  });

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
