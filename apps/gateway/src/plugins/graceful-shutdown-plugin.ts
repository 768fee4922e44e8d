import type { ServerResponse } from 'node:http';
import { InFlightResponses } from '../http/in-flight-responses.js';
import { openAIErrorBody } from '../http/openai-error-body.js';
import { infraPlugin } from './infra-plugin.js';

/** Emitted on a response cut at the shutdown deadline: its request's cancellation stops the upstream call. */
export const shutdownEventName = 'modelgate:shutdown';

export interface ShutdownOutcome {
  /** Every request and stream finished within the grace period. */
  finishedInTime: boolean;
  /** Responses still open at the deadline, ended with an error (streams: an error event). */
  cut: number;
}

declare module 'fastify' {
  interface FastifyInstance {
    /**
     * Stops accepting at once, asks keep-alive clients to close (`connection: close` on answers in
     * flight, idle sockets closed as they become idle), lets requests and streams finish for up to
     * `graceMs`, ends what is still open with an error, and closes the app.
     */
    shutdown(graceMs: number): Promise<ShutdownOutcome>;
  }
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}

function cut(response: ServerResponse, graceMs: number): void {
  response.emit(shutdownEventName);
  const message = `The server is shutting down; this answer was ended after the ${graceMs / 1000} s grace period. Retry the request.`;
  const body = openAIErrorBody(message, 'server_error', null, 'server_shutting_down');
  if (response.writableEnded || response.destroyed) return;
  if (!response.headersSent) {
    response.writeHead(503, { 'content-type': 'application/json; charset=utf-8', connection: 'close' });
    response.end(JSON.stringify(body));
  } else if (String(response.getHeader('content-type') ?? '').startsWith('text/event-stream')) {
    response.end(`data: ${JSON.stringify(body)}\n\n`);
  } else {
    response.destroy();
  }
}

/** Tracks answers in flight (two listeners per request) and adds `app.shutdown`. */
export const gracefulShutdownPlugin = infraPlugin((app, _options, done) => {
  const inFlight = new InFlightResponses();
  let closing = false;
  let drained: (() => void) | undefined;

  const finished = (remove: () => void) => {
    remove();
    if (!closing) return;
    // The socket of a finished keep-alive answer is idle now: close it rather than wait for the client.
    setImmediate(() => app.server.closeIdleConnections());
    if (inFlight.size === 0) drained?.();
  };

  app.addHook('onRequest', (_request, reply, next) => {
    const response = reply.raw;
    const remove = inFlight.add(response);
    // `on`, not `once`: a response closes once.
    response.on('close', () => finished(remove));
    if (closing) reply.header('connection', 'close');
    next();
  });

  app.decorate('shutdown', async (graceMs: number): Promise<ShutdownOutcome> => {
    closing = true;
    for (const response of inFlight.list()) if (!response.headersSent) response.setHeader('connection', 'close');
    const allDrained = inFlight.size === 0 ? Promise.resolve() : new Promise<void>((resolve) => (drained = resolve));
    // Stops listening at once; requests arriving on open connections get a 503 with `connection: close`.
    const closed = app.close();
    app.server.closeIdleConnections();
    const finishedInTime = await Promise.race([allDrained.then(() => true), delay(graceMs).then(() => false)]);
    const open = inFlight.list();
    for (const response of open) cut(response, graceMs);
    const settled = await Promise.race([closed.then(() => true), delay(1_000).then(() => false)]);
    if (!settled) {
      app.server.closeAllConnections();
      await closed;
    }
    return { finishedInTime, cut: open.length };
  });
  done();
}, 'modelgate-graceful-shutdown');
