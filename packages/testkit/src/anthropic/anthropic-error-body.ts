/** Anthropic's error body: `{"type":"error","error":{"type","message"},"request_id"}`. */
export interface AnthropicErrorBody {
  type: 'error';
  error: { type: string; message: string; details?: Record<string, unknown> };
  request_id?: string;
}

let counter = 0;

/** A request id in Anthropic's style (`req_…`), distinct per call. */
export function anthropicRequestId(): string {
  counter += 1;
  return `req_mock${String(counter).padStart(20, '0')}`;
}

export function anthropicErrorBody(type: string, message: string, details?: Record<string, unknown>): AnthropicErrorBody {
  return { type: 'error', error: { type, message, ...(details === undefined ? {} : { details }) }, request_id: anthropicRequestId() };
}

/** The error `type` Anthropic documents for each status (docs.claude.com/en/api/errors). */
export function anthropicErrorType(status: number): string {
  switch (status) {
    case 400:
      return 'invalid_request_error';
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
    case 529:
      return 'overloaded_error';
    default:
      return status >= 500 ? 'api_error' : 'invalid_request_error';
  }
}

/** Anthropic's 401 for a missing or wrong `x-api-key`. */
export function invalidApiKeyBody(): AnthropicErrorBody {
  return anthropicErrorBody('authentication_error', 'invalid x-api-key');
}
