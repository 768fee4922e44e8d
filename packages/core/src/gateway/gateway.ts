import { randomUUID } from 'node:crypto';
import type { GatewayConfig } from '../config/gateway-config-schema.js';
import { ModelgateError } from '../errors/modelgate-error.js';
import { ModelNotFoundError } from '../errors/model-not-found-error.js';
import { PermissionError } from '../errors/permission-error.js';
import { UnsupportedError } from '../errors/unsupported-error.js';
import type { ModelGroup, ModelRegistry } from '../models/model-registry.js';
import type { AttemptContext } from '../router/router.js';
import type { Router } from '../router/router.js';
import type { ChatCompletion, ChatCompletionChunk, ChatRequest } from '../specification/chat-types.js';
import type { EmbeddingRequest, EmbeddingResponse } from '../specification/embedding-types.js';
import type { MiddlewareV1 } from '../specification/middleware-v1.js';
import type { Principal } from '../specification/principal.js';
import type { CallAbortV1 } from '../specification/call-abort.js';
import type { CallOptions, ChatStreamEventV1, ProviderV1 } from '../specification/provider-v1.js';
import type { DeploymentV1 } from '../specification/router-strategy-v1.js';
import { chatRequestSchema, embeddingRequestSchema } from '../validation/chat-request-schema.js';
import { validateRequest } from '../validation/validate-request.js';
import type { CallMetadata, ChatOutcome, RequestContext } from './call-metadata.js';
import { Cancellation } from './cancellation.js';
import { guardChatStream } from './guard-chat-stream.js';

export interface GatewayParts {
  config: GatewayConfig;
  registry: ModelRegistry;
  router: Router;
  providers: ReadonlyMap<string, ProviderV1>;
  middleware: readonly MiddlewareV1[];
  close: () => Promise<void>;
}

export interface PublicModel {
  id: string;
  object: 'model';
  created: number;
  owned_by: string;
}

/** A chat stream for library users: chunks as an async iterable; a failure is thrown by the iterator. */
export interface ChatCompletionStream extends AsyncIterable<ChatCompletionChunk> {
  readonly metadata: CallMetadata;
}

function mayUseModel(principal: Principal | undefined, model: string): boolean {
  const allowed = principal?.scopes.models;
  return allowed === undefined || allowed.includes('*') || allowed.includes(model);
}

/** The options of one attempt's call: `signal` is made only if the provider reads it. */
class AttemptCallOptions implements CallOptions {
  readonly abort: CallAbortV1;

  constructor(
    private readonly cancellation: Cancellation,
    readonly requestId: string,
    readonly headers: Record<string, string> | undefined,
  ) {
    this.abort = cancellation;
  }

  get signal(): AbortSignal {
    return this.cancellation.signal;
  }
}

function callOptionsOf(attempt: AttemptContext, requestId: string, headers: Record<string, string> | undefined): CallOptions {
  return new AttemptCallOptions(attempt.cancellation, requestId, headers);
}

/** The request's cancellation: the caller's own, or one following the caller's signal (released after the call). */
function cancellationOf(context: RequestContext): Cancellation | undefined {
  return context.cancellation ?? (context.signal === undefined ? undefined : Cancellation.fromSignal(context.signal));
}

async function* chunksOf(events: AsyncIterable<ChatStreamEventV1>): AsyncGenerator<ChatCompletionChunk> {
  for await (const event of events) {
    if (event.type === 'chunk') yield event.chunk;
    else if (event.type === 'error') throw event.error;
    else return;
  }
}

/**
 * The gateway pipeline, in process: validate → authorise the model → middleware → route → call.
 * The HTTP server is a thin layer over `runChat` and `runEmbeddings`.
 */
export class Gateway {
  readonly config: GatewayConfig;

  readonly chat = {
    completions: {
      create: ((request: ChatRequest, context: RequestContext = {}) => this.createChat(request, context)) as {
        (request: ChatRequest & { stream: true }, context?: RequestContext): Promise<ChatCompletionStream>;
        (request: ChatRequest & { stream?: false | null }, context?: RequestContext): Promise<ChatCompletion>;
        (request: ChatRequest, context?: RequestContext): Promise<ChatCompletion | ChatCompletionStream>;
      },
    },
  };

  readonly embeddings = {
    create: async (request: EmbeddingRequest, context: RequestContext = {}): Promise<EmbeddingResponse> =>
      (await this.runEmbeddings(request, context)).response,
  };

  readonly models = {
    list: (principal?: Principal): PublicModel[] => this.listModels(principal),
    retrieve: (id: string, principal?: Principal): PublicModel => this.retrieveModel(id, principal),
  };

  private readonly created = Math.floor(Date.now() / 1000);

  constructor(private readonly parts: GatewayParts) {
    this.config = parts.config;
  }

  /** One call, one answer: `completion({ model, messages })`. */
  async completion(request: ChatRequest, context: RequestContext = {}): Promise<ChatCompletion> {
    const outcome = await this.runChat({ ...request, stream: false }, context);
    if (outcome.stream) throw new ModelgateError('Expected a complete answer, got a stream.');
    return outcome.response;
  }

