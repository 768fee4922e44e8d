import type { ModelgateError } from '@modelgate/core';
import { createUpstreamError, type CreateUpstreamErrorOptions } from '@modelgate/plugin-kit';

interface ValidationDetail {
  loc?: unknown;
  msg?: unknown;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A 422's `message.detail` as one sentence naming the fields (`seed: Extra inputs are not permitted`), and the first field. */
function describeValidation(details: readonly ValidationDetail[]): { message: string; param: string | undefined } {
  let param: string | undefined;
  const sentences = details.map((detail) => {
    const location = Array.isArray(detail.loc) ? detail.loc.filter((part, index) => !(index === 0 && part === 'body')).join('.') : '';
    param ??= location.length > 0 ? location : undefined;
    const text = typeof detail.msg === 'string' ? detail.msg : 'invalid';
    return location.length > 0 ? `${location}: ${text}` : text;
  });
  return { message: sentences.join('; '), param };
}

/**
 * Mistral's error answers as typed errors. Its flat body (`{"object":"error","message","type","code"}`)
 * is read as is; a 422's validation details (`message: {detail: [...]}`) become a message naming each
 * field, with the first one as `param`.
 */
export function createMistralError(failure: CreateUpstreamErrorOptions): ModelgateError {
  let value: unknown;
  try {
    value = JSON.parse(failure.body);
  } catch {
    return createUpstreamError(failure);
  }
  if (!isRecord(value) || !isRecord(value.message) || !Array.isArray(value.message.detail)) return createUpstreamError(failure);
  const { message, param } = describeValidation(value.message.detail.filter(isRecord));
  const body = JSON.stringify({
    error: {
      message: `Mistral refused the request: ${message}`,
      type: value.type ?? 'invalid_request_error',
      param: param ?? null,
      code: value.code ?? null,
    },
  });
  return createUpstreamError({ ...failure, body });
}
