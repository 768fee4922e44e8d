import { randomUUID } from 'node:crypto';
import type { GatewayConfig } from '../config/gateway-config-schema.js';
import { ModelgateError } from '../errors/modelgate-error.js';
import { toModelgateError } from '../errors/to-modelgate-error.js';
import { ModelNotFoundError } from '../errors/model-not-found-error.js';
import { PermissionError } from '../errors/permission-error.js';
import { UnsupportedError } from '../errors/unsupported-error.js';
import type { ModelGroup, ModelRegistry } from '../models/model-registry.js';
import type { AttemptContext, Router } from '../router/router.js';
import type { ChatCodecV1, EmbeddingCodecV1, EncodeContextV1 } from '../specification/chat-codec-v1.js';
import type { ChatRequestV1 } from '../specification/chat/chat-request-v1.js';
import type { ChatStreamPartV1 } from '../specification/chat/chat-stream-part-v1.js';
import type { UsageV1, WarningV1 } from '../specification/chat/chat-response-v1.js';
import type { MiddlewareContextV1, MiddlewareV1 } from '../specification/middleware-v1.js';
import type { Principal } from '../specification/principal.js';
import type {
  ChatResultV1,
  ChatStreamV1,
  NativeChatResultV1,
  NativeChatStreamV1,
  ProviderV1,
  TokenCountV1,
} from '../specification/provider-v1.js';
import type { DeploymentV1 } from '../specification/router-strategy-v1.js';
import { computeCallCost, type CallPrices, type CostedUsage } from '../cost/compute-call-cost.js';
import { computeRerankCost } from '../cost/compute-rerank-cost.js';
import { deploymentModelFacts, type DeploymentModelFacts } from '../cost/deployment-model-facts.js';
import { rerankRequestV1Schema, type RerankResponseV1 } from '../specification/rerank-v1.js';
import { validateRequest } from '../validation/validate-request.js';
import { AttemptCallOptions } from './attempt-call-options.js';
import type { CallMetadata, ChatOutcome, RequestContext } from './call-metadata.js';
import { Cancellation } from './cancellation.js';
import { guardStream } from './guard-stream.js';
import { publicModelFacts, type PublicModelFacts } from './public-model-facts.js';
import { openAIChatApi, openAIEmbeddingsApi, type OpenAIChatApi, type OpenAIEmbeddingsApi } from './openai-library-api.js';
import type { OpenAIChatCompletion, OpenAIChatRequest } from '../codecs/openai/openai-chat-wire-types.js';

export interface GatewayParts {
  config: GatewayConfig;
  registry: ModelRegistry;
  router: Router;
  providers: ReadonlyMap<string, ProviderV1>;
  middleware: readonly MiddlewareV1[];
  close: () => Promise<void>;
}

/** OpenAI's model object, with what the gateway knows of the group's first usable deployment beside it. */
export interface PublicModel extends PublicModelFacts {
  id: string;
  object: 'model';
  created: number;
  owned_by: string;
}

type Attempted =
  | { native: false; stream: false; result: ChatResultV1 }
  | { native: true; stream: false; result: NativeChatResultV1 }
  | { native: false; stream: true; result: ChatStreamV1 }
  | { native: true; stream: true; result: NativeChatStreamV1 };

function mayUseModel(principal: Principal | undefined, model: string): boolean {
  const allowed = principal?.scopes.models;
  return allowed === undefined || allowed.includes('*') || allowed.includes(model);
}

/** The request's cancellation: the caller's own, or one following the caller's signal (released after the call). */
function cancellationOf(context: RequestContext): Cancellation | undefined {
  return context.cancellation ?? (context.signal === undefined ? undefined : Cancellation.fromSignal(context.signal));
}

const noWarnings: readonly WarningV1[] = Object.freeze([]);

/** Puts the call's cost on its metadata when every price it needs is known. */
function addCost(metadata: CallMetadata, usage: CostedUsage | undefined, prices: CallPrices | undefined): void {
  if (prices === undefined) return;
  const cost = computeCallCost(usage, prices);
  if (cost !== undefined) metadata.costUsd = cost;
}

/**
 * The gateway pipeline, in process: decode (the surface's codec) → authorise the model → middleware →
 * route → call (the provider's native path when it speaks the surface's format, else the canonical
 * model). The HTTP server is a thin layer over `runChat` and `runEmbeddings`; `chat.completions`,
 * `embeddings` and `completion` are the same pipeline behind the OpenAI shapes.
 */
export class Gateway {
  readonly config: GatewayConfig;
  /** OpenAI's chat API in process: `gateway.chat.completions.create({...})`; a stream is an async iterable of chunks. */
  readonly chat: OpenAIChatApi;
  readonly embeddings: OpenAIEmbeddingsApi;

