import { InvalidRequestError } from '@modelgate/core';
import { describe, expect, it } from 'vitest';
import { passthroughURL } from './send-passthrough.js';

describe('passthroughURL', () => {
  it('appends the path and its query to the base URL', () => {
    expect(passthroughURL('https://api.example.com/v1/', '/chat/completions?x=1', 'p')).toBe(
      'https://api.example.com/v1/chat/completions?x=1',
    );
  });

  it('keeps a path that looks like another host on the configured host', () => {
    expect(new URL(passthroughURL('https://api.example.com', '//evil.example/steal', 'p')).origin).toBe('https://api.example.com');
    expect(new URL(passthroughURL('https://api.example.com/v1', '/../../x', 'p')).origin).toBe('https://api.example.com');
  });

  it('refuses a path without a leading slash', () => {
    expect(() => passthroughURL('https://api.example.com', 'evil.example', 'p')).toThrow(InvalidRequestError);
  });
});
