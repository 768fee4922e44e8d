import { ContextWindowExceededError, ModelNotFoundError, type ModelgateError } from '@modelgate/core';
import { createUpstreamError } from '@modelgate/plugin-kit';

export interface BedrockErrorOptions {
  /** The HTTP status; absent for an exception event inside a stream. */
  status?: number;
  headers?: Readonly<Record<string, string | undefined>>;
  /** The error type: from `x-amzn-errortype`, the body's `__type`, or an exception event's `:exception-type`. */
  errorType?: string;
  body: string;
  provider: string;
  model: string;
}

/** Statuses Bedrock documents per error type, used when no HTTP status is at hand (an exception event). */
const statusOfType: Record<string, number> = {
  ValidationException: 400,
  AccessDeniedException: 403,
  UnrecognizedClientException: 401,
  ExpiredTokenException: 401,
  InvalidSignatureException: 403,
  ResourceNotFoundException: 404,
  ModelTimeoutException: 408,
  ModelErrorException: 424,
  ModelStreamErrorException: 424,
  ThrottlingException: 429,
  ServiceQuotaExceededException: 429,
  InternalServerException: 500,
  ServiceUnavailableException: 503,
  ModelNotReadyException: 503,
};

/** Worth trying again (here or on another deployment): the service was busy or not ready, not the request wrong. */
const retryableTypes = new Set([
  'ThrottlingException',
  'ServiceUnavailableException',
  'ModelNotReadyException',
  'InternalServerException',
  'ModelTimeoutException',
]);

const contextWindowMessage =
  /too long|too many (?:input )?tokens|context (?:length|window)|maximum (?:context|input)|exceeds? the (?:model'?s? )?(?:maximum|limit)/i;

/** `ValidationException:http://internal.amazon.com/coral/com.amazon.bedrock/` → `ValidationException`; event names are camelCase. */
export function normalizeBedrockErrorType(raw: string | undefined): string | undefined {
  if (raw === undefined || raw.trim() === '') return undefined;
  const name = raw.split(':')[0]!.split('#').at(-1)!.trim();
  return name.charAt(0).toUpperCase() + name.slice(1);
}

function messageOf(body: string): string | undefined {
  try {
    const parsed = JSON.parse(body) as { message?: unknown; Message?: unknown };
    const message = parsed.message ?? parsed.Message;
    return typeof message === 'string' && message !== '' ? message : undefined;
  } catch {
    return body.trim() === '' ? undefined : body.trim().slice(0, 300);
  }
}

function typeFromBody(body: string): string | undefined {
  try {
    const type = (JSON.parse(body) as { __type?: unknown }).__type;
    return typeof type === 'string' ? type : undefined;
  } catch {
    return undefined;
  }
}

/**
 * A Bedrock error (an HTTP answer with `x-amzn-errortype` and a `{"message"}` body, or an exception
 * event of a stream) as core's typed error: a context-length `ValidationException` is
 * `ContextWindowExceededError`, `ResourceNotFoundException` is `ModelNotFoundError`, throttling and
 * unavailability are retryable, credential refusals (401/403) are the gateway's upstream-authentication 502.
 */
export function mapBedrockError(options: BedrockErrorOptions): ModelgateError {
  const type = normalizeBedrockErrorType(options.errorType ?? options.headers?.['x-amzn-errortype'] ?? typeFromBody(options.body));
  const status = options.status ?? (type === undefined ? undefined : statusOfType[type]);
  const message = messageOf(options.body) ?? (status === undefined ? 'unknown error' : `HTTP ${status}`);
  const described = type === undefined ? message : `${type}: ${message}`;
  if (type === 'ValidationException' && contextWindowMessage.test(message)) {
    return new ContextWindowExceededError(`Upstream ${options.provider} (${options.model}): ${message}`, {
      code: 'context_length_exceeded',
    });
  }
  if (type === 'ResourceNotFoundException') {
    return new ModelNotFoundError(`Upstream ${options.provider} does not know the model ${options.model}: ${message}`);
  }
  const retryable = type !== undefined && retryableTypes.has(type);
  return createUpstreamError({
    ...(status === undefined ? {} : { status }),
    ...(options.headers === undefined ? {} : { headers: options.headers }),
    body: JSON.stringify({ message: described, ...(type === undefined ? {} : { code: type }) }),
    provider: options.provider,
    model: options.model,
    // Stream exceptions arrive after the answer started: the router cannot retry those, so they are never marked retryable.
    ...(options.status === undefined ? { isRetryable: false } : retryable ? { isRetryable: true } : {}),
  });
}
