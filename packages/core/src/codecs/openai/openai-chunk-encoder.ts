import type { ChatStreamPartV1 } from '../../specification/chat/chat-stream-part-v1.js';
import { encodeOpenAIUsage } from './encode-openai-usage.js';
import type { OpenAIChatCompletionChunk, OpenAIChatDelta } from './openai-chat-wire-types.js';
import { mapOpenAIFinishReason } from './map-openai-finish-reason.js';

export interface OpenAIChunkEncoderOptions {
  /** Send the usage-only chunk after the finish (the client set `stream_options.include_usage`). */
  includeUsage: boolean;
  /** The model to report until the provider names one. */
  model: string;
  /** The chunk id until the provider gives one. */
  id: string;
  /** The call's cost, known when the finish is encoded; it goes into the usage chunk as `cost`. */
  costUsd?: (() => number | undefined) | undefined;
}

/**
 * Canonical stream parts → OpenAI chat completion chunks, for one stream (one choice). Tool calls get
 * the indexes 0, 1, 2… in the order they start; the first delta of a call carries its id, type and
 * name; the first chunk carries `role`. Block boundaries have no wire form of their own.
 */
export class OpenAIChunkEncoder {
  private id: string;
  private model: string;
  private created = Math.floor(Date.now() / 1000);
  private roleSent = false;
  private readonly toolIndexes = new Map<string, number>();

  constructor(private readonly options: OpenAIChunkEncoderOptions) {
    this.id = options.id;
    this.model = options.model;
  }

  /** The chunks for one part: none, one, or two (the finish and the usage chunk). */
  encode(part: ChatStreamPartV1): OpenAIChatCompletionChunk[] {
    switch (part.type) {
      case 'response-metadata':
        if (part.id !== undefined) this.id = part.id;
        if (part.model !== undefined) this.model = part.model;
        if (part.created !== undefined) this.created = part.created;
        return [];
      case 'text-delta':
        return part.delta.length === 0 ? [] : [this.chunk({ content: part.delta })];
      case 'reasoning-delta':
        return part.delta.length === 0 ? [] : [this.chunk({ reasoning_content: part.delta })];
      case 'reasoning-start':
        return part.redactedData === undefined
          ? []
          : [this.chunk({ thinking_blocks: [{ type: 'redacted_thinking', data: part.redactedData }] })];
      case 'reasoning-signature':
        return [this.chunk({ thinking_blocks: [{ type: 'thinking', thinking: '', signature: part.signature }] })];
      case 'tool-input-start':
        return [
          this.chunk({
            tool_calls: [
              { index: this.startTool(part.id), id: part.id, type: 'function', function: { name: part.toolName, arguments: '' } },
            ],
          }),
        ];
      case 'tool-input-delta': {
        const index = this.toolIndexes.get(part.id);
        if (index === undefined || part.delta.length === 0) return [];
        return [this.chunk({ tool_calls: [{ index, function: { arguments: part.delta } }] })];
      }
      case 'tool-call': {
        if (this.toolIndexes.has(part.toolCallId)) return [];
        const index = this.startTool(part.toolCallId);
        return [
          this.chunk({
            tool_calls: [{ index, id: part.toolCallId, type: 'function', function: { name: part.toolName, arguments: part.input } }],
          }),
        ];
      }
      case 'finish': {
        const finish = this.chunk(this.roleSent ? {} : { content: '' });
        finish.choices[0]!.finish_reason = mapOpenAIFinishReason(part.finishReason.unified);
        if (!this.options.includeUsage || part.usage === undefined) return [finish];
        const usage = this.envelope();
        usage.usage = encodeOpenAIUsage(part.usage);
        const cost = this.options.costUsd?.();
        if (cost !== undefined) usage.usage.cost = cost;
        return [finish, usage];
      }
      default:
        return [];
    }
  }

  private startTool(id: string): number {
    const index = this.toolIndexes.size;
    this.toolIndexes.set(id, index);
    return index;
  }

  private chunk(delta: OpenAIChatDelta): OpenAIChatCompletionChunk {
    if (!this.roleSent) {
      this.roleSent = true;
      delta = { role: 'assistant', ...delta };
    }
    const chunk = this.envelope();
    chunk.choices = [{ index: 0, delta, logprobs: null, finish_reason: null }];
    return chunk;
  }

  private envelope(): OpenAIChatCompletionChunk {
    return { id: this.id, object: 'chat.completion.chunk', created: this.created, model: this.model, choices: [] };
  }
}
