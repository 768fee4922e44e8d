import { UpstreamError } from '@modelgate/core';
import { createUpstreamError, parseUpstreamErrorBody, type UpstreamFailure } from '@modelgate/plugin-kit';

export interface CohereErrorAnswer {
  status: number;
  headers: Readonly<Record<string, string | undefined>>;
  /** Cohere's body: `{"message": "..."}`. */
  body: string;
  provider: string;
  model?: string | undefined;
}

/** Cohere's 429 for a trial key that used up its monthly calls: "…limited to 1000 API calls / month…". */
const monthlyLimitMessage = /trial key.*limited to \d+ api calls\s*\/\s*month/i;

/**
 * Cohere's error answers as core's typed errors. Cohere uses two statuses of its own: 498 (invalid token),
 * which is an authentication failure like 401 and is reported as one (the router then passes the deployment
 * over and the client sees `upstream_authentication_error`, never the caller's fault); and 499 (request
 * cancelled upstream), which the gateway did not ask for when its own signal is not aborted, so it is retried.
 * A 429 for a trial key's monthly limit is an exhausted quota (`insufficient_quota`), not a rate limit: retrying
 * cannot help before the month ends, so it is not retryable.
 */
export function createCohereError(answer: CohereErrorAnswer): UpstreamFailure {
  const where = answer.model === undefined ? answer.provider : `${answer.provider} (${answer.model})`;
  if (answer.status === 498) {
    const message = parseUpstreamErrorBody(answer.body).message ?? 'invalid token';
    return new UpstreamError(`Upstream ${where} answered HTTP 498 (invalid token): ${message}`, {
      upstreamStatus: 401,
      provider: answer.provider,
      ...(answer.model === undefined ? {} : { model: answer.model }),
      body: answer.body.slice(0, 4000),
    });
  }
  if (answer.status === 429) {
    const message = parseUpstreamErrorBody(answer.body).message;
    if (message !== undefined && monthlyLimitMessage.test(message)) {
      return new UpstreamError(`Upstream ${where} answered HTTP 429 (monthly limit of the key): ${message}`, {
        upstreamStatus: 429,
        code: 'insufficient_quota',
        isRetryable: false,
        provider: answer.provider,
        ...(answer.model === undefined ? {} : { model: answer.model }),
        body: answer.body.slice(0, 4000),
      });
    }
  }
  return createUpstreamError({
    status: answer.status,
    headers: answer.headers,
    body: answer.body,
    provider: answer.provider,
    ...(answer.model === undefined ? {} : { model: answer.model }),
    ...(answer.status === 499 ? { isRetryable: true } : {}),
  });
}
