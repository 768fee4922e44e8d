import { ModelgateError } from '@modelgate/core';
import type { OpenAIErrorBody } from './openai-error-body.js';

/**
 * An error as a client may see it: the status, type, message, param and code of an answer that was
 * already redacted and stripped of internal detail, rebuilt as a `ModelgateError` so that any surface's
 * codec can encode it in its own shape (an in-stream error event, for example).
 */
export class ClientFacingError extends ModelgateError {
  override readonly status: number;
  override readonly type: string;

  constructor(status: number, body: OpenAIErrorBody) {
    const { message, type, param, code } = body.error;
    super(message, { ...(param === null ? {} : { param }), ...(code === null ? {} : { code }) });
    this.name = 'ClientFacingError';
    this.status = status;
    this.type = type;
  }
}
