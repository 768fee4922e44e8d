import { internalErrorMessage } from '../../errors/to-modelgate-error.js';
import { ModelgateError } from '../../errors/modelgate-error.js';
import { RateLimitError } from '../../errors/rate-limit-error.js';
import { UpstreamError } from '../../errors/upstream-error.js';
import type { EncodedErrorV1 } from '../../specification/chat-codec-v1.js';

/** Google's error body: `{"error":{"code","message","status"}}`. */
export interface GeminiErrorBody {
  error: { code: number; message: string; status: string };
}

/** Google's canonical status name for an HTTP status. */
export function geminiErrorStatus(status: number): string {
  switch (status) {
    case 400:
      return 'INVALID_ARGUMENT';
    case 401:
      return 'UNAUTHENTICATED';
    case 403:
      return 'PERMISSION_DENIED';
    case 404:
      return 'NOT_FOUND';
    case 409:
      return 'ABORTED';
    case 429:
      return 'RESOURCE_EXHAUSTED';
    case 499:
      return 'CANCELLED';
    case 501:
      return 'UNIMPLEMENTED';
    case 503:
      return 'UNAVAILABLE';
    case 504:
      return 'DEADLINE_EXCEEDED';
    default:
      return status >= 500 ? 'INTERNAL' : 'INVALID_ARGUMENT';
  }
}

export function geminiErrorBody(status: number, message: string): GeminiErrorBody {
  return { error: { code: status, message, status: geminiErrorStatus(status) } };
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
 * A typed error as Google's status and body, so that Google's SDKs raise their `ApiError` with the
 * right status. Anything that is not a `ModelgateError` is internal, with a fixed message.
 */
export function geminiErrorBodyOf(error: unknown): EncodedErrorV1 & { body: GeminiErrorBody } {
  if (ModelgateError.isInstance(error)) {
    const status = validStatus(error.status) ?? 500;
    return { status, body: geminiErrorBody(status, error.message), headers: retryHeaders(error) };
  }
  return { status: 500, body: geminiErrorBody(500, internalErrorMessage), headers: {} };
}
