import type { ChatStreamPartV1, FinishReasonV1, ModelgateError, WarningV1 } from '@modelgate/core';
import { jsonToolName } from './convert-to-anthropic-request.js';
import { mapAnthropicFinishReason } from './map-anthropic-finish-reason.js';
import { mergeAnthropicUsage, normalizeAnthropicUsage, type AnthropicUsageCounts } from './normalize-anthropic-usage.js';
import { parseAnthropicEvent, type AnthropicStreamHandler, type ReadAnthropicStreamOptions } from './read-anthropic-stream.js';

/** An open content block, keyed by Anthropic's block index (blocks are tracked by index, never as "the current one"). */
type OpenBlock =
  | { kind: 'text'; id: string }
  | { kind: 'reasoning'; id: string }
  | { kind: 'tool'; id: string; name: string; input: string; initial: string }
  | { kind: 'json'; id: string }
  | { kind: 'ignored' };

/**
 * Anthropic's stream events → canonical parts: `stream-start` (with the request's warnings) and the
 * response metadata on `message_start`; one block per content block (text, reasoning with its signature
 * before `reasoning-end`, redacted reasoning carrying its data, tool input whose `input_json_delta`
 * fragments join to the call's input, then the complete `tool-call`); usage from `message_start` and
 * `message_delta`; `finish` after `message_stop`. `ping` is ignored.
 */
export class AnthropicStreamParts implements AnthropicStreamHandler<ChatStreamPartV1> {
  private started = false;
  private readonly blocks = new Map<number, OpenBlock>();
  private readonly counts: AnthropicUsageCounts = {};
  private rawFinishReason: string | undefined;
  private toolCalls = 0;
  private stopSequence: string | undefined;

  constructor(
    private readonly options: ReadAnthropicStreamOptions & { includeRaw?: boolean | undefined; jsonTool: boolean },
    private readonly warnings: WarningV1[],
  ) {}

  event(name: string, data: string, out: ChatStreamPartV1[]): void {
    if (name === 'ping') return;
    const value = parseAnthropicEvent(data, this.options);
    if (this.options.includeRaw === true) out.push({ type: 'raw', value });
    if (!this.started) this.start(out);
    switch (name) {
      case 'message_start': {
        const message = (value.message ?? {}) as Record<string, unknown>;
        out.push({
          type: 'response-metadata',
          ...(typeof message.id === 'string' ? { id: message.id } : {}),
          ...(typeof message.model === 'string' ? { model: message.model } : {}),
        });
        mergeAnthropicUsage(this.counts, message.usage);
        return;
      }
      case 'content_block_start':
        this.startBlock(Number(value.index), (value.content_block ?? {}) as Record<string, unknown>, out);
        return;
      case 'content_block_delta':
        this.delta(Number(value.index), (value.delta ?? {}) as Record<string, unknown>, out);
        return;
      case 'content_block_stop':
        this.stopBlock(Number(value.index), out);
        return;
      case 'message_delta': {
        const delta = (value.delta ?? {}) as { stop_reason?: unknown; stop_sequence?: unknown };
        if (typeof delta.stop_reason === 'string') this.rawFinishReason = delta.stop_reason;
        if (typeof delta.stop_sequence === 'string') this.stopSequence = delta.stop_sequence;
        mergeAnthropicUsage(this.counts, value.usage);
        return;
      }
      default:
        return;
    }
  }

  done(out: ChatStreamPartV1[]): void {
    if (!this.started) this.start(out);
    // Blocks the upstream never stopped are closed, so that every started block ends.
    for (const index of [...this.blocks.keys()]) this.stopBlock(index, out);
    const finishReason: FinishReasonV1 = mapAnthropicFinishReason(this.rawFinishReason, this.toolCalls > 0);
    const usage = normalizeAnthropicUsage(this.counts);
    out.push({
      type: 'finish',
      finishReason,
      ...(usage === undefined ? {} : { usage }),
      ...(this.stopSequence === undefined ? {} : { providerMetadata: { anthropic: { stopSequence: this.stopSequence } } }),
    });
  }

  error(error: ModelgateError): ChatStreamPartV1 {
    return { type: 'error', error };
  }

