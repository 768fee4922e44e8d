import { ContextWindowExceededError, UpstreamError, upstreamAuthenticationErrorCode } from '@modelgate/core';
import { createUpstreamError, parseRetryAfter, type UpstreamFailure } from '@modelgate/plugin-kit';

export interface CreateGeminiErrorOptions {
  /** The HTTP status; absent for an error event inside a stream. */
  status?: number;
  headers?: Readonly<Record<string, string | undefined>>;
  body: string;
  provider: string;
  model?: string;
  /** Overrides the retry decision (an in-stream error cannot be retried). */
  isRetryable?: boolean;
}

interface GoogleErrorDetail {
  '@type'?: string;
  retryDelay?: string;
  reason?: string;
  violations?: Array<{ quotaId?: string; quotaMetric?: string }>;
}

interface GoogleError {
  code?: number;
  message?: string;
  status?: string;
  details?: GoogleErrorDetail[];
}

const maximumBodyLength = 4000;
const contextWindowMessage = /exceeds the maximum number of tokens|input token count.*exceeds|too many tokens/i;

/** Google's error body, `{"error":{"code","message","status","details"}}`, also wrapped in an array (Vertex streams). */
export function readGoogleError(body: string): GoogleError | undefined {
  try {
    let value = JSON.parse(body) as unknown;
    if (Array.isArray(value)) value = value[0];
    const error = (value as { error?: unknown } | null)?.error;
    return typeof error === 'object' && error !== null ? (error as GoogleError) : undefined;
  } catch {
    return undefined;
  }
}

/** `RetryInfo.retryDelay` ("3s", "1.5s") in milliseconds. */
function retryDelayOf(details: readonly GoogleErrorDetail[]): number | undefined {
  for (const detail of details) {
    if (!detail['@type']?.endsWith('google.rpc.RetryInfo') || typeof detail.retryDelay !== 'string') continue;
    const match = /^(\d+(?:\.\d+)?)s$/.exec(detail.retryDelay.trim());
    if (match) return Math.round(Number(match[1]) * 1000);
  }
  return undefined;
}

/** A quota that resets once a day: retrying in seconds cannot help, so the error is not retryable. */
function isDailyQuota(details: readonly GoogleErrorDetail[]): boolean {
  return details.some(
    (detail) =>
      detail['@type']?.endsWith('google.rpc.QuotaFailure') &&
      (detail.violations ?? []).some((violation) => /PerDay/i.test(`${violation.quotaId ?? ''} ${violation.quotaMetric ?? ''}`)),
  );
}

function hasReason(details: readonly GoogleErrorDetail[], reason: string): boolean {
  return details.some((detail) => detail['@type']?.endsWith('google.rpc.ErrorInfo') && detail.reason === reason);
}

/**
 * Google's error answer as core's typed error. 429 `RESOURCE_EXHAUSTED` is retryable after
 * `RetryInfo.retryDelay` (else `retry-after`), except a per-day quota (`QuotaFailure` naming a
 * `…PerDay…` quota: code `insufficient_quota`, not retryable, like OpenAI's exhausted quota); 503
 * `UNAVAILABLE` and 500 are retryable; 404 `NOT_FOUND` is `model_not_found`; 401/403 and a 400
 * `API_KEY_INVALID` are the upstream refusing the gateway's credential (502
 * `upstream_authentication_error`); an over-long prompt is `ContextWindowExceededError`; the rest
 * (400 `INVALID_ARGUMENT`, `FAILED_PRECONDITION`) keep Google's status and message.
 */
export function createGeminiError(options: CreateGeminiErrorOptions): UpstreamFailure {
  const google = readGoogleError(options.body);
  if (google === undefined) return createUpstreamError(options);
  const status = options.status ?? (typeof google.code === 'number' ? google.code : undefined);
  const details = Array.isArray(google.details) ? google.details : [];
  const message = google.message ?? (status === undefined ? 'unknown error' : `HTTP ${status}`);
  const where = options.model === undefined ? options.provider : `${options.provider} (${options.model})`;
  const what = status === undefined ? 'reported an error' : `answered HTTP ${status}`;
  const common = {
    ...(status === undefined ? {} : { upstreamStatus: status }),
    provider: options.provider,
    ...(options.model === undefined ? {} : { model: options.model }),
    body: options.body.length > maximumBodyLength ? options.body.slice(0, maximumBodyLength) : options.body,
  };
  const text = `Upstream ${where} ${what}: ${message}${google.status === undefined ? '' : ` (${google.status})`}`;

  if ((status === 400 || status === undefined) && contextWindowMessage.test(message)) {
    return new ContextWindowExceededError(message, { code: 'context_length_exceeded' });
  }
  if (hasReason(details, 'API_KEY_INVALID')) {
    return new UpstreamError(text, { ...common, status: 502, code: upstreamAuthenticationErrorCode, isRetryable: false });
  }
  if (status === 429 || google.status === 'RESOURCE_EXHAUSTED') {
    const daily = isDailyQuota(details);
    const retryAfterMs = retryDelayOf(details) ?? (options.headers === undefined ? undefined : parseRetryAfter(options.headers));
    return new UpstreamError(text, {
      ...common,
      code: daily ? 'insufficient_quota' : 'rate_limit_exceeded',
      isRetryable: options.isRetryable ?? !daily,
      ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
    });
  }
  if (status === 404 || google.status === 'NOT_FOUND') {
    return new UpstreamError(text, { ...common, code: 'model_not_found', isRetryable: false, param: 'model' });
  }
  return new UpstreamError(text, {
    ...common,
    ...(google.status === undefined ? {} : { code: google.status.toLowerCase() }),
    ...(options.isRetryable === undefined ? {} : { isRetryable: options.isRetryable }),
  });
}
