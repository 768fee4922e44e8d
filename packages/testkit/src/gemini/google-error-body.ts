/** Google's error body, `{"error":{"code","message","status","details"}}`, as the Gemini API and Vertex AI send it. */
export interface GoogleErrorBody {
  error: { code: number; message: string; status: string; details?: Array<Record<string, unknown>> };
}

const statusNames: Record<number, string> = {
  400: 'INVALID_ARGUMENT',
  401: 'UNAUTHENTICATED',
  403: 'PERMISSION_DENIED',
  404: 'NOT_FOUND',
  409: 'ABORTED',
  429: 'RESOURCE_EXHAUSTED',
  499: 'CANCELLED',
  500: 'INTERNAL',
  501: 'NOT_IMPLEMENTED',
  503: 'UNAVAILABLE',
  504: 'DEADLINE_EXCEEDED',
};

/** The canonical gRPC status name Google puts beside an HTTP status. */
export function googleStatusName(status: number): string {
  return statusNames[status] ?? (status >= 500 ? 'INTERNAL' : 'UNKNOWN');
}

export function googleErrorBody(code: number, message: string, details?: Array<Record<string, unknown>>): GoogleErrorBody {
  return { error: { code, message, status: googleStatusName(code), ...(details === undefined ? {} : { details }) } };
}

/** The Gemini API's answer to a request with no key at all (403). */
export function missingApiKeyBody(): GoogleErrorBody {
  return googleErrorBody(
    403,
    "Method doesn't allow unregistered callers (callers without established identity). Please use API Key or other form of API consumer identity to call this API.",
  );
}

/** The Gemini API's answer to a wrong key: 400 with `ErrorInfo.reason` `API_KEY_INVALID`. */
export function invalidApiKeyBody(): GoogleErrorBody {
  return googleErrorBody(400, 'API key not valid. Please pass a valid API key.', [
    {
      '@type': 'type.googleapis.com/google.rpc.ErrorInfo',
      reason: 'API_KEY_INVALID',
      domain: 'googleapis.com',
      metadata: { service: 'generativelanguage.googleapis.com' },
    },
    {
      '@type': 'type.googleapis.com/google.rpc.LocalizedMessage',
      locale: 'en-US',
      message: 'API key not valid. Please pass a valid API key.',
    },
  ]);
}

/** Vertex AI's answer to a missing or wrong access token (401). */
export function unauthenticatedBody(): GoogleErrorBody {
  return googleErrorBody(
    401,
    'Request had invalid authentication credentials. Expected OAuth 2 access token, login cookie or other valid authentication credential. See https://developers.google.com/identity/sign-in/web/devconsole-project.',
    [
      {
        '@type': 'type.googleapis.com/google.rpc.ErrorInfo',
        reason: 'ACCESS_TOKEN_TYPE_UNSUPPORTED',
        domain: 'googleapis.com',
        metadata: { service: 'aiplatform.googleapis.com', method: 'google.cloud.aiplatform.v1.PredictionService.GenerateContent' },
      },
    ],
  );
}

/** A 429 as the Gemini API sends it: the quota that ran out, and `RetryInfo` with the delay. */
export function resourceExhaustedBody(
  model: string,
  retryAfterSeconds: number,
  quotaId = 'GenerateRequestsPerMinutePerProjectPerModel',
): GoogleErrorBody {
  return googleErrorBody(
    429,
    `You exceeded your current quota, please check your plan and billing details. Please retry in ${retryAfterSeconds}s.`,
    [
      {
        '@type': 'type.googleapis.com/google.rpc.QuotaFailure',
        violations: [
          {
            quotaMetric: 'generativelanguage.googleapis.com/generate_content_requests',
            quotaId,
            quotaDimensions: { location: 'global', model },
            quotaValue: '10',
          },
        ],
      },
      {
        '@type': 'type.googleapis.com/google.rpc.Help',
        links: [{ description: 'Learn more about Gemini API quotas', url: 'https://ai.google.dev/gemini-api/docs/rate-limits' }],
      },
      { '@type': 'type.googleapis.com/google.rpc.RetryInfo', retryDelay: `${retryAfterSeconds}s` },
    ],
  );
}
