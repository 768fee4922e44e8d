import type { ModelgateError, NativeStreamPartV1 } from '@modelgate/core';
import { mapAnthropicFinishReason } from './map-anthropic-finish-reason.js';
import { mergeAnthropicUsage, normalizeAnthropicUsage, type AnthropicUsageCounts } from './normalize-anthropic-usage.js';
import { parseAnthropicEvent, type AnthropicStreamHandler, type ReadAnthropicStreamOptions } from './read-anthropic-stream.js';

/**
 * The native path's stream: every event goes to the client exactly as the upstream sent it (name and
 * data). Only the events that carry accounting are parsed — `message_start` and `message_delta` for
 * usage and the stop reason, `content_block_start` to see a tool call — and the deltas are not. After
 * `message_stop` a `finish` part carries what the gateway accounts for.
 */
export class AnthropicNativeEvents implements AnthropicStreamHandler<NativeStreamPartV1> {
  private readonly counts: AnthropicUsageCounts = {};
  private rawFinishReason: string | undefined;
  private hasToolCalls = false;

  constructor(private readonly options: ReadAnthropicStreamOptions) {}

  event(name: string, data: string, out: NativeStreamPartV1[]): void {
    switch (name) {
      case 'message_start': {
        const message = parseAnthropicEvent(data, this.options).message as { usage?: unknown } | undefined;
        mergeAnthropicUsage(this.counts, message?.usage);
        break;
      }
      case 'content_block_start': {
        // Cheap test first: most blocks are text.
        if (data.includes('"tool_use"')) {
          const block = parseAnthropicEvent(data, this.options).content_block as { type?: unknown } | undefined;
          if (block?.type === 'tool_use') this.hasToolCalls = true;
        }
        break;
      }
      case 'message_delta': {
        const value = parseAnthropicEvent(data, this.options);
        const stopReason = (value.delta as { stop_reason?: unknown } | undefined)?.stop_reason;
        if (typeof stopReason === 'string') this.rawFinishReason = stopReason;
        mergeAnthropicUsage(this.counts, value.usage);
        break;
      }
      default:
        break;
    }
    out.push({ type: 'event', event: name, data });
  }

  done(out: NativeStreamPartV1[]): void {
    const finishReason = mapAnthropicFinishReason(this.rawFinishReason, this.hasToolCalls);
    const usage = normalizeAnthropicUsage(this.counts);
    out.push(usage === undefined ? { type: 'finish', finishReason } : { type: 'finish', finishReason, usage });
  }

  error(error: ModelgateError): NativeStreamPartV1 {
    return { type: 'error', error };
  }
}