  readonly models = {
    list: (principal?: Principal): PublicModel[] => this.listModels(principal),
    retrieve: (id: string, principal?: Principal): PublicModel => this.retrieveModel(id, principal),
  };

  private readonly created = Math.floor(Date.now() / 1000);
  private readonly chatHooks: readonly MiddlewareV1[];
  private readonly partHooks: readonly MiddlewareV1[];
  /** Each deployment's model facts, looked up once (`null`: the provider and the config know nothing). */
  private readonly facts = new WeakMap<DeploymentV1, DeploymentModelFacts | null>();

  constructor(private readonly parts: GatewayParts) {
    this.config = parts.config;
    this.chat = openAIChatApi(this);
    this.embeddings = openAIEmbeddingsApi(this);
    this.chatHooks = parts.middleware.filter((middleware) => middleware.beforeChat || middleware.afterChat || middleware.onStreamPart);
    this.partHooks = parts.middleware.filter((middleware) => middleware.onStreamPart !== undefined);
  }

  /** One call, one answer: `completion({ model, messages })`. */
  async completion(request: OpenAIChatRequest, context: RequestContext = {}): Promise<OpenAIChatCompletion> {
    return this.chat.completions.create({ ...request, stream: false }, context);
  }

  /** Decodes a surface's request body and runs it; the body may come straight from a client. */
  async runChat<Encoding>(codec: ChatCodecV1<Encoding>, body: unknown, context: RequestContext = {}): Promise<ChatOutcome<Encoding>> {
    const decoded = codec.decode(body);
    const requestId = context.requestId ?? randomUUID();
    this.authorise(decoded.model, context.principal);
    const hookContext: MiddlewareContextV1 = { requestId, principal: context.principal, model: decoded.model };
    // The canonical request is built only when a hook or a canonical attempt needs it.
    let rewritten: ChatRequestV1 | undefined;
    for (const middleware of decoded.nativeOnly === undefined ? this.chatHooks : []) {
      if (middleware.beforeChat) rewritten = (await middleware.beforeChat(rewritten ?? decoded.request, hookContext)) ?? rewritten;
    }
    const canonical = (): ChatRequestV1 => rewritten ?? decoded.request;
    // Any chat hook forces the canonical path (a forwarded body would bypass it), unless there is no canonical form.
    const native = this.chatHooks.length === 0 || decoded.nativeOnly !== undefined ? decoded.native : undefined;
    const cancellation = cancellationOf(context);
    const { headers } = context;
    const strict = context.strict === true;
    const stream = decoded.stream;
    let streaming = false;
    try {
      const routed = await this.parts.router.run(
        decoded.model,
        async (attempt): Promise<Attempted> => {
          const model = this.providerOf(attempt.deployment).chat(attempt.deployment.model);
          const options = new AttemptCallOptions(attempt.cancellation, requestId, headers, strict || attempt.deployment.strict === true);
          const path = native === undefined ? undefined : model.nativePath?.(native.format);
          if (native !== undefined && path !== undefined) {
            return stream
              ? { native: true, stream: true, result: await path.stream(native, options) }
              : { native: true, stream: false, result: await path.generate(native, options) };
          }
          if (decoded.nativeOnly !== undefined) {
            throw new UnsupportedError(`Provider "${attempt.deployment.provider}" does not serve ${decoded.nativeOnly}.`, {
              param: 'model',
              code: 'unsupported_ability',
            });
          }
          return stream
            ? { native: false, stream: true, result: await model.stream(canonical(), options) }
            : { native: false, stream: false, result: await model.generate(canonical(), options) };
        },
        cancellation,
        (group) => mayUseModel(context.principal, group),
      );
      const attempted = routed.result;
      const stats = this.parts.router.statsOf(routed.deployment.id);
      const prices = this.factsOf(routed.deployment)?.prices;
      const contextOf = (warnings: readonly WarningV1[]) => {
        const metadata = this.metadata(requestId, routed, attempted.native, warnings, attempted.result.upstream);
        const encodeContext: EncodeContextV1<Encoding> = { encoding: decoded.encoding, model: routed.deployment.model, requestId };
        if (prices !== undefined) encodeContext.costUsd = () => metadata.costUsd;
        return { metadata, context: encodeContext, decoded };
      };
      if (!attempted.stream) {
        if (attempted.native) {
          const { usage } = attempted.result;
          stats.addTokens(usage?.totalTokens ?? 0);
          const outcome = contextOf(attempted.result.warnings ?? noWarnings);
          addCost(outcome.metadata, usage, prices);
          return { stream: false, native: true, result: attempted.result, ...outcome };
        }
        let response = attempted.result.response;
        stats.addTokens(response.usage?.totalTokens ?? 0);
        for (const middleware of this.chatHooks) {
          if (middleware.afterChat) response = (await middleware.afterChat(response, hookContext)) ?? response;
        }
        const outcome = contextOf(response.warnings);
        addCost(outcome.metadata, response.usage, prices);
        return { stream: false, native: false, response, ...outcome };
      }
      const opened = performance.now();
      // The cost is computed once, from the finish's usage: nothing is done per part.
      const guardOf = (metadata: CallMetadata) => ({
        deploymentId: routed.deployment.id,
        onFirstPart: () => stats.firstToken(routed.upstreamMs + performance.now() - opened),
        onFinish: (usage: UsageV1 | undefined) => {
          stats.addTokens(usage?.totalTokens ?? 0);
          addCost(metadata, usage, prices);
        },
        ...(cancellation === undefined ? {} : { onEnd: () => cancellation.release() }),
      });
      streaming = true;
      if (attempted.native) {
        const outcome = contextOf(attempted.result.warnings ?? noWarnings);
        const parts = guardStream(attempted.result.parts[Symbol.asyncIterator](), guardOf(outcome.metadata));
        return { stream: true, native: true, parts, ...outcome };
      }
      // The first part is read now: a `stream-start` carries the warnings, which go out with the headers.
      const iterator = attempted.result.parts[Symbol.asyncIterator]();
      let first: IteratorResult<ChatStreamPartV1>;
      try {
        first = await iterator.next();
      } catch (error) {
        first = { done: false, value: { type: 'error', error: toModelgateError(error) } };
      }
      const warnings = first.done !== true && first.value.type === 'stream-start' ? first.value.warnings : noWarnings;
      const transform = this.partHooks.length === 0 ? undefined : (part: ChatStreamPartV1) => this.runPartHooks(part, hookContext);
      const outcome = contextOf(warnings);
      const guard = guardOf(outcome.metadata);
      const parts = guardStream(iterator, { ...guard, ...(transform === undefined ? {} : { transform }) }, first);
      return { stream: true, native: false, parts, ...outcome };
    } finally {
      // A stream releases when it ends; everything else is over here.
      if (!streaming) cancellation?.release();
    }
  }

