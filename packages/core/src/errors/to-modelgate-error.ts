import { ModelgateError } from './modelgate-error.js';

/** What a client is told about an unexpected failure: nothing of the inside (the log gets the `cause`). */
export const internalErrorMessage = 'The server had an error while processing your request.';

/**
 * Wraps anything thrown into a `ModelgateError`, keeping the original as `cause`. The message is
 * stable: a plain exception's text (URLs, paths, internal state) is for the log, never for a client.
 */
export function toModelgateError(error: unknown): ModelgateError {
  if (ModelgateError.isInstance(error)) return error;
  return new ModelgateError(internalErrorMessage, { cause: error, code: 'internal_error' });
}
