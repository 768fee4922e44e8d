import type { ChatStreamEncoderV1, EncodeContextV1 } from '../../specification/chat-codec-v1.js';
import type { ChatStreamPartV1 } from '../../specification/chat/chat-stream-part-v1.js';
import type { NativeStreamPartV1 } from '../../specification/provider-v1.js';
import { frameForwardedEvents } from '../frame-forwarded-events.js';
import { remainingToolInput } from '../remaining-tool-input.js';
import { anthropicErrorBodyOf } from './anthropic-error-body.js';
import { encodeAnthropicUsage } from './encode-anthropic-usage.js';
import { anthropicMessageId, anthropicStopSequence } from './encode-anthropic-response.js';
import { mapAnthropicStopReason } from './map-anthropic-stop-reason.js';

/** One server-sent event of Anthropic's stream: the `event:` line names the data's `type`. */
export function anthropicEvent(name: string, data: unknown): string {
  return `event: ${name}\ndata: ${JSON.stringify(data)}\n\n`;
}

/** Anthropic's in-stream error: `event: error`, and nothing after it (no `message_stop`). */
export function anthropicErrorEvent(error: unknown): string {
  return anthropicEvent('error', anthropicErrorBodyOf(error).body);
}

/** The data of a delta or of the start of a block, without its index (known once the block is written). */
type BlockEvent =
  | { name: 'content_block_start'; block: Record<string, unknown> }
  | { name: 'content_block_delta'; delta: Record<string, unknown> };

interface OpenBlock {
  /** Events waiting while another block is being written. */
  queued: BlockEvent[];
  ended: boolean;
  /** The tool input sent so far, to complete it from the final `tool-call`. */
  toolInput?: string;
}

/**
 * Canonical stream parts → Anthropic's event sequence: `message_start`, `ping`, then per block
 * `content_block_start`, its deltas and `content_block_stop` (indexes 0, 1, 2… in writing order), then
 * `message_delta` with the stop reason and the whole usage, and `message_stop`. Anthropic's blocks never
 * interleave, so a block that starts while another is open is held back and written, in full, after it.
 * A tool block stays open until its `tool-call` part, whose input completes what the deltas sent: the
 * `input_json_delta` fragments always add up to the complete input, whatever the backend.
 */
export class AnthropicStreamEncoder implements ChatStreamEncoderV1 {
  readonly contentType = 'text/event-stream; charset=utf-8';
  private id: string | undefined;
  private model: string;
  private started = false;
  private nextIndex = 0;
  /** Blocks not yet closed on the wire, in the order they started; the first is the one being written. */
  private readonly order: string[] = [];
  private readonly blocks = new Map<string, OpenBlock>();

  constructor(private readonly context: EncodeContextV1<unknown>) {
    this.model = context.model;
  }

  part(part: ChatStreamPartV1): string {
    switch (part.type) {
      case 'stream-start':
      case 'raw':
        return '';
      case 'response-metadata':
        if (!this.started) {
          if (part.id !== undefined) this.id = part.id;
          if (part.model !== undefined) this.model = part.model;
        }
        return this.begin();
      case 'text-start':
        return this.begin() + this.start(`text:${part.id}`, { type: 'text', text: '' });
      case 'text-delta':
        return part.delta.length === 0 ? '' : this.add(`text:${part.id}`, { type: 'text_delta', text: part.delta });
      case 'text-end':
        return this.end(`text:${part.id}`);
      case 'reasoning-start':
        return (
          this.begin() +
          this.start(
            `reasoning:${part.id}`,
            part.redactedData === undefined
              ? { type: 'thinking', thinking: '', signature: '' }
              : { type: 'redacted_thinking', data: part.redactedData },
          )
        );
      case 'reasoning-delta':
        return part.delta.length === 0 ? '' : this.add(`reasoning:${part.id}`, { type: 'thinking_delta', thinking: part.delta });
      case 'reasoning-signature':
        return this.add(`reasoning:${part.id}`, { type: 'signature_delta', signature: part.signature });
      case 'reasoning-end':
        return this.end(`reasoning:${part.id}`);
      case 'tool-input-start':
        return this.begin() + this.start(`tool:${part.id}`, { type: 'tool_use', id: part.id, name: part.toolName, input: {} }, '');
      case 'tool-input-delta':
        return part.delta.length === 0 ? '' : this.addToolInput(`tool:${part.id}`, part.delta);
      case 'tool-input-end':
        // Closed by the `tool-call` that follows, which may still complete the input.
        return '';
      case 'tool-call':
        return this.toolCall(part.toolCallId, part.toolName, part.input);
      case 'finish': {
        let text = this.begin();
        for (const key of [...this.order]) text += this.end(key);
        const usage = encodeAnthropicUsage(part.usage);
        text += anthropicEvent('message_delta', {
          type: 'message_delta',
          delta: { stop_reason: mapAnthropicStopReason(part.finishReason), stop_sequence: anthropicStopSequence(part.providerMetadata) },
          usage,
        });
        return text + anthropicEvent('message_stop', { type: 'message_stop' });
      }
      case 'error':
        return anthropicErrorEvent(part.error);
    }
  }

