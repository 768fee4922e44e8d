import type { ChatChunkChoice, ChatCompletionChunk, ToolCallDelta, Usage } from '@modelgate/core';
import { mapOpenAICompatibleFinishReason } from './map-openai-compatible-finish-reason.js';
import { normalizeOpenAICompatibleUsage } from './normalize-openai-compatible-usage.js';
import { ToolCallDeltaNormalizer } from './tool-call-delta-normalizer.js';

type RawRecord = Record<string, unknown>;

function isRecord(value: unknown): value is RawRecord {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Turns the parsed chunks of one OpenAI-compatible stream into canonical chunks. It mutates the
 * parsed objects in place (they are fresh from `JSON.parse`) instead of copying them:
 * tool-call deltas rebuilt per choice (see `ToolCallDeltaNormalizer`), `reasoning` renamed to
 * `reasoning_content`, finish reasons mapped, usage taken from any chunk (the last one wins),
 * chunks without content dropped (Azure's prompt-filter chunk, deltas still buffered).
 */
export class OpenAICompatibleChunkNormalizer {
  private readonly toolCalls = new Map<number, ToolCallDeltaNormalizer>();
  private readonly finished = new Set<number>();
  private template: { id: string; created: number; model: string; system_fingerprint?: string | null } | undefined;
  private usageChunkSeen = false;

  /** The last usage seen on any chunk. */
  usage: Usage | undefined;

  constructor(private readonly modelId: string) {}

  /** Normalises one parsed chunk; undefined when nothing in it is worth sending. */
  normalize(value: unknown): ChatCompletionChunk | undefined {
    if (!isRecord(value)) return undefined;
    const chunk = value as ChatCompletionChunk;
    this.fillEnvelope(chunk);
    const usage = normalizeOpenAICompatibleUsage(chunk.usage) ?? normalizeOpenAICompatibleUsage((value.x_groq as RawRecord | undefined)?.usage);
    if (usage !== undefined) {
      this.usage = usage;
      chunk.usage = usage;
    }
    const choices: unknown = value.choices;
    if (!Array.isArray(choices) || choices.length === 0) {
      chunk.choices = [];
      if (usage === undefined) return undefined;
      this.usageChunkSeen = true;
      return chunk;
    }
    const kept: ChatChunkChoice[] = [];
    for (let position = 0; position < choices.length; position += 1) {
      const choice = choices[position] as unknown;
      if (isRecord(choice) && this.normalizeChoice(choice, position)) kept.push(choice as unknown as ChatChunkChoice);
    }
    if (kept.length === 0 && usage === undefined) return undefined;
    chunk.choices = kept;
    return chunk;
  }

  /**
   * The stream ended (`[DONE]`): the chunks still owed — tool calls that never got an id, and a
   * usage-only chunk when the upstream put usage on a content chunk instead of sending one.
   */
  finish(): ChatCompletionChunk[] {
    const chunks: ChatCompletionChunk[] = [];
    const choices: ChatChunkChoice[] = [];
    for (const [index, normalizer] of this.toolCalls) {
      if (this.finished.has(index)) continue;
      const tool_calls = normalizer.flush();
      if (tool_calls.length > 0) choices.push({ index, delta: { tool_calls }, finish_reason: null });
    }
    if (choices.length > 0) chunks.push(this.synthetic(choices));
    if (this.usage !== undefined && !this.usageChunkSeen) {
      const usageChunk = this.synthetic([]);
      usageChunk.usage = this.usage;
      chunks.push(usageChunk);
    }
    return chunks;
  }

  private normalizeChoice(choice: RawRecord, position: number): boolean {
    if (typeof choice.index !== 'number') choice.index = position;
    const index = choice.index as number;
    const delta: RawRecord = isRecord(choice.delta) ? choice.delta : {};
    choice.delta = delta;

    if ('reasoning' in delta) {
      if (typeof delta.reasoning === 'string' && delta.reasoning.length > 0 && delta.reasoning_content === undefined) {
        delta.reasoning_content = delta.reasoning;
      }
      delete delta.reasoning;
    }
    if (delta.reasoning_content === null || delta.reasoning_content === '') delete delta.reasoning_content;

    let toolCalls: ToolCallDelta[] = [];
    if (Array.isArray(delta.tool_calls)) toolCalls = this.normalizerFor(index).push(delta.tool_calls);

    const finishReason = choice.finish_reason;
    if (finishReason !== null && finishReason !== undefined && finishReason !== '') {
      const normalizer = this.toolCalls.get(index);
      if (normalizer !== undefined) toolCalls = toolCalls.concat(normalizer.flush());
      this.finished.add(index);
      choice.finish_reason = mapOpenAICompatibleFinishReason(finishReason, normalizer?.hasToolCalls ?? false);
    } else {
      choice.finish_reason = null;
    }

    if (toolCalls.length > 0) delta.tool_calls = toolCalls;
    else delete delta.tool_calls;

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

  private fillEnvelope(chunk: ChatCompletionChunk): void {
    if (typeof chunk.id !== 'string') chunk.id = this.template?.id ?? `chatcmpl-${Date.now().toString(36)}`;
    if (chunk.object !== 'chat.completion.chunk') chunk.object = 'chat.completion.chunk';
    if (typeof chunk.created !== 'number') chunk.created = this.template?.created ?? Math.floor(Date.now() / 1000);
    if (typeof chunk.model !== 'string' || chunk.model.length === 0) chunk.model = this.modelId;
    this.template ??= {
      id: chunk.id,
      created: chunk.created,
      model: chunk.model,
      ...(chunk.system_fingerprint === undefined ? {} : { system_fingerprint: chunk.system_fingerprint }),
    };
  }

  private synthetic(choices: ChatChunkChoice[]): ChatCompletionChunk {
    const template = this.template;
    const chunk: ChatCompletionChunk = {
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
