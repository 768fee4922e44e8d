import { describe, expect, it } from 'vitest';
import { ModelCache } from './model-cache.js';

describe('ModelCache', () => {
  it('makes one model per id and shares it, and stays within its limit', () => {
    let made = 0;
    const cache = new ModelCache<{ id: string }>(2);
    const create = (id: string) => {
      made += 1;
      return { id };
    };
    const first = cache.get('a', create);
    expect(cache.get('a', create)).toBe(first);
    expect(made).toBe(1);
    cache.get('b', create);
    cache.get('c', create);
    expect(made).toBe(3);
    expect(cache.get('c', create).id).toBe('c');
    expect(made).toBe(3);
  });
});
