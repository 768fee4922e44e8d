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

/** A JSON string. */
const text = (value: string): string => JSON.stringify(value);

/** A JSON number (`null` for one JSON has no form for, as `JSON.stringify` writes it). */
const number = (value: number): string => (Number.isFinite(value) ? String(value) : 'null');

function modelOf(request: FastifyRequest): string | undefined {
  const model = (request.body as { model?: unknown } | null | undefined)?.model;
  return typeof model === 'string' ? model : undefined;
}

/**
 * One JSON line per request at `info`, its fields serialised one by one (about half the time of
 * `JSON.stringify` on an object of them): time, request id, method, route, status, model, deployment,
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
    // Never the query string: a key may ride in it (`?key=`, Google's form).
    const route = request.routeOptions.url ?? request.url.split('?')[0]!;
    let members = `,"reqId":${text(request.id)},"method":${text(request.method)},"route":${text(route)},"status":${reply.statusCode}`;
    const model = modelOf(request);
    if (model !== undefined) members += `,"model":${text(model)}`;
    const deployment = headerOf(reply, 'x-modelgate-deployment');
    if (deployment !== undefined) members += `,"deployment":${text(deployment)}`;
    const attempts = headerOf(reply, 'x-modelgate-attempts');
    if (attempts !== undefined) members += `,"attempts":${number(Number(attempts))}`;
    members += `,"durationMs":${number(Math.round(reply.elapsedTime * 100) / 100)}`;
    const noted = request.accessLogNote;
    const usage = noted?.usage;
    if (usage !== undefined) {
      members += `,"inputTokens":${number(usage.inputTokens)}`;
      if (usage.outputTokens !== undefined) members += `,"outputTokens":${number(usage.outputTokens)}`;
      if (usage.totalTokens !== undefined) members += `,"totalTokens":${number(usage.totalTokens)}`;
    }
    // The name a spend record will use for the same figure.
    if (noted?.costUsd !== undefined) members += `,"cost_usd":${number(noted.costUsd)}`;
    const warnings = headerOf(reply, 'x-modelgate-warnings');
    if (warnings !== undefined) members += `,"warnings":${text(warnings)}`;
    logger.writeMembers('info', 'request', members);
    next();
  });
  if (flush !== undefined)
    app.addHook('onClose', (_instance, closed) => {
      flush();
      closed();
    });
  done();
}, 'modelgate-access-log');
