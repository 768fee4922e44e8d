import { openAIChatCodec, type OpenAIChatEncoding } from '../codecs/openai/openai-chat-codec.js';
import type { OpenAIChatCompletion, OpenAIChatCompletionChunk, OpenAIChatRequest } from '../codecs/openai/openai-chat-wire-types.js';
import { addUsageCost } from '../codecs/openai/add-usage-cost.js';
import { OpenAIChunkEncoder } from '../codecs/openai/openai-chunk-encoder.js';
import { openAIEmbeddingCodec } from '../codecs/openai/openai-embedding-codec.js';
import type { OpenAIEmbeddingRequest, OpenAIEmbeddingResponse } from '../codecs/openai/openai-embedding-wire-types.js';
import type { ChatCodecV1, EmbeddingCodecV1 } from '../specification/chat-codec-v1.js';
import type { CallMetadata, ChatOutcome, RequestContext } from './call-metadata.js';

/** A chat stream for library users: chunks as an async iterable; a failure is thrown by the iterator. */
export interface ChatCompletionStream extends AsyncIterable<OpenAIChatCompletionChunk> {
  readonly metadata: CallMetadata;
}

/** What the library API needs of the gateway. */
export interface ChatRunner {
  runChat<Encoding>(codec: ChatCodecV1<Encoding>, body: unknown, context?: RequestContext): Promise<ChatOutcome<Encoding>>;
  runEmbeddings<Encoding>(
    codec: EmbeddingCodecV1<Encoding>,
    body: unknown,
    context?: RequestContext,
  ): Promise<{ body: unknown; metadata: CallMetadata }>;
}

export interface OpenAIChatApi {
  completions: {
    create: {
      (request: OpenAIChatRequest & { stream: true }, context?: RequestContext): Promise<ChatCompletionStream>;
      (request: OpenAIChatRequest & { stream?: false | null }, context?: RequestContext): Promise<OpenAIChatCompletion>;
      (request: OpenAIChatRequest, context?: RequestContext): Promise<OpenAIChatCompletion | ChatCompletionStream>;
    };
  };
}

export interface OpenAIEmbeddingsApi {
  create(request: OpenAIEmbeddingRequest, context?: RequestContext): Promise<OpenAIEmbeddingResponse>;
}

async function* chunksOf(outcome: ChatOutcome<OpenAIChatEncoding> & { stream: true }): AsyncGenerator<OpenAIChatCompletionChunk> {
  const { includeUsage } = outcome.context.encoding;
  const { costUsd } = outcome.context;
  if (outcome.native) {
    // The usage chunk waits for the finish, which is when the call's cost is known.
    let heldUsage: string | undefined;
    for await (const part of outcome.parts) {
      if (part.type === 'error') throw part.error;
      if (part.type === 'finish') {
        if (heldUsage !== undefined) yield JSON.parse(addUsageCost(heldUsage, costUsd?.())) as OpenAIChatCompletionChunk;
        return;
      }
      if (part.type === 'events') {
        for (const data of part.data) yield JSON.parse(data) as OpenAIChatCompletionChunk;
        continue;
      }
      if (part.usageOnly === true) {
        if (!includeUsage) continue;
        if (costUsd !== undefined) {
          const previous = heldUsage;
          heldUsage = part.data;
          if (previous === undefined) continue;
          yield JSON.parse(previous) as OpenAIChatCompletionChunk;
          continue;
        }
      }
      yield JSON.parse(part.data) as OpenAIChatCompletionChunk;
    }
    return;
  }
  const encoder = new OpenAIChunkEncoder({
    includeUsage,
    model: outcome.context.model,
    id: `chatcmpl-${outcome.metadata.requestId}`,
    costUsd,
  });
  for await (const part of outcome.parts) {
    if (part.type === 'error') throw part.error;
    yield* encoder.encode(part);
    if (part.type === 'finish') return;
  }
}

async function createChat(
  runner: ChatRunner,
  request: OpenAIChatRequest,
  context: RequestContext,
): Promise<OpenAIChatCompletion | ChatCompletionStream> {
  const outcome = await runner.runChat(openAIChatCodec, request, context);
  if (!outcome.stream) {
    return outcome.native
      ? (JSON.parse(outcome.result.body) as OpenAIChatCompletion)
      : (openAIChatCodec.encodeResponse(outcome.response, outcome.context) as OpenAIChatCompletion);
  }
  const chunks = chunksOf(outcome);
  return { metadata: outcome.metadata, [Symbol.asyncIterator]: () => chunks };
}

/** `gateway.chat.completions.create`: the OpenAI surface in process, through the same codec as the server. */
export function openAIChatApi(runner: ChatRunner): OpenAIChatApi {
  const create = (request: OpenAIChatRequest, context: RequestContext = {}) => createChat(runner, request, context);
  return { completions: { create: create as OpenAIChatApi['completions']['create'] } };
}

export function openAIEmbeddingsApi(runner: ChatRunner): OpenAIEmbeddingsApi {
  return {
    create: async (request, context = {}) =>
      (await runner.runEmbeddings(openAIEmbeddingCodec, request, context)).body as OpenAIEmbeddingResponse,
  };
}
