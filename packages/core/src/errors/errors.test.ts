import { describe, expect, it } from 'vitest';
import { BudgetExceededError } from './budget-exceeded-error.js';
import { ConfigError } from './config-error.js';
import { ContextWindowExceededError } from './context-window-exceeded-error.js';
import { MissingCredentialError } from './missing-credential-error.js';
import { ModelgateError } from './modelgate-error.js';
import { RateLimitError } from './rate-limit-error.js';
import { toModelgateError } from './to-modelgate-error.js';
import { UpstreamError } from './upstream-error.js';

describe('error family', () => {
  it('recognises errors by Symbol.for markers, across copies of the class', () => {
    const error = new RateLimitError('slow down', { retryAfterMs: 1000 });
    // A plain object carrying the markers stands for an instance made by another copy of core.
    const foreign = { [Symbol.for('modelgate.error')]: true, [Symbol.for('modelgate.error.RateLimitError')]: true };
    expect(RateLimitError.isInstance(error)).toBe(true);
    expect(ModelgateError.isInstance(error)).toBe(true);
    expect(RateLimitError.isInstance(foreign)).toBe(true);
    expect(UpstreamError.isInstance(error)).toBe(false);
    expect(ModelgateError.isInstance(new Error('x'))).toBe(false);
    expect(ModelgateError.isInstance(null)).toBe(false);
  });

  it('carries status, type and code for the OpenAI error body', () => {
    expect(new ContextWindowExceededError('too long')).toMatchObject({
      status: 400,
      type: 'invalid_request_error',
      code: 'context_length_exceeded',
    });
    expect(new BudgetExceededError('spent')).toMatchObject({ status: 429, code: 'budget_exceeded' });
    expect(new RateLimitError('x')).toMatchObject({ status: 429, type: 'rate_limit_error', code: 'rate_limit_exceeded' });
  });

  it('maps upstream statuses and decides retries', () => {
    expect(new UpstreamError('x', { upstreamStatus: 503 })).toMatchObject({ status: 503, type: 'server_error', isRetryable: true });
    expect(new UpstreamError('x', { upstreamStatus: 529 })).toMatchObject({ status: 503, isRetryable: true });
    expect(new UpstreamError('x', { upstreamStatus: 400 })).toMatchObject({ status: 400, isRetryable: false });
    expect(new UpstreamError('x', { upstreamStatus: 429 })).toMatchObject({ status: 429, type: 'rate_limit_error', isRetryable: true });
    expect(new UpstreamError('x', { upstreamStatus: 429, isRetryable: false }).isRetryable).toBe(false);
    expect(new UpstreamError('x')).toMatchObject({ status: 502, isRetryable: true, upstreamStatus: undefined });
  });

  it('names the setting and environment variable of a missing credential', () => {
    const error = new MissingCredentialError({ provider: 'groq', setting: 'api_key', environmentVariable: 'GROQ_API_KEY' });
    expect(error.message).toBe('Provider "groq" has no API key: set `api_key` in its settings or the environment variable GROQ_API_KEY.');
    expect(ConfigError.isInstance(error)).toBe(true);
    expect(error.code).toBe('missing_credential');
  });

  it('keeps the cause when wrapping', () => {
    const cause = new TypeError('boom');
    const wrapped = toModelgateError(cause);
    expect(wrapped.cause).toBe(cause);
    expect(wrapped.status).toBe(500);
    const typed = new ConfigError('c');
    expect(toModelgateError(typed)).toBe(typed);
  });
});
