/**
 * Azure OpenAI's own error bodies: `{"error":{"code","message"}}`, with the code a word
 * (`DeploymentNotFound`) or a status as a string (`"401"`, `"429"`). Errors raised by the model
 * itself (a bad parameter) come in OpenAI's shape, which `openAIErrorBody` writes.
 */
export interface AzureErrorBody {
  error: { code: string; message: string } & Record<string, unknown>;
}

export function azureErrorBody(code: string, message: string): AzureErrorBody {
  return { error: { code, message } };
}

/** 401 for a missing or wrong `api-key` (or Entra ID token). */
export function azureUnauthorizedBody(): AzureErrorBody {
  return azureErrorBody(
    '401',
    'Access denied due to invalid subscription key or wrong API endpoint. Make sure to provide a valid key for an active ' +
      'subscription and use a correct regional API endpoint for your resource.',
  );
}

/** 404 for a deployment name the resource does not have. */
export function azureDeploymentNotFoundBody(): AzureErrorBody {
  return azureErrorBody(
    'DeploymentNotFound',
    'The API deployment for this resource does not exist. If you created the deployment within the last 5 minutes, ' +
      'please wait a moment and try again.',
  );
}

/** 404 for a path the resource does not serve, or an `api-version` that is missing or unknown. */
export function azureResourceNotFoundBody(): AzureErrorBody {
  return azureErrorBody('404', 'Resource not found');
}

/** 429 with the wait in the message (the `retry-after` header says it too). */
export function azureRateLimitBody(apiVersion: string | undefined, retryAfterSeconds: number): AzureErrorBody {
  return azureErrorBody(
    '429',
    `Requests to the ChatCompletions_Create Operation under Azure OpenAI API version ${apiVersion ?? 'v1'} have exceeded ` +
      `token rate limit of your current OpenAI S0 pricing tier. Please retry after ${retryAfterSeconds} seconds. ` +
      'Please go here: https://aka.ms/oai/quotaincrease if you would like to further increase the default rate limit.',
  );
}

/** The filter verdicts of one prompt or completion; `flagged` names the category that was filtered. */
export function contentFilterResults(flagged?: 'hate' | 'self_harm' | 'sexual' | 'violence'): Record<string, unknown> {
  const verdict = (category: string) =>
    category === flagged ? { filtered: true, severity: 'medium' } : { filtered: false, severity: 'safe' };
  return {
    hate: verdict('hate'),
    self_harm: verdict('self_harm'),
    sexual: verdict('sexual'),
    violence: verdict('violence'),
  };
}

/** 400 for a prompt the content filter refused (`code: content_filter`, `innererror.code: ResponsibleAIPolicyViolation`). */
export function azureContentFilterBody(category: 'hate' | 'self_harm' | 'sexual' | 'violence' = 'violence'): AzureErrorBody {
  return {
    error: {
      message:
        "The response was filtered due to the prompt triggering Azure OpenAI's content management policy. Please modify " +
        'your prompt and retry. To learn more about our content filtering policies please read our documentation: ' +
        'https://go.microsoft.com/fwlink/?linkid=2198766',
      type: null,
      param: 'prompt',
      code: 'content_filter',
      status: 400,
      innererror: {
        code: 'ResponsibleAIPolicyViolation',
        content_filter_result: { ...contentFilterResults(category), jailbreak: { filtered: false, detected: false } },
      },
    },
  };
}
