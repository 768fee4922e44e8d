import { ModelgateError } from './modelgate-error.js';

/** Wraps anything thrown into a `ModelgateError`, keeping the original as `cause`. */
export function toModelgateError(error: unknown): ModelgateError {
  if (ModelgateError.isInstance(error)) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new ModelgateError(`Internal error: ${message}`, { cause: error, code: 'internal_error' });
}
