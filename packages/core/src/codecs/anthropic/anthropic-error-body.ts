import { internalErrorMessage } from '../../errors/to-modelgate-error.js';
import { ModelgateError } from '../../errors/modelgate-error.js';
import { RateLimitError } from '../../errors/rate-limit-error.js';
import { UpstreamError } from '../../errors/upstream-error.js';
import type { EncodedErrorV1 } from '../../specification/chat-codec-v1.js';

/** Anthropic's error body: `{"type":"error","error":{"type","message"}}`. */
export interface AnthropicErrorBody {
  type: 'error';
  error: { type: string; message: string };
  request_id?: string;
}

/** Anthropic's error `type` for an HTTP status, as its API documents them. */
export function anthropicErrorType(status: number): string {
  switch (status) {
    case 401:
      return 'authentication_error';
    case 402:
      return 'billing_error';
    case 403:
      return 'permission_error';
    case 404:
      return 'not_found_error';
    case 409:
      return 'conflict_error';
    case 413:
      return 'request_too_large';
    case 429:
      return 'rate_limit_error';
    case 503:
    case 529:
      return 'overloaded_error';
    case 504:
      return 'timeout_error';
    default:
      return status >= 500 ? 'api_error' : 'invalid_request_error';
  }
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

/** An error body of Anthropic's shape for a status and message. */
export function anthropicErrorBody(status: number, message: string): AnthropicErrorBody {
  return { type: 'error', error: { type: anthropicErrorType(status), message } };
}

/**
 * A typed error as Anthropic's status, body and headers (`retry-after` from a rate limit). The type
 * follows the status, so that Anthropic's SDKs raise their matching error class. Anything that is not
 * a `ModelgateError` is an internal error with a fixed message: its text is for the log only.
 */
export function anthropicErrorBodyOf(error: unknown): EncodedErrorV1 & { body: AnthropicErrorBody } {
  if (ModelgateError.isInstance(error)) {
    const status = validStatus(error.status) ?? 500;
    return { status, body: anthropicErrorBody(status, error.message), headers: retryHeaders(error) };
  }
  return { status: 500, body: anthropicErrorBody(500, internalErrorMessage), headers: {} };
}
