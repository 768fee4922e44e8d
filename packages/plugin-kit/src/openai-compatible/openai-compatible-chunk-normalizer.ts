import type { OpenAIChatChunkChoice, OpenAIChatCompletionChunk, OpenAIToolCallDelta, OpenAIUsage, UsageV1 } from '@modelgate/core';
import { openAIWireFinishReason } from './map-openai-compatible-finish-reason.js';
import { normalizeOpenAICompatibleUsage } from './normalize-openai-compatible-usage.js';
import { ToolCallDeltaNormalizer } from './tool-call-delta-normalizer.js';

type RawRecord = Record<string, unknown>;

function isRecord(value: unknown): value is RawRecord {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Whether a chunk has every envelope field `fillEnvelope` would otherwise fill. */
function hasWholeEnvelope(chunk: OpenAIChatCompletionChunk): boolean {
  return (
    typeof chunk.id === 'string' &&
    chunk.id !== '' &&
    chunk.object === 'chat.completion.chunk' &&
    typeof chunk.created === 'number' &&
    typeof chunk.model === 'string' &&
    chunk.model.length > 0
  );
}

/**
 * Turns the parsed chunks of one OpenAI-compatible stream into well-formed OpenAI chunks. It mutates the
 * parsed objects in place (they are fresh from `JSON.parse`) instead of copying them:
 * tool-call deltas rebuilt per choice (see `ToolCallDeltaNormalizer`), `reasoning` renamed to
 * `reasoning_content`, finish reasons mapped to OpenAI's values (the host's own kept in `rawFinishReason`),
 * usage read from any chunk (the last one wins; the chunk keeps the host's own), chunks without content
 * dropped (Azure's prompt-filter chunk, deltas still buffered).
 */
export class OpenAICompatibleChunkNormalizer {
  private readonly toolCalls = new Map<number, ToolCallDeltaNormalizer>();
  private readonly finished = new Set<number>();
  private template: { id: string; created: number; model: string; system_fingerprint?: string | null } | undefined;
  private usageChunkSeen = false;
  /** A first chunk that went out unparsed: its envelope becomes the template only if one is needed. */
  private deferredEnvelope: string | undefined;

  /** The last usage seen on any chunk, in the canonical model. */
  usage: UsageV1 | undefined;
  /** The host's finish reason for choice 0, as it sent it. */
  rawFinishReason: string | undefined;
  /** Whether choice 0 made tool calls. */
  hasToolCalls = false;
  /**
   * Whether the last `normalize` changed anything in the chunk: when it did not, the chunk's text as the host
   * sent it is the same JSON, and a forwarding path may send that instead of serialising the chunk again.
   */
  changed = false;

  constructor(private readonly modelId: string) {}

  /**
   * The stream's first chunk was forwarded without being parsed (a plain content chunk with its envelope):
   * its id, created and model are read from it when a later chunk lacks them or a chunk is made up.
   */
  deferEnvelope(data: string): void {
    if (this.template === undefined) this.deferredEnvelope ??= data;
  }

  /** Normalises one parsed chunk; undefined when nothing in it is worth sending. */
  normalize(value: unknown): OpenAIChatCompletionChunk | undefined {
    this.changed = false;
    if (!isRecord(value)) return undefined;
    const chunk = value as OpenAIChatCompletionChunk;
    const usage =
      normalizeOpenAICompatibleUsage(chunk.usage) ?? normalizeOpenAICompatibleUsage((value.x_groq as RawRecord | undefined)?.usage);
    const choices: unknown = value.choices;
    const noChoices = !Array.isArray(choices) || choices.length === 0;
    // Azure's prompt-filter chunk (no choices, empty id and model, `created: 0`) must not become the envelope.
    if (noChoices && usage === undefined) return undefined;
    if (!hasWholeEnvelope(chunk)) this.changed = true;
    this.fillEnvelope(chunk);
    if (usage !== undefined) {
      this.usage = usage;
      if (!isRecord(chunk.usage)) {
        chunk.usage = (value.x_groq as RawRecord).usage as OpenAIChatCompletionChunk['usage'];
        this.changed = true;
      }
    }
    if (noChoices) {
      if (!Array.isArray(choices)) this.changed = true;
      chunk.choices = [];
      this.usageChunkSeen = true;
      return chunk;
    }
    const kept: OpenAIChatChunkChoice[] = [];
    for (let position = 0; position < choices.length; position += 1) {
      const choice = choices[position] as unknown;
      if (isRecord(choice) && this.normalizeChoice(choice, position)) kept.push(choice as unknown as OpenAIChatChunkChoice);
    }
    if (kept.length === 0 && usage === undefined) return undefined;
    if (kept.length !== choices.length) this.changed = true;
    chunk.choices = kept;
    return chunk;
  }

  /**
   * The stream ended (`[DONE]`): the chunks still owed — tool calls that never got an id, and a
   * usage-only chunk when the upstream put usage on a content chunk instead of sending one (unless
   * `usageChunk` is false: nobody will read it).
   */
  finish({ usageChunk = true }: { usageChunk?: boolean } = {}): OpenAIChatCompletionChunk[] {
    const chunks: OpenAIChatCompletionChunk[] = [];
    const choices: OpenAIChatChunkChoice[] = [];
    for (const [index, normalizer] of this.toolCalls) {
      if (this.finished.has(index)) continue;
      const tool_calls = normalizer.flush();
      if (tool_calls.length > 0) choices.push({ index, delta: { tool_calls }, finish_reason: null });
    }
    if (choices.length > 0) chunks.push(this.synthetic(choices));
    if (usageChunk && this.usage !== undefined && !this.usageChunkSeen) {
      const usageChunk = this.synthetic([]);
      const { inputTokens, outputTokens, totalTokens, cacheReadTokens, cacheWriteTokens, reasoningTokens } = this.usage;
      const wire: OpenAIUsage = { prompt_tokens: inputTokens, completion_tokens: outputTokens, total_tokens: totalTokens };
      // The details too: a client reads cached and reasoning tokens there.
      if (cacheReadTokens !== undefined || cacheWriteTokens !== undefined) {
        wire.prompt_tokens_details = {
          cached_tokens: cacheReadTokens ?? 0,
          ...(cacheWriteTokens === undefined ? {} : { cache_write_tokens: cacheWriteTokens }),
        };
      }
      if (reasoningTokens !== undefined) wire.completion_tokens_details = { reasoning_tokens: reasoningTokens };
      usageChunk.usage = wire;
      chunks.push(usageChunk);
    }
    return chunks;
  }

  private normalizeChoice(choice: RawRecord, position: number): boolean {
    if (typeof choice.index !== 'number') {
      choice.index = position;
      this.changed = true;
    }
    const index = choice.index as number;
    let delta: RawRecord;
    if (isRecord(choice.delta)) delta = choice.delta;
    else {
      delta = {};
      choice.delta = delta;
      this.changed = true;
    }

    if ('reasoning' in delta) {
      this.changed = true;
      if (typeof delta.reasoning === 'string' && delta.reasoning.length > 0 && delta.reasoning_content === undefined) {
        delta.reasoning_content = delta.reasoning;
      }
      delete delta.reasoning;
    }
    if (delta.reasoning_content === null || delta.reasoning_content === '') {
      delete delta.reasoning_content;
      this.changed = true;
    }

    let toolCalls: OpenAIToolCallDelta[] = [];
    if (Array.isArray(delta.tool_calls)) toolCalls = this.normalizerFor(index).push(delta.tool_calls);

    const finishReason = choice.finish_reason;
    if (finishReason !== null && finishReason !== undefined && finishReason !== '') {
      const normalizer = this.toolCalls.get(index);
      if (normalizer !== undefined) toolCalls = toolCalls.concat(normalizer.flush());
      this.finished.add(index);
      const hasToolCalls = normalizer?.hasToolCalls ?? false;
      if (index === 0) {
        this.rawFinishReason = typeof finishReason === 'string' ? finishReason : undefined;
        this.hasToolCalls = hasToolCalls;
      }
      choice.finish_reason = openAIWireFinishReason(finishReason, hasToolCalls);
      if (choice.finish_reason !== finishReason) this.changed = true;
    } else {
      if (finishReason !== null) this.changed = true;
      choice.finish_reason = null;
    }

    if (toolCalls.length > 0) {
      delta.tool_calls = toolCalls;
      this.changed = true;
    } else if ('tool_calls' in delta) {
      delete delta.tool_calls;
      this.changed = true;
    }

    if (choice.finish_reason !== null) return true;
    for (const key in delta) {
      if (delta[key] !== undefined) return true;
    }
    return choice.logprobs !== undefined && choice.logprobs !== null;
  }

  private normalizerFor(index: number): ToolCallDeltaNormalizer {
    let normalizer = this.toolCalls.get(index);
    if (normalizer === undefined) {
      normalizer = new ToolCallDeltaNormalizer();
      this.toolCalls.set(index, normalizer);
    }
    return normalizer;
  }

  /** The envelope of the stream's first chunk, read now if that chunk went out unparsed. */
  private templateOf(): OpenAICompatibleChunkNormalizer['template'] {
    const deferred = this.deferredEnvelope;
    if (deferred !== undefined) {
      this.deferredEnvelope = undefined;
      let value: unknown;
      try {
        value = JSON.parse(deferred);
      } catch {
        value = undefined;
      }
      // The same repair as a parsed first chunk gets, which makes it the template.
      if (isRecord(value)) this.fillEnvelope(value as OpenAIChatCompletionChunk);
    }
    return this.template;
  }

  private fillEnvelope(chunk: OpenAIChatCompletionChunk): void {
    if (typeof chunk.id !== 'string' || chunk.id === '') chunk.id = this.templateOf()?.id ?? `chatcmpl-${Date.now().toString(36)}`;
    if (chunk.object !== 'chat.completion.chunk') chunk.object = 'chat.completion.chunk';
    if (typeof chunk.created !== 'number') chunk.created = this.templateOf()?.created ?? Math.floor(Date.now() / 1000);
    if (typeof chunk.model !== 'string' || chunk.model.length === 0) chunk.model = this.modelId;
    if (this.deferredEnvelope !== undefined) return;
    this.template ??= {
      id: chunk.id,
      created: chunk.created,
      model: chunk.model,
      ...(chunk.system_fingerprint === undefined ? {} : { system_fingerprint: chunk.system_fingerprint }),
    };
  }

  private synthetic(choices: OpenAIChatChunkChoice[]): OpenAIChatCompletionChunk {
    const template = this.templateOf();
    const chunk: OpenAIChatCompletionChunk = {
      id: template?.id ?? `chatcmpl-${Date.now().toString(36)}`,
      object: 'chat.completion.chunk',
      created: template?.created ?? Math.floor(Date.now() / 1000),
      model: template?.model ?? this.modelId,
      choices,
    };
    if (template?.system_fingerprint !== undefined) chunk.system_fingerprint = template.system_fingerprint;
    return chunk;
  }
}