  /** Decodes an embeddings request of a surface, runs it and encodes the answer. */
  async runEmbeddings<Encoding>(
    codec: EmbeddingCodecV1<Encoding>,
    body: unknown,
    context: RequestContext = {},
  ): Promise<{ body: unknown; metadata: CallMetadata }> {
    const { request, encoding } = codec.decode(body);
    const { result, metadata, deployment } = await this.runAbility(
      request.model,
      'embeddings',
      (provider, modelId, options) => provider.embeddings?.(modelId).embed(request, options),
      context,
    );
    addCost(metadata, result.response.usage, this.factsOf(deployment)?.prices);
    return { body: codec.encodeResponse(result.response, { encoding, model: deployment.model, requestId: metadata.requestId }), metadata };
  }

  /**
   * Routes one call of an ability other than chat (embeddings, images, speech…) like a chat call: the
   * model's deployments in the router's order, with retries, fallbacks and the principal's scopes. A
   * deployment whose provider lacks the ability (`call` answers `undefined`) is skipped without using
   * up a retry; when none has it, the client gets a 400 naming the provider and the ability.
   */
  async runAbility<Result extends { upstream?: CallMetadata['upstream'] }>(
    model: string,
    ability: string,
    call: (provider: ProviderV1, modelId: string, options: AttemptCallOptions) => Promise<Result> | undefined,
    context: RequestContext = {},
  ): Promise<{ result: Result; metadata: CallMetadata; deployment: DeploymentV1 }> {
    const requestId = context.requestId ?? randomUUID();
    this.authorise(model, context.principal);
    const cancellation = cancellationOf(context);
    const routed = await this.parts.router
      .run(
        model,
        (attempt: AttemptContext) => {
          const { deployment } = attempt;
          const pending = call(
            this.providerOf(deployment),
            deployment.model,
            new AttemptCallOptions(attempt.cancellation, requestId, context.headers, context.strict === true || deployment.strict === true),
          );
          if (pending === undefined) {
            throw new UnsupportedError(`Provider "${deployment.provider}" does not serve ${ability}.`, {
              param: 'model',
              code: 'unsupported_ability',
            });
          }
          return pending;
        },
        cancellation,
        (group) => mayUseModel(context.principal, group),
      )
      .finally(() => cancellation?.release());
    const metadata = this.metadata(requestId, routed, false, noWarnings, routed.result.upstream);
    return { result: routed.result, metadata, deployment: routed.deployment };
  }