  /** Validates and runs a chat request; the body may come straight from a client. */
  async runChat(body: unknown, context: RequestContext = {}): Promise<ChatOutcome> {
    let request = validateRequest(chatRequestSchema, body) as ChatRequest;
    const requestId = context.requestId ?? randomUUID();
    this.authorise(request.model, context.principal);
    const middlewareContext = { requestId, principal: context.principal, model: request.model };
    for (const middleware of this.parts.middleware) {
      if (middleware.beforeChat) request = (await middleware.beforeChat(request, middlewareContext)) ?? request;
    }
    const cancellation = cancellationOf(context);
    const headers = context.headers;
    let streaming = false;
    try {
      if (request.stream === true) {
        const routed = await this.parts.router.run(
          request.model,
          (attempt) => this.providerOf(attempt.deployment).chat(attempt.deployment.model).stream(request, callOptionsOf(attempt, requestId, headers)),
          cancellation,
        );
        const stats = this.parts.router.statsOf(routed.deployment.id);
        const opened = performance.now();
        const events = guardChatStream(routed.result.events, {
          includeUsage: request.stream_options?.include_usage === true,
          middleware: this.parts.middleware,
          context: middlewareContext,
          deploymentId: routed.deployment.id,
          onFirstChunk: () => stats.firstToken(routed.upstreamMs + performance.now() - opened),
          onFinish: (usage) => stats.addTokens(usage?.total_tokens ?? 0),
          ...(cancellation === undefined ? {} : { onEnd: () => cancellation.release() }),
        });
        streaming = true;
        return { stream: true, events, metadata: this.metadata(requestId, routed, routed.result.upstream) };
      }

      const routed = await this.parts.router.run(
        request.model,
        (attempt) => this.providerOf(attempt.deployment).chat(attempt.deployment.model).generate(request, callOptionsOf(attempt, requestId, headers)),
        cancellation,
      );
      let response = routed.result.response;
      this.parts.router.statsOf(routed.deployment.id).addTokens(response.usage?.total_tokens ?? 0);
      for (const middleware of this.parts.middleware) {
        if (middleware.afterChat) response = (await middleware.afterChat(response, middlewareContext)) ?? response;
      }
      return { stream: false, response, metadata: this.metadata(requestId, routed, routed.result.upstream) };
    } finally {
      // A stream releases when it ends; everything else is over here.
      if (!streaming) cancellation?.release();
    }
  }

  async runEmbeddings(body: unknown, context: RequestContext = {}): Promise<{ response: EmbeddingResponse; metadata: CallMetadata }> {
    const request = validateRequest(embeddingRequestSchema, body) as EmbeddingRequest;
    const requestId = context.requestId ?? randomUUID();
    this.authorise(request.model, context.principal);
    const cancellation = cancellationOf(context);
    const routed = await this.parts.router.run(
      request.model,
      (attempt) => {
        const { deployment } = attempt;
        const provider = this.providerOf(deployment);
        if (!provider.embeddings) {
          throw new UnsupportedError(`Provider "${deployment.provider}" does not serve embeddings.`, { param: 'model' });
        }
        return provider.embeddings(deployment.model).embed(request, callOptionsOf(attempt, requestId, context.headers));
      },
      cancellation,
    ).finally(() => cancellation?.release());
    return { response: routed.result.response, metadata: this.metadata(requestId, routed, routed.result.upstream) };
  }

  /** True once every configured provider was created (start-up succeeded). */
  isReady(): boolean {
    return this.parts.providers.size === Object.keys(this.config.providers).length;
  }

  provider(name: string): ProviderV1 | undefined {
    return this.parts.providers.get(name);
  }

  async close(): Promise<void> {
    this.parts.router.close();
    await this.parts.close();
  }

  private chatAsStream(outcome: ChatOutcome): ChatCompletionStream {
    if (!outcome.stream) throw new ModelgateError('Expected a stream, got a complete answer.');
    const iterable = chunksOf(outcome.events);
    return { metadata: outcome.metadata, [Symbol.asyncIterator]: () => iterable };
  }

  private async createChat(request: ChatRequest, context: RequestContext): Promise<ChatCompletion | ChatCompletionStream> {
    const outcome = await this.runChat(request, context);
    return outcome.stream ? this.chatAsStream(outcome) : outcome.response;
  }

  private authorise(model: string, principal: Principal | undefined): void {
    if (!mayUseModel(principal, model)) {
      throw new PermissionError(`This key may not use the model \`${model}\`.`, { param: 'model', code: 'model_not_allowed' });
    }
  }

  private providerOf(deployment: DeploymentV1): ProviderV1 {
    const provider = this.parts.providers.get(deployment.provider);
    if (!provider) throw new ModelgateError(`Provider "${deployment.provider}" is not loaded.`);
    return provider;
  }

  private metadata(
    requestId: string,
    routed: { deployment: DeploymentV1; attempts: number; upstreamMs: number; model: string },
    upstream: CallMetadata['upstream'],
  ): CallMetadata {
    return {
      requestId,
      model: routed.model,
      deployment: routed.deployment,
      attempts: routed.attempts,
      upstreamMs: routed.upstreamMs,
      ...(upstream === undefined ? {} : { upstream }),
    };
  }

  private listModels(principal: Principal | undefined): PublicModel[] {
    return this.parts.registry
      .list()
      .filter((group) => mayUseModel(principal, group.name))
      .map((group) => this.publicModel(group));
  }

  private retrieveModel(id: string, principal: Principal | undefined): PublicModel {
    const group = this.parts.registry.resolve(id);
    if (!group || !mayUseModel(principal, id)) {
      throw new ModelNotFoundError(`The model \`${id}\` does not exist or you do not have access to it.`, { param: 'model' });
    }
    return this.publicModel(group);
  }

  private publicModel(group: ModelGroup): PublicModel {
    return {
      id: group.name,
      object: 'model',
      created: this.created,
      owned_by: group.direct ? group.deployments[0]!.provider : 'modelgate',
    };
  }
}
