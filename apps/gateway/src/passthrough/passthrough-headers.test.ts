import { describe, expect, it } from 'vitest';
import { passthroughRequestHeaders, passthroughResponseHeaders } from './passthrough-headers.js';

describe('pass-through headers', () => {
  it('forwards the allow-listed caller headers only, never a gateway key', () => {
    expect(
      passthroughRequestHeaders({
        authorization: 'Bearer gateway',
        'x-api-key': 'gateway',
        'x-goog-api-key': 'gateway',
        'api-key': 'gateway',
        'content-type': 'application/json',
        accept: 'text/event-stream',
        'anthropic-beta': 'a,b',
        'x-forwarded-for': '10.0.0.1',
        cookie: 'x=1',
      }),
    ).toEqual({ 'content-type': 'application/json', accept: 'text/event-stream', 'anthropic-beta': 'a,b' });
  });

  it('drops hop-by-hop headers, the length and set-cookie from the answer, and renames its request id', () => {
    expect(
      passthroughResponseHeaders({
        'content-type': 'application/json',
        'content-length': '12',
        connection: 'keep-alive',
        'transfer-encoding': 'chunked',
        'set-cookie': 'a=1',
        'x-request-id': 'r1',
      }),
    ).toEqual({ 'content-type': 'application/json', 'x-upstream-request-id': 'r1' });
  });
});