  /**
   * Counts the input tokens of a canonical request on the deployment the router picks: the provider's
   * own count when its chat model has `countTokens`, else `estimate(request)` (labelled `estimate`).
   */
  async countTokens(
    request: ChatRequestV1,
    estimate: (request: ChatRequestV1) => number | Promise<number>,
    context: RequestContext = {},
  ): Promise<{ count: TokenCountV1; metadata: CallMetadata }> {
    const requestId = context.requestId ?? randomUUID();
    this.authorise(request.model, context.principal);
    const cancellation = cancellationOf(context);
    const routed = await this.parts.router
      .run(
        request.model,
        async (attempt: AttemptContext): Promise<TokenCountV1> => {
          const model = this.providerOf(attempt.deployment).chat(attempt.deployment.model);
          if (model.countTokens === undefined) return { inputTokens: await estimate(request), source: 'estimate' };
          return model.countTokens(request, new AttemptCallOptions(attempt.cancellation, requestId, context.headers));
        },
        cancellation,
        (group) => mayUseModel(context.principal, group),
      )
      .finally(() => cancellation?.release());
    return { count: routed.result, metadata: this.metadata(requestId, routed, false, noWarnings, undefined) };
  }

  /**
   * Validates a canonical rerank request (`RerankRequestV1`; a surface decodes its own shape first) and routes
   * it like embeddings: a deployment whose provider has no `rerank` is passed over without using up a retry,
   * and when none has it the answer is a 400 naming the provider and the ability. Results come back sorted by
   * score, highest first, and cut to `topN`, whatever order the provider used. The cost is the search units
   * the provider billed times the model's `perSearchUnit` price, when both are known.
   */
  async runRerank(body: unknown, context: RequestContext = {}): Promise<{ response: RerankResponseV1; metadata: CallMetadata }> {
    const request = validateRequest(rerankRequestV1Schema, body);
    const { result, metadata, deployment } = await this.runAbility(
      request.model,
      'rerank',
      (provider, modelId, options) => provider.rerank?.(modelId).rerank(request, options),
      context,
    );
    const cost = computeRerankCost(result.response.usage, this.factsOf(deployment)?.prices);
    if (cost !== undefined) metadata.costUsd = cost;
    const results = [...result.response.results].sort((left, right) => right.relevanceScore - left.relevanceScore);
    const response = { ...result.response, results: request.topN === undefined ? results : results.slice(0, request.topN) };
    return { response, metadata };
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

  private runPartHooks(part: ChatStreamPartV1, context: MiddlewareContextV1): ChatStreamPartV1 {
    for (const middleware of this.partHooks) part = middleware.onStreamPart!(part, context) ?? part;
    return part;
  }

  private authorise(model: string, principal: Principal | undefined): void {
    if (!mayUseModel(principal, model)) {
      throw new PermissionError(`This key may not use the model \`${model}\`.`, { param: 'model', code: 'model_not_allowed' });
    }
  }

  /** The deployment's model facts: its provider's metadata under the config's overrides. */
  private factsOf(deployment: DeploymentV1): DeploymentModelFacts | undefined {
    let facts = this.facts.get(deployment);
    if (facts === undefined) {
      const metadata = this.parts.providers.get(deployment.provider)?.modelMetadata?.(deployment.model);
      facts = deploymentModelFacts(metadata, deployment.overrides) ?? null;
      this.facts.set(deployment, facts);
    }
    return facts ?? undefined;
  }

  private providerOf(deployment: DeploymentV1): ProviderV1 {
    const provider = this.parts.providers.get(deployment.provider);
    if (!provider) throw new ModelgateError(`Provider "${deployment.provider}" is not loaded.`);
    return provider;
  }

  private metadata(
    requestId: string,
    routed: { deployment: DeploymentV1; attempts: number; upstreamMs: number; model: string },
    native: boolean,
    warnings: readonly WarningV1[],
    upstream: CallMetadata['upstream'],
  ): CallMetadata {
    return {
      requestId,
      model: routed.model,
      deployment: routed.deployment,
      attempts: routed.attempts,
      upstreamMs: routed.upstreamMs,
      native,
      warnings,
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

  /** A group is described by its first usable deployment, the one a client most likely gets (ADR 0020). */
  private publicModel(group: ModelGroup): PublicModel {
    const first = group.deployments[0];
    return {
      id: group.name,
      object: 'model',
      created: this.created,
      owned_by: group.direct ? first!.provider : 'modelgate',
      ...(first === undefined ? {} : publicModelFacts(this.factsOf(first))),
    };
  }
}
