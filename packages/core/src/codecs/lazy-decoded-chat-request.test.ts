import { describe, expect, it } from 'vitest';
import { LazyDecodedChatRequest } from './lazy-decoded-chat-request.js';

describe('LazyDecodedChatRequest', () => {
  it('builds the canonical request only when read, and only once', () => {
    let built = 0;
    const decoded = new LazyDecodedChatRequest({ model: 'm', stream: false, encoding: {} }, () => {
      built += 1;
      return { model: 'm', messages: [] };
    });
    expect(decoded).toMatchObject({ model: 'm', stream: false });
    expect('native' in decoded).toBe(false);
    expect(built).toBe(0);
    expect(decoded.request).toBe(decoded.request);
    expect(built).toBe(1);
  });
});
