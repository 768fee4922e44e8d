import type { Socket } from 'node:net';
import { openAIErrorBody } from './openai-error-body.js';

/**
 * Answers requests Node's HTTP parser rejected (malformed request line, headers too large, a
 * client timeout) in OpenAI's error shape, then closes the connection.
 */
export function clientErrorHandler(error: Error & { code?: string }, socket: Socket): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  let status = 400;
  let reason = 'Bad Request';
  let message = 'The request could not be parsed as HTTP.';
  if (error.code === 'ERR_HTTP_REQUEST_TIMEOUT') {
    status = 408;
    reason = 'Request Timeout';
    message = 'The request was not received in time.';
  } else if (error.code === 'HPE_HEADER_OVERFLOW') {
    status = 431;
    reason = 'Request Header Fields Too Large';
    message = 'The request headers are larger than this server accepts.';
  }
  const body = JSON.stringify(openAIErrorBody(message, 'invalid_request_error', null, 'bad_request'));
  if (socket.writable) {
    socket.write(
      `HTTP/1.1 ${status} ${reason}\r\nContent-Type: application/json; charset=utf-8\r\n` +
        `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    );
  }
  socket.destroy(error);
}
