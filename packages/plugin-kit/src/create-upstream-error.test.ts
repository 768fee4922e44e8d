import { ContentPolicyError, ContextWindowExceededError, UpstreamError } from '@modelgate/core';
import { describe, expect, it } from 'vitest';
import { createUpstreamError } from './create-upstream-error.js';

const openAIError = (message: string, type: string, code: string | null, param: string | null = null) =>
  JSON.stringify({ error: { message, type, param, code } });

describe('createUpstreamError', () => {
  it('keeps status, message, code, param and the retry hint of a 429', () => {
    const error = createUpstreamError({
      status: 429,
      headers: { 'retry-after': '3' },
      body: openAIError('Rate limit reached for gpt-4o', 'requests', 'rate_limit_exceeded'),
      provider: 'openai',
      model: 'gpt-4o',
    });
    expect(UpstreamError.isInstance(error)).toBe(true);
    const upstream = error as UpstreamError;
    expect(upstream.upstreamStatus).toBe(429);
    expect(upstream.status).toBe(429);
    expect(upstream.isRetryable).toBe(true);
    expect(upstream.retryAfterMs).toBe(3000);
    expect(upstream.code).toBe('rate_limit_exceeded');
    expect(upstream.provider).toBe('openai');
    expect(upstream.message).toBe('Upstream openai (gpt-4o) answered HTTP 429: Rate limit reached for gpt-4o');
  });

  it('does not retry a 429 for exhausted quota', () => {
    const error = createUpstreamError({
      status: 429,
      body: openAIError('You exceeded your current quota', 'insufficient_quota', 'insufficient_quota'),
      provider: 'openai',
    }) as UpstreamError;
    expect(error.isRetryable).toBe(false);
    expect(error.code).toBe('insufficient_quota');
  });

  it('retries 5xx, 408 and 409 but not 400/401/404', () => {
    const retryable = (status: number) => (createUpstreamError({ status, body: '', provider: 'p' }) as UpstreamError).isRetryable;
    expect([500, 502, 503, 504, 408, 409].map(retryable)).toEqual([true, true, true, true, true, true]);
    expect([400, 401, 403, 404, 422].map(retryable)).toEqual([false, false, false, false, false]);
  });

  it('maps context_length_exceeded to ContextWindowExceededError, keeping message and param', () => {
    const error = createUpstreamError({
      status: 400,
      body: openAIError(
        "This model's maximum context length is 128000 tokens.",
        'invalid_request_error',
        'context_length_exceeded',
        'messages',
      ),
      provider: 'openai',
    });
    expect(ContextWindowExceededError.isInstance(error)).toBe(true);
    expect(error.message).toBe("This model's maximum context length is 128000 tokens.");
    expect(error.param).toBe('messages');
    expect(error.status).toBe(400);
  });

  it('recognises a context window error by its message on hosts without the code (vLLM, flat body)', () => {
    const body = JSON.stringify({
      object: 'error',
      message: "This model's maximum context length is 4096 tokens. However, you requested 5000 tokens",
      type: 'BadRequestError',
      code: 400,
    });
    expect(ContextWindowExceededError.isInstance(createUpstreamError({ status: 400, body, provider: 'vllm' }))).toBe(true);
  });

  it('maps content filter errors (Azure content_filter) to ContentPolicyError', () => {
    const body = JSON.stringify({
      error: {
        message: "The response was filtered due to the prompt triggering Azure OpenAI's content management policy.",
        type: null,
        param: 'prompt',
        code: 'content_filter',
        status: 400,
      },
    });
    const error = createUpstreamError({ status: 400, body, provider: 'azure' });
    expect(ContentPolicyError.isInstance(error)).toBe(true);
    expect(error.param).toBe('prompt');
    expect(error.code).toBe('content_filter');
  });

  it('reads other body shapes: Ollama string error, FastAPI detail, Gemini array, HTML', () => {
    expect(createUpstreamError({ status: 404, body: '{"error":"model \\"x\\" not found"}', provider: 'ollama' }).message).toContain(
      'model "x" not found',
    );
    expect(createUpstreamError({ status: 422, body: '{"detail":[{"msg":"field required"}]}', provider: 'vllm' }).message).toContain(
      'field required',
    );
    const gemini = JSON.stringify([{ error: { code: 400, message: 'API key not valid', status: 'INVALID_ARGUMENT' } }]);
    expect(createUpstreamError({ status: 400, body: gemini, provider: 'gemini' }).message).toContain('API key not valid');
    const html = createUpstreamError({ status: 502, body: '<html><body><h1>502 Bad Gateway</h1></body></html>', provider: 'p' });
    expect(html.message).toContain('502 Bad Gateway');
    expect((html as UpstreamError).body).toContain('<html>');
  });

  it('takes the status from the body of a mid-stream error (OpenRouter) and honours isRetryable', () => {
    const error = createUpstreamError({
      body: '{"error":{"code":502,"message":"Provider returned error"}}',
      provider: 'openrouter',
      isRetryable: false,
    }) as UpstreamError;
    expect(error.upstreamStatus).toBe(502);
    expect(error.isRetryable).toBe(false);
    expect(error.message).toContain('Provider returned error');
  });
});