  private start(out: ChatStreamPartV1[]): void {
    this.started = true;
    out.push({ type: 'stream-start', warnings: this.warnings });
  }

  private startBlock(index: number, block: Record<string, unknown>, out: ChatStreamPartV1[]): void {
    const id = `block-${index}`;
    switch (block.type) {
      case 'text': {
        this.blocks.set(index, { kind: 'text', id });
        out.push({ type: 'text-start', id });
        if (typeof block.text === 'string' && block.text.length > 0) out.push({ type: 'text-delta', id, delta: block.text });
        return;
      }
      case 'thinking':
        this.blocks.set(index, { kind: 'reasoning', id });
        out.push({ type: 'reasoning-start', id });
        if (typeof block.thinking === 'string' && block.thinking.length > 0)
          out.push({ type: 'reasoning-delta', id, delta: block.thinking });
        return;
      case 'redacted_thinking':
        this.blocks.set(index, { kind: 'reasoning', id });
        out.push({ type: 'reasoning-start', id, redactedData: typeof block.data === 'string' ? block.data : '' });
        return;
      case 'tool_use': {
        const name = String(block.name ?? '');
        if (this.options.jsonTool && name === jsonToolName) {
          this.blocks.set(index, { kind: 'json', id });
          out.push({ type: 'text-start', id });
          return;
        }
        const toolId = typeof block.id === 'string' && block.id.length > 0 ? block.id : `toolu_${index}`;
        // Anthropic starts with `input: {}` and streams the real input; a non-empty start is kept for a call sent whole.
        const initial = block.input !== undefined && JSON.stringify(block.input) !== '{}' ? JSON.stringify(block.input) : '';
        this.blocks.set(index, { kind: 'tool', id: toolId, name, input: '', initial });
        out.push({ type: 'tool-input-start', id: toolId, toolName: name });
        return;
      }
      default:
        this.blocks.set(index, { kind: 'ignored' });
        return;
    }
  }

  private delta(index: number, delta: Record<string, unknown>, out: ChatStreamPartV1[]): void {
    const block = this.blocks.get(index);
    if (block === undefined) return;
    switch (delta.type) {
      case 'text_delta':
        if (block.kind === 'text' && typeof delta.text === 'string' && delta.text.length > 0)
          out.push({ type: 'text-delta', id: block.id, delta: delta.text });
        return;
      case 'thinking_delta':
        if (block.kind === 'reasoning' && typeof delta.thinking === 'string' && delta.thinking.length > 0) {
          out.push({ type: 'reasoning-delta', id: block.id, delta: delta.thinking });
        }
        return;
      case 'signature_delta':
        if (block.kind === 'reasoning' && typeof delta.signature === 'string')
          out.push({ type: 'reasoning-signature', id: block.id, signature: delta.signature });
        return;
      case 'input_json_delta': {
        const fragment = typeof delta.partial_json === 'string' ? delta.partial_json : '';
        if (fragment.length === 0) return;
        if (block.kind === 'tool') {
          block.input += fragment;
          out.push({ type: 'tool-input-delta', id: block.id, delta: fragment });
        } else if (block.kind === 'json') out.push({ type: 'text-delta', id: block.id, delta: fragment });
        return;
      }
      default:
        return;
    }
  }

  private stopBlock(index: number, out: ChatStreamPartV1[]): void {
    const block = this.blocks.get(index);
    if (block === undefined) return;
    this.blocks.delete(index);
    switch (block.kind) {
      case 'text':
      case 'json':
        out.push({ type: 'text-end', id: block.id });
        return;
      case 'reasoning':
        out.push({ type: 'reasoning-end', id: block.id });
        return;
      case 'tool': {
        let input = block.input;
        if (input.length === 0) {
          input = block.initial.length > 0 ? block.initial : '{}';
          if (block.initial.length > 0) out.push({ type: 'tool-input-delta', id: block.id, delta: input });
        }
        this.toolCalls += 1;
        out.push({ type: 'tool-input-end', id: block.id });
        out.push({ type: 'tool-call', toolCallId: block.id, toolName: block.name, input });
        return;
      }
      case 'ignored':
        return;
    }
  }
}
