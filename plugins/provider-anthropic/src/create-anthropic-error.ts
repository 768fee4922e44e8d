import { createUpstreamError, type UpstreamFailure } from '@modelgate/plugin-kit';

export interface CreateAnthropicErrorOptions {
  /** The HTTP status; absent for an `error` event inside a stream. */
  status?: number;
  headers?: Readonly<Record<string, string | undefined>>;
  /** The body as received: `{"type":"error","error":{"type","message"},"request_id"}`, or anything a proxy sent. */
  body: string;
  provider: string;
  model?: string;
  /** Overrides the retry decision (an error event mid-stream cannot be retried). */
  isRetryable?: boolean;
}

/** Error types that mean the account cannot pay: retrying, here or after a pause, cannot succeed. */
const accountTypes = new Set(['billing_error']);
/** `error.details.error_code` values of a 429 that is a spend limit, not a rate limit. */
const spendLimitCodes = new Set(['enforced_spend_limit_reached']);
const creditMessage = /credit balance is too low|spend limit|billing/i;

interface AnthropicErrorFields {
  type?: string;
  message?: string;
  detailCode?: string;
}

function readFields(body: string): AnthropicErrorFields {
  try {
    const value = JSON.parse(body) as { error?: { type?: unknown; message?: unknown; details?: { error_code?: unknown } } };
    const error = value?.error;
    if (typeof error !== 'object' || error === null) return {};
    return {
      ...(typeof error.type === 'string' ? { type: error.type } : {}),
      ...(typeof error.message === 'string' ? { message: error.message } : {}),
      ...(typeof error.details?.error_code === 'string' ? { detailCode: error.details.error_code } : {}),
    };
  } catch {
    return {};
  }
}

/**
 * Anthropic's error answer → core's typed error. The plugin kit's mapping does the common part (context
 * window messages such as "prompt is too long", retry-after, retryable 429/500/529 — 529 reaches the
 * client as a 503); here: billing and spend-limit errors are never retryable, and the Anthropic error
 * type is kept as the error's code (`rate_limit_error`, `request_too_large`, `overloaded_error`…).
 */
export function createAnthropicError(options: CreateAnthropicErrorOptions): UpstreamFailure {
  const fields = readFields(options.body);
  const accountProblem =
    (fields.type !== undefined && accountTypes.has(fields.type)) ||
    (fields.detailCode !== undefined && spendLimitCodes.has(fields.detailCode)) ||
    (options.status === 400 && fields.message !== undefined && creditMessage.test(fields.message));
  // The error type as the code: `{"type","message"}` has no `code`, and the kit reads a code only from there.
  const body =
    fields.type === undefined
      ? options.body
      : JSON.stringify({ error: { type: fields.type, code: fields.type, message: fields.message ?? fields.type } });
  return createUpstreamError({
    ...(options.status === undefined ? {} : { status: options.status }),
    ...(options.headers === undefined ? {} : { headers: options.headers }),
    body,
    provider: options.provider,
    ...(options.model === undefined ? {} : { model: options.model }),
    ...(options.isRetryable !== undefined ? { isRetryable: options.isRetryable } : accountProblem ? { isRetryable: false } : {}),
  });
}
