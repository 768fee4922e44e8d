import { splitFragments } from '../openai/split-fragments.js';
import { anthropicId, type AnthropicMockMessage, type AnthropicWireBlock } from './anthropic-wire-message.js';

/** One server-sent event of Anthropic's stream, written with its `event:` line. */
export interface AnthropicWireEvent {
  event: string;
  data: unknown;
}

export function formatAnthropicEvent(event: AnthropicWireEvent): string {
  return `event: ${event.event}\ndata: ${JSON.stringify(event.data)}\n\n`;
}

function blockEvents(block: AnthropicWireBlock, index: number): AnthropicWireEvent[] {
  const events: AnthropicWireEvent[] = [];
  const delta = (value: Record<string, unknown>): void => {
    events.push({ event: 'content_block_delta', data: { type: 'content_block_delta', index, delta: value } });
  };
  switch (block.type) {
    case 'text':
      events.push({
        event: 'content_block_start',
        data: { type: 'content_block_start', index, content_block: { type: 'text', text: '' } },
      });
      for (const fragment of splitFragments(block.text)) delta({ type: 'text_delta', text: fragment });
      break;
    case 'thinking':
      events.push({
        event: 'content_block_start',
        data: { type: 'content_block_start', index, content_block: { type: 'thinking', thinking: '', signature: '' } },
      });
      for (const fragment of splitFragments(block.thinking)) delta({ type: 'thinking_delta', thinking: fragment });
      delta({ type: 'signature_delta', signature: block.signature });
      break;
    case 'redacted_thinking':
      events.push({ event: 'content_block_start', data: { type: 'content_block_start', index, content_block: block } });
      break;
    case 'tool_use':
      events.push({
        event: 'content_block_start',
        data: { type: 'content_block_start', index, content_block: { type: 'tool_use', id: block.id, name: block.name, input: {} } },
      });
      // Anthropic's first input delta is empty; the JSON text then comes in pieces of any size.
      delta({ type: 'input_json_delta', partial_json: '' });
      for (const fragment of splitFragments(block.input)) delta({ type: 'input_json_delta', partial_json: fragment });
      break;
  }
  events.push({ event: 'content_block_stop', data: { type: 'content_block_stop', index } });
  return events;
}

/**
 * A message as Anthropic streams it: `message_start` (input and cache counts, `output_tokens: 1`), a
 * `ping`, each block's start, deltas and stop, `message_delta` with the stop reason and the cumulative
 * output count, `message_stop`.
 */
export function anthropicStreamEvents(message: AnthropicMockMessage, model: string, id = anthropicId('msg')): AnthropicWireEvent[] {
  const { usage } = message;
  return [
    {
      event: 'message_start',
      data: {
        type: 'message_start',
        message: {
          id,
          type: 'message',
          role: 'assistant',
          model,
          content: [],
          stop_reason: null,
          stop_sequence: null,
          usage: { ...usage, output_tokens: 1 },
        },
      },
    },
    { event: 'ping', data: { type: 'ping' } },
    ...message.content.flatMap((block, index) => blockEvents(block, index)),
    {
      event: 'message_delta',
      data: {
        type: 'message_delta',
        delta: { stop_reason: message.stopReason, stop_sequence: message.stopSequence ?? null },
        usage: { output_tokens: usage.output_tokens },
      },
    },
    { event: 'message_stop', data: { type: 'message_stop' } },
  ];
}

/** A new tool call id when the scenario gave none. */
export function toolUseId(id: string | undefined): string {
  return id ?? anthropicId('toolu');
}
