import type { ServerResponse } from 'node:http';
import { describe, expect, it } from 'vitest';
import { InFlightResponses } from './in-flight-responses.js';

const response = (name: string) => ({ name }) as unknown as ServerResponse;

describe('InFlightResponses', () => {
  it('lists what is in flight, newest first, and forgets what was removed', () => {
    const inFlight = new InFlightResponses();
    const [a, b, c, d] = ['a', 'b', 'c', 'd'].map(response);
    const removeA = inFlight.add(a!);
    const removeB = inFlight.add(b!);
    const removeC = inFlight.add(c!);
    expect(inFlight.list()).toEqual([c, b, a]);
    removeB(); // from the middle
    expect(inFlight.list()).toEqual([c, a]);
    removeC(); // the first
    inFlight.add(d!);
    expect(inFlight.list()).toEqual([d, a]);
    removeA(); // the last
    expect(inFlight.list()).toEqual([d]);
    expect(inFlight.size).toBe(1);
  });

  it('removes an answer once, however often its remover is called', () => {
    const inFlight = new InFlightResponses();
    const [a, b] = ['a', 'b'].map(response);
    const removeA = inFlight.add(a!);
    inFlight.add(b!);
    removeA();
    removeA();
    expect(inFlight.size).toBe(1);
    expect(inFlight.list()).toEqual([b]);
  });

  it('survives removals while a listed copy is walked', () => {
    const inFlight = new InFlightResponses();
    const removers = ['a', 'b', 'c'].map((name) => inFlight.add(response(name)));
    for (const _ of inFlight.list()) removers.shift()?.();
    expect(inFlight.size).toBe(0);
    expect(inFlight.list()).toEqual([]);
  });
});