  native(part: NativeStreamPartV1): string {
    if (part.type === 'events') return frameForwardedEvents(part.data, part.event);
    if (part.type === 'event') return part.event === undefined ? `data: ${part.data}\n\n` : `event: ${part.event}\ndata: ${part.data}\n\n`;
    // The upstream's own `message_stop` was forwarded as an event: a finish adds nothing.
    return part.type === 'finish' ? '' : anthropicErrorEvent(part.error);
  }

  error(error: unknown): string {
    return anthropicErrorEvent(error);
  }

  /** `message_start` and the `ping` Anthropic sends after it, once, before anything else. */
  private begin(): string {
    if (this.started) return '';
    this.started = true;
    const message = {
      id: anthropicMessageId(this.id, this.context.requestId),
      type: 'message',
      role: 'assistant',
      model: this.model,
      content: [],
      stop_reason: null,
      stop_sequence: null,
      // Counts are known at the end: `message_delta` carries them all.
      usage: { input_tokens: 0, output_tokens: 0, cache_creation_input_tokens: 0, cache_read_input_tokens: 0 },
    };
    return anthropicEvent('message_start', { type: 'message_start', message }) + anthropicEvent('ping', { type: 'ping' });
  }

  private start(key: string, block: Record<string, unknown>, toolInput?: string): string {
    if (this.blocks.has(key)) return '';
    this.blocks.set(key, { queued: [], ended: false, ...(toolInput === undefined ? {} : { toolInput }) });
    this.order.push(key);
    return this.emit(key, { name: 'content_block_start', block });
  }

  private add(key: string, delta: Record<string, unknown>): string {
    return this.blocks.has(key) ? this.emit(key, { name: 'content_block_delta', delta }) : '';
  }

  private addToolInput(key: string, fragment: string): string {
    const block = this.blocks.get(key);
    if (block === undefined || block.ended) return '';
    block.toolInput = (block.toolInput ?? '') + fragment;
    return this.emit(key, { name: 'content_block_delta', delta: { type: 'input_json_delta', partial_json: fragment } });
  }

  private toolCall(id: string, name: string, input: string): string {
    const key = `tool:${id}`;
    let text = '';
    if (!this.blocks.has(key)) text += this.begin() + this.start(key, { type: 'tool_use', id, name, input: {} }, '');
    const sent = this.blocks.get(key)!.toolInput ?? '';
    // What the deltas left out (all of it for a call that came whole; `{}` for a call without arguments).
    const rest = remainingToolInput(sent, input);
    if (rest.length > 0) text += this.addToolInput(key, rest);
    return text + this.end(key);
  }

  /** Writes a block's event now if it is the open block, else queues it. */
  private emit(key: string, event: BlockEvent): string {
    if (this.order[0] === key) return this.write(event);
    this.blocks.get(key)!.queued.push(event);
    return '';
  }

  private write(event: BlockEvent): string {
    const index = event.name === 'content_block_start' ? this.nextIndex++ : this.nextIndex - 1;
    return event.name === 'content_block_start'
      ? anthropicEvent('content_block_start', { type: 'content_block_start', index, content_block: event.block })
      : anthropicEvent('content_block_delta', { type: 'content_block_delta', index, delta: event.delta });
  }

  /** Ends a block; when it is the open one, closes it and writes the blocks held back behind it. */
  private end(key: string): string {
    const block = this.blocks.get(key);
    if (block === undefined || block.ended) return '';
    block.ended = true;
    let text = '';
    while (this.order.length > 0) {
      const first = this.blocks.get(this.order[0]!)!;
      for (const event of first.queued) text += this.write(event);
      first.queued = [];
      if (!first.ended) break;
      text += anthropicEvent('content_block_stop', { type: 'content_block_stop', index: this.nextIndex - 1 });
      this.order.shift();
    }
    return text;
  }
}
