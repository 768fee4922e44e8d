import { ContentPolicyError, ContextWindowExceededError, UpstreamError } from '@modelgate/core';
import { parseRetryAfter } from './parse-retry-after.js';
import { parseUpstreamErrorBody, type UpstreamErrorDetails } from './parse-upstream-error-body.js';

export interface CreateUpstreamErrorOptions {
  /** The HTTP status; absent for an error event inside a stream. */
  status?: number;
  headers?: Readonly<Record<string, string | undefined>>;
  /** The body as received (a JSON error body, or anything else). */
  body: string;
  /** The provider instance and model, for the message and logs. */
  provider: string;
  model?: string;
  /** Overrides the retry decision (a mid-stream error cannot be retried, for example). */
  isRetryable?: boolean;
}

export type UpstreamFailure = UpstreamError | ContextWindowExceededError | ContentPolicyError;

const maximumBodyLength = 4000;
const contextWindowCodes = new Set(['context_length_exceeded', 'context_window_exceeded', 'string_above_max_length']);
const contextWindowMessage =
  /context[ _]length|context window|maximum context|too many tokens|prompt is too long|input is too long|reduce the length of the messages/i;
const contentPolicyCodes = new Set(['content_filter', 'content_policy_violation', 'content_filtered', 'responsible_ai_policy_violation']);
const contentPolicyMessage = /content management policy|content[ _]filter|content policy|safety system/i;
const exhaustedQuotaCodes = new Set(['insufficient_quota', 'billing_hard_limit_reached', 'billing_not_active']);

function isClientStatus(status: number | undefined): boolean {
  return status === undefined || status === 400 || status === 413 || status === 422;
}

function isContextWindow(details: UpstreamErrorDetails, status: number | undefined): boolean {
  if (details.code !== undefined && contextWindowCodes.has(details.code)) return true;
  return isClientStatus(status) && details.message !== undefined && contextWindowMessage.test(details.message);
}

function isContentPolicy(details: UpstreamErrorDetails, status: number | undefined): boolean {
  if (details.code !== undefined && contentPolicyCodes.has(details.code)) return true;
  if (details.type !== undefined && contentPolicyCodes.has(details.type)) return true;
  return isClientStatus(status) && details.message !== undefined && contentPolicyMessage.test(details.message);
}

/**
 * Turns an upstream's error answer into core's typed error: `ContextWindowExceededError`,
 * `ContentPolicyError`, or `UpstreamError` with `upstreamStatus`, `retryAfterMs`, `isRetryable`
 * (a 429 for exhausted quota is not retryable) and the upstream's `param` and `code`.
 * The upstream's own message is kept in the message.
 */
export function createUpstreamError(options: CreateUpstreamErrorOptions): UpstreamFailure {
  const details = parseUpstreamErrorBody(options.body);
  const status = options.status ?? details.status;
  const upstreamMessage = details.message ?? (status === undefined ? 'unknown error' : `HTTP ${status}`);
  const common = {
    ...(details.param === undefined ? {} : { param: details.param }),
  };
  if (isContextWindow(details, status)) {
    return new ContextWindowExceededError(upstreamMessage, { ...common, code: 'context_length_exceeded' });
  }
  if (isContentPolicy(details, status)) {
    return new ContentPolicyError(upstreamMessage, { ...common, ...(details.code === undefined ? {} : { code: details.code }) });
  }
  const exhaustedQuota =
    (details.code !== undefined && exhaustedQuotaCodes.has(details.code)) ||
    (details.type !== undefined && exhaustedQuotaCodes.has(details.type));
  const retryAfterMs = options.headers === undefined ? undefined : parseRetryAfter(options.headers);
  const where = options.model === undefined ? options.provider : `${options.provider} (${options.model})`;
  const what = status === undefined ? 'reported an error' : `answered HTTP ${status}`;
  return new UpstreamError(`Upstream ${where} ${what}: ${upstreamMessage}`, {
    ...common,
    ...(details.code === undefined ? {} : { code: details.code }),
    ...(status === undefined ? {} : { upstreamStatus: status }),
    ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
    ...(options.isRetryable !== undefined ? { isRetryable: options.isRetryable } : exhaustedQuota ? { isRetryable: false } : {}),
    provider: options.provider,
    ...(options.model === undefined ? {} : { model: options.model }),
    body: options.body.length > maximumBodyLength ? options.body.slice(0, maximumBodyLength) : options.body,
  });
}
