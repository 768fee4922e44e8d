import { AuthError, ModelgateError, TimeoutError, UpstreamError } from '@modelgate/core';
import { describe, expect, it } from 'vitest';
import { isConnectionError, mapRequestError } from './map-request-error.js';

function errorWithCode(message: string, code: string): Error {
  return Object.assign(new Error(message), { code });
}

describe('mapRequestError', () => {
  it('maps a refused connection to a retryable UpstreamError without status, keeping cause', () => {
    const cause = errorWithCode('connect ECONNREFUSED 127.0.0.1:1', 'ECONNREFUSED');
    const error = mapRequestError(cause, { provider: 'vllm', model: 'llama', url: 'http://127.0.0.1:1/v1/chat/completions' });
    expect(UpstreamError.isInstance(error)).toBe(true);
    const upstream = error as UpstreamError;
    expect(upstream.isRetryable).toBe(true);
    expect(upstream.upstreamStatus).toBeUndefined();
    expect(upstream.status).toBe(502);
    expect(upstream.cause).toBe(cause);
    expect(upstream.message).toBe('Cannot reach upstream vllm (llama) (ECONNREFUSED).');
    expect(upstream.message).not.toContain('127.0.0.1');
  });

  it('recognises undici socket errors and codes nested in AggregateError', () => {
    expect(isConnectionError(errorWithCode('other side closed', 'UND_ERR_SOCKET'))).toBe(true);
    expect(isConnectionError(new AggregateError([errorWithCode('x', 'ECONNREFUSED')]))).toBe(true);
    expect(isConnectionError(new TypeError('x'))).toBe(false);
  });

  it('maps header and body timeouts to TimeoutError', () => {
    expect(
      TimeoutError.isInstance(mapRequestError(errorWithCode('Headers Timeout Error', 'UND_ERR_HEADERS_TIMEOUT'), { provider: 'p' })),
    ).toBe(true);
  });

  it('rethrows the abort reason when the signal aborted, whatever undici threw', () => {
    const controller = new AbortController();
    const reason = new Error('client went away');
    controller.abort(reason);
    expect(mapRequestError(errorWithCode('aborted', 'UND_ERR_ABORTED'), { provider: 'p', signal: controller.signal })).toBe(reason);
  });

  it('passes modelgate errors through and wraps unknown ones', () => {
    const auth = new AuthError('no');
    expect(mapRequestError(auth, { provider: 'p' })).toBe(auth);
    const wrapped = mapRequestError(new TypeError('boom'), { provider: 'p' });
    expect(ModelgateError.isInstance(wrapped)).toBe(true);
    expect(UpstreamError.isInstance(wrapped)).toBe(false);
  });
});
