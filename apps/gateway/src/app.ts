import { createSecretRedactor, MemoryResponseStore, OpenAIResponsesSurface, type Gateway, type SecretRedactor } from '@modelgate/core';
import Fastify, { type FastifyInstance } from 'fastify';
import { clientErrorHandler } from './http/client-error-handler.js';
import { clientTimeoutOptions } from './http/client-timeouts.js';
import { BufferedLineWriter } from './logging/buffered-line-writer.js';
import { JsonLineLogger, type LogLevel } from './logging/json-line-logger.js';
import { accessLogPlugin } from './plugins/access-log-plugin.js';
import { authPlugin } from './plugins/auth-plugin.js';
import { earlyRefusalPlugin } from './plugins/early-refusal-plugin.js';
import { createErrorSenders, errorHandlerPlugin } from './plugins/error-handler-plugin.js';
import { gracefulShutdownPlugin } from './plugins/graceful-shutdown-plugin.js';
import { jsonBodyPlugin } from './plugins/json-body-plugin.js';
import { secretRedactionPlugin } from './plugins/secret-redaction-plugin.js';
import { requestIdOf, requestIdPlugin } from './plugins/request-id-plugin.js';
import { zodValidationPlugin } from './plugins/zod-validation-plugin.js';
import { chatCompletionsRoute } from './routes/chat-completions-route.js';
import { completionsRoute } from './routes/completions-route.js';
import { embeddingsRoute } from './routes/embeddings-route.js';
import { imagesRoute } from './routes/images-route.js';
import { moderationsRoute } from './routes/moderations-route.js';
import { speechRoute } from './routes/speech-route.js';
import { transcriptionsRoute } from './routes/transcriptions-route.js';
import { healthRoute } from './routes/health-route.js';
import { geminiRoute } from './routes/gemini-route.js';
import { messagesRoute } from './routes/messages-route.js';
import { modelsRoute } from './routes/models-route.js';
import { passthroughRoute } from './routes/passthrough-route.js';
import { rerankRoute } from './routes/rerank-route.js';
import { responsesRoute } from './routes/responses-route.js';

export type { LogLevel } from './logging/json-line-logger.js';

export interface BuildAppOptions {
  /** Overrides `server.log_level`; at `info` and below, each request gets one access-log line. */
  logLevel?: LogLevel;
  /** Where log lines go (JSON lines on stdout by default). */
  logger?: JsonLineLogger;
  /**
   * Write access lines through a buffer (one write every 100 ms) instead of one write each. Default: when
   * no `logger` was given (tests that bring their own logger read the lines at once).
   */
  bufferAccessLog?: boolean;
  /** Overrides `server.body_limit_bytes`. */
  bodyLimit?: number;
  /**
   * Overrides `auth.master_key`; `null` serves without authentication. Whether that is safe for
   * the address is decided by `startServer`, which knows where it listens.
   */
  masterKey?: string | null;
  /**
   * Replaces configured secrets in everything the server writes. Default: built from the gateway's
   * config and the credential-named variables of `process.env`.
   */
  redactor?: SecretRedactor;
}

/** The master key in force, or `undefined` when the gateway serves without authentication. */
export function effectiveMasterKey(gateway: Gateway, options: BuildAppOptions = {}): string | undefined {
  if (options.masterKey === null) return undefined;
  if (options.masterKey !== undefined) return options.masterKey;
  const auth = gateway.config.auth;
  return auth.disabled ? undefined : auth.master_key;
}

/** The Responses surface with its in-memory store, bounded as `responses.store` says. */
function responsesSurface(gateway: Gateway, logger: JsonLineLogger): OpenAIResponsesSurface {
  const bounds = gateway.config.responses.store;
  const store = new MemoryResponseStore({
    maxResponses: bounds.max_responses,
    maxBytes: bounds.max_bytes,
    ttlMs: bounds.ttl_seconds * 1000,
  });
  return new OpenAIResponsesSurface(gateway, store, {
    onStoreError: (error) => logger.error('A response could not be stored.', { error: String(error) }),
  });
}

/**
 * Builds the fastify app over a gateway (it does not listen; `startServer` does, tests `inject`).
 * The caller owns the gateway and closes it.
 */
export function buildApp(gateway: Gateway, options: BuildAppOptions = {}): FastifyInstance {
  const server = gateway.config.server;
  const logger = options.logger ?? new JsonLineLogger(options.logLevel ?? server.log_level);
  const redactor = options.redactor ?? createSecretRedactor(gateway.config, process.env);
  const masterKey = effectiveMasterKey(gateway, options);
  if (masterKey !== undefined) redactor.add(masterKey);
  logger.redactWith(redactor);
  const senders = createErrorSenders(logger, redactor);
  const app = Fastify({
    // Fastify's logger stays off: the gateway logs its few lines itself (see JsonLineLogger).
    logger: false,
    bodyLimit: options.bodyLimit ?? server.body_limit_bytes,
    genReqId: requestIdOf,
    requestIdHeader: false,
    frameworkErrors: senders.sendFrameworkError,
    clientErrorHandler,
    ...clientTimeoutOptions(server),
  });
  app.server.maxConnections = server.max_connections;

  app.register(gracefulShutdownPlugin);
  app.register(requestIdPlugin);
  app.register(secretRedactionPlugin, { redactor });
  // Access lines go through a buffer (one write every 100 ms) unless the caller reads the lines itself (see `bufferAccessLog`).
  const accessWriter = (options.bufferAccessLog ?? options.logger === undefined) ? new BufferedLineWriter() : undefined;
  const accessLogger =
    accessWriter === undefined ? logger : new JsonLineLogger(options.logLevel ?? server.log_level, (line) => accessWriter.write(line));
  accessLogger.redactWith(redactor);
  app.register(accessLogPlugin, { logger: accessLogger, ...(accessWriter === undefined ? {} : { flush: () => accessWriter.flush() }) });
  app.register(errorHandlerPlugin, { senders });
  app.register(earlyRefusalPlugin, { masterKey });
  app.register(zodValidationPlugin);
  app.register(jsonBodyPlugin);
  app.register(healthRoute, { gateway });
  app.register((api, _options, done) => {
    api.register(authPlugin, { masterKey });
    api.register(chatCompletionsRoute, { gateway, logger });
    api.register(embeddingsRoute, { gateway });
    api.register(messagesRoute, { gateway, logger });
    api.register(completionsRoute, { gateway, logger });
    api.register(imagesRoute, { gateway });
    api.register(speechRoute, { gateway });
    api.register(transcriptionsRoute, { gateway });
    api.register(moderationsRoute, { gateway });
    api.register(modelsRoute, { gateway });
    api.register(rerankRoute, { gateway });
    api.register(responsesRoute, { gateway, logger, responses: responsesSurface(gateway, logger) });
    done();
  });
  // Google's SDKs send the key as `x-goog-api-key` or `?key=`: accepted on these routes only.
  app.register((gemini, _options, done) => {
    gemini.register(authPlugin, { masterKey, googleKeyForms: true });
    gemini.register(geminiRoute, { gateway, logger });
    done();
  });
  // A native SDK sends the key in its own header: Google's and Azure's forms are accepted here too (docs/decisions/0030).
  app.register((passthrough, _options, done) => {
    passthrough.register(authPlugin, { masterKey, googleKeyForms: true, azureKeyForm: true });
    passthrough.register(passthroughRoute, { gateway, logger });
    done();
  });
  return app;
}
