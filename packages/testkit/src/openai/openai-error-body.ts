/** OpenAI's error body: `{"error":{"message","type","param","code"}}`. */
export interface OpenAIErrorBody {
  error: { message: string; type: string; param: string | null; code: string | null };
}

export function openAIErrorBody(
  message: string,
  type = 'invalid_request_error',
  code: string | null = null,
  param: string | null = null,
): OpenAIErrorBody {
  return { error: { message, type, param, code } };
}

/** The error `type` OpenAI uses for a status. */
export function openAIErrorType(status: number): string {
  if (status === 429) return 'requests';
  if (status >= 500) return 'server_error';
  return 'invalid_request_error';
}

/** The default body of an `error` scenario. */
export function defaultErrorBody(status: number): OpenAIErrorBody {
  if (status >= 500) return serverErrorBody();
  return openAIErrorBody(`Mock upstream error (HTTP ${status}).`, openAIErrorType(status));
}

/** 401 body when the `Authorization` header is missing. */
export function missingApiKeyBody(): OpenAIErrorBody {
  return openAIErrorBody(
    "You didn't provide an API key. You need to provide your API key in an Authorization header using Bearer auth " +
      "(i.e. Authorization: Bearer YOUR_KEY), or as the password field (with blank username) if you're accessing the " +
      'API from your browser and are prompted for a username and password. You can obtain an API key from ' +
      'https://platform.openai.com/account/api-keys.',
  );
}

/** OpenAI shows short keys whole and long ones as prefix, stars and the last four characters. */
function maskApiKey(apiKey: string): string {
  if (apiKey.length <= 8) return apiKey;
  return `${apiKey.slice(0, 3)}${'*'.repeat(apiKey.length - 7)}${apiKey.slice(-4)}`;
}

/** 401 body for a wrong key. */
export function invalidApiKeyBody(apiKey: string): OpenAIErrorBody {
  return openAIErrorBody(
    `Incorrect API key provided: ${maskApiKey(apiKey)}. You can find your API key at https://platform.openai.com/account/api-keys.`,
    'invalid_request_error',
    'invalid_api_key',
  );
}

/** 404 body for a route that does not exist. */
export function invalidUrlBody(method: string, path: string): OpenAIErrorBody {
  return openAIErrorBody(`Invalid URL (${method} ${path})`);
}

export function rateLimitBody(model: string, retryAfterSeconds: number): OpenAIErrorBody {
  return openAIErrorBody(
    `Rate limit reached for ${model} in organization org-mock on requests per min (RPM): Limit 3, Used 3, ` +
      `Requested 1. Please try again in ${retryAfterSeconds}s. Visit https://platform.openai.com/account/rate-limits ` +
      'to learn more.',
    'requests',
    'rate_limit_exceeded',
  );
}

export function serverErrorBody(): OpenAIErrorBody {
  return openAIErrorBody('The server had an error while processing your request. Sorry about that!', 'server_error');
}

/** 400 body for a request body that is not JSON. */
export function invalidJsonBody(): OpenAIErrorBody {
  return openAIErrorBody(
    "We could not parse the JSON body of your request. (HINT: This likely means you aren't using your HTTP library " +
      'correctly. The OpenAI API expects a JSON payload, but what was sent was not valid JSON. If you have trouble ' +
      'figuring out how to fix this, please contact us through our help center at help.openai.com.)',
  );
}

export function missingParameterBody(parameter: string): OpenAIErrorBody {
  return openAIErrorBody(`Missing required parameter: '${parameter}'.`, 'invalid_request_error', 'missing_required_parameter', parameter);
}
