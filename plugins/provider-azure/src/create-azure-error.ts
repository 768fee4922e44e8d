import { ContentPolicyError, ModelNotFoundError, type ModelgateError } from '@modelgate/core';
import { createUpstreamError, type CreateUpstreamErrorOptions } from '@modelgate/plugin-kit';

interface AzureErrorValue {
  error?: { code?: unknown; message?: unknown; innererror?: { code?: unknown } };
}

function parse(body: string): AzureErrorValue | undefined {
  try {
    const value: unknown = JSON.parse(body);
    return typeof value === 'object' && value !== null ? (value as AzureErrorValue) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Azure's error answers as typed errors: `DeploymentNotFound` is a `ModelNotFoundError` (the
 * deployment is the model), a prompt refused by the content filter (`code: content_filter`, or only
 * `innererror.code: ResponsibleAIPolicyViolation`) a `ContentPolicyError`; the rest as for OpenAI
 * (a 429 with `retry-after` is retryable, with its wait).
 */
export function createAzureError(failure: CreateUpstreamErrorOptions): ModelgateError {
  const error = parse(failure.body)?.error;
  const message = typeof error?.message === 'string' ? error.message : undefined;
  if (error?.code === 'DeploymentNotFound') {
    const deployment = failure.model === undefined ? 'The deployment' : `The deployment \`${failure.model}\``;
    return new ModelNotFoundError(
      `${deployment} does not exist on Azure resource "${failure.provider}": ${message ?? 'DeploymentNotFound'}`,
      {
        param: 'model',
      },
    );
  }
  if (error?.code !== 'content_filter' && error?.innererror?.code === 'ResponsibleAIPolicyViolation') {
    return new ContentPolicyError(message ?? "The prompt triggered Azure OpenAI's content management policy.", {
      code: 'content_filter',
    });
  }
  return createUpstreamError(failure);
}
