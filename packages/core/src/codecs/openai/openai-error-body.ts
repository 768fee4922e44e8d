import { ModelgateError } from '../../errors/modelgate-error.js';
import { RateLimitError } from '../../errors/rate-limit-error.js';
import { UpstreamError } from '../../errors/upstream-error.js';
import type { EncodedErrorV1 } from '../../specification/chat-codec-v1.js';

/** OpenAI's error body: `{"error":{"message","type","param","code"}}`. */
export interface OpenAIErrorBody {
  error: { message: string; type: string; param: string | null; code: string | null };
}

function validStatus(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isInteger(value) && value >= 400 && value <= 599 ? value : undefined;
}

function retryHeaders(error: ModelgateError): Record<string, string> {
  const retryAfterMs =
    UpstreamError.isInstance(error) || RateLimitError.isInstance(error) ? (error as { retryAfterMs?: unknown }).retryAfterMs : undefined;
  if (typeof retryAfterMs !== 'number' || !Number.isFinite(retryAfterMs) || retryAfterMs < 0) return {};
  return { 'retry-after': String(Math.ceil(retryAfterMs / 1000)) };
}

/**
 * A typed error as OpenAI's status, body and headers (`retry-after` from a rate limit). Anything that is
 * not a `ModelgateError` is an internal error with a fixed message: its text is for the log only.
 */
export function openAIErrorBodyOf(error: unknown): EncodedErrorV1 & { body: OpenAIErrorBody } {
  if (ModelgateError.isInstance(error)) {
    return {
      status: validStatus(error.status) ?? 500,
      body: { error: { message: error.message, type: error.type, param: error.param ?? null, code: error.code ?? null } },
      headers: retryHeaders(error),
    };
  }
  return {
    status: 500,
    body: {
      error: {
        message: 'The server had an error while processing your request.',
        type: 'server_error',
        param: null,
        code: 'internal_error',
      },
    },
    headers: {},
  };
}
