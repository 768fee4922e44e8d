import { ModelgateError } from '@modelgate/core';
import type { JsonLineLogger } from '../logging/json-line-logger.js';
import { isClientClosed } from './client-cancellation.js';

/**
 * The log line of a stream that ended without a finish: the client going away is an info line, a
 * gateway or upstream error a warning with its code and cause, anything unexpected an error with its stack
 * (the logger redacts every configured secret).
 */
export function logEarlyStreamEnd(logger: JsonLineLogger, requestId: string, error: unknown): void {
  if (isClientClosed(error)) {
    logger.info('The client closed the stream before it ended.', { reqId: requestId, code: 'client_closed_request' });
  } else if (ModelgateError.isInstance(error) && error.code !== 'internal_error') {
    logger.warn(`The stream ended early: ${error.message}`, {
      reqId: requestId,
      code: error.code,
      ...(error.cause === undefined ? {} : { cause: error.cause }),
    });
  } else {
    // An unexpected failure (a plugin's plain exception): the client got a fixed message, the log gets everything.
    logger.error('The stream ended early.', { reqId: requestId, err: error });
  }
}
