import type { FastifyReply, FastifyRequest } from 'fastify';
import type { JsonLineLogger } from '../logging/json-line-logger.js';
import { infraPlugin } from './infra-plugin.js';

export interface AccessLogPluginOptions extends Record<string, unknown> {
  logger: JsonLineLogger;
  /** Called once the server closes, to write lines still buffered. */
  flush?: () => void;
}

interface NotedUsage {
  usage?: { inputTokens: number; outputTokens?: number; totalTokens?: number } | undefined;
  costUsd?: number | undefined;
}

declare module 'fastify' {
  interface FastifyRequest {
    /** What the route noted for the access log; a request decoration, cheaper than a WeakMap entry per request. */
    accessLogNote: NotedUsage | undefined;
  }
}

/** Lets a route tell the access log how many tokens a call used and what it cost, when it knows. */
export function noteAccessLogUsage(
  request: FastifyRequest,
  usage: NotedUsage['usage'] | null | undefined,
  costUsd?: number | undefined,
): void {
  if (usage || costUsd !== undefined) request.accessLogNote = { usage: usage ?? undefined, costUsd };
}

function headerOf(reply: FastifyReply, name: string): string | undefined {
  // A streamed answer sets its headers on the raw response after the reply was hijacked.
  const value = reply.getHeader(name) ?? reply.raw.getHeader(name);
  return typeof value === 'string' ? value : undefined;
}

function modelOf(request: FastifyRequest): string | undefined {
  const model = (request.body as { model?: unknown } | null | undefined)?.model;
  return typeof model === 'string' ? model : undefined;
}

/**
 * One JSON line per request at `info`: time, request id, method, route, status, model, deployment,
 * attempts, duration, and tokens, cost and the provider's warnings when known. It runs in `onResponse`, after the answer has left, and
 * the lines are written buffered; when `info` is off, no hook is added at all.
 */
export const accessLogPlugin = infraPlugin<AccessLogPluginOptions>((app, { logger, flush }, done) => {
  app.decorateRequest('accessLogNote', undefined);
  if (!logger.enabled('info')) {
    done();
    return;
  }
  app.addHook('onResponse', (request, reply, next) => {
    const fields: Record<string, unknown> = {
      reqId: request.id,
      method: request.method,
      // Never the query string: a key may ride in it (`?key=`, Google's form).
      route: request.routeOptions.url ?? request.url.split('?')[0],
      status: reply.statusCode,
    };
    const model = modelOf(request);
    if (model !== undefined) fields.model = model;
    const deployment = headerOf(reply, 'x-modelgate-deployment');
    if (deployment !== undefined) fields.deployment = deployment;
    const attempts = headerOf(reply, 'x-modelgate-attempts');
    if (attempts !== undefined) fields.attempts = Number(attempts);
    fields.durationMs = Math.round(reply.elapsedTime * 100) / 100;
    const noted = request.accessLogNote;
    const usage = noted?.usage;
    if (usage !== undefined) {
      fields.inputTokens = usage.inputTokens;
      if (usage.outputTokens !== undefined) fields.outputTokens = usage.outputTokens;
      if (usage.totalTokens !== undefined) fields.totalTokens = usage.totalTokens;
    }
    // The name a spend record will use for the same figure.
    if (noted?.costUsd !== undefined) fields.cost_usd = noted.costUsd;
    const warnings = headerOf(reply, 'x-modelgate-warnings');
    if (warnings !== undefined) fields.warnings = warnings;
    logger.info('request', fields);
    next();
  });
  if (flush !== undefined)
    app.addHook('onClose', (_instance, closed) => {
      flush();
      closed();
    });
  done();
}, 'modelgate-access-log');
