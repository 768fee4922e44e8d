import type { IncomingMessage } from 'node:http';

/** Whether a request announced a body (its connection is closed, not drained, when the request is refused early). */
export function hasPendingBody(request: IncomingMessage): boolean {
  const length = request.headers['content-length'];
  return request.headers['transfer-encoding'] !== undefined || (length !== undefined && length !== '0');
}
