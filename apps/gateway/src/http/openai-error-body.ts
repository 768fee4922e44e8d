import { errorTypeForStatus, ModelgateError, openAIErrorBodyOf } from '@modelgate/core';

import type { OpenAIErrorBody } from '@modelgate/core';

export type { OpenAIErrorBody };

export interface ErrorResponse {
  status: number;
  body: OpenAIErrorBody;
  headers: Record<string, string>;
}

interface FrameworkError {
  message?: unknown;
  code?: unknown;
  statusCode?: unknown;
  validationContext?: unknown;
}

export function openAIErrorBody(message: string, type: string, param: string | null, code: string | null): OpenAIErrorBody {
  return { error: { message, type, param, code } };
}


function validStatus(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isInteger(value) && value >= 400 && value <= 599 ? value : undefined;
}

/** Errors of fastify itself (body parser, limits, bad URLs) and of Node's JSON parser. */
function fromFrameworkError(error: FrameworkError, status: number): ErrorResponse {
  const code = typeof error.code === 'string' ? error.code : undefined;
  const message = typeof error.message === 'string' && error.message !== '' ? error.message : 'Bad request.';
  if (code === 'FST_ERR_CTP_BODY_TOO_LARGE' || status === 413) {
    return {
      status: 413,
      body: openAIErrorBody('The request body is larger than this server accepts.', 'invalid_request_error', null, 'request_too_large'),
      headers: {},
    };
  }
  if (code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE' || status === 415) {
    return {
      status: 415,
      body: openAIErrorBody(
        'Unsupported content type: send the body as JSON with the header "Content-Type: application/json".',
        'invalid_request_error',
        null,
        'unsupported_media_type',
      ),
      headers: {},
    };
  }
  if (code === 'FST_ERR_CTP_EMPTY_JSON_BODY') {
    return { status: 400, body: openAIErrorBody('The request body is empty; send a JSON object.', 'invalid_request_error', null, 'invalid_json'), headers: {} };
  }
  if (error instanceof SyntaxError || code === 'FST_ERR_CTP_INVALID_JSON_BODY' || message.includes('forbidden prototype property')) {
    return {
      status: 400,
      body: openAIErrorBody(`We could not parse the JSON body of your request: ${message}`, 'invalid_request_error', null, 'invalid_json'),
      headers: {},
    };
  }
  const param = typeof error.validationContext === 'string' ? error.validationContext : null;
  return { status, body: openAIErrorBody(message, errorTypeForStatus(status), param, status === 404 ? 'not_found' : 'invalid_request'), headers: {} };
}

/** The HTTP answer for anything thrown while serving a request: typed errors through the OpenAI codec, framework errors here. */
export function errorResponseOf(error: unknown): ErrorResponse {
  if (!ModelgateError.isInstance(error) && typeof error === 'object' && error !== null) {
    const status = validStatus((error as FrameworkError).statusCode);
    if (status !== undefined && status < 500) return fromFrameworkError(error as FrameworkError, status);
  }
  return openAIErrorBodyOf(error);
}
