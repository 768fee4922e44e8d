import type { ChatResponseV1, ResponseContentPartV1, WarningV1 } from '@modelgate/core';
import { jsonToolName } from './convert-to-anthropic-request.js';
import { rawToolInputs } from './raw-tool-inputs.js';
import { mapAnthropicFinishReason } from './map-anthropic-finish-reason.js';
import { mergeAnthropicUsage, normalizeAnthropicUsage, type AnthropicUsageCounts } from './normalize-anthropic-usage.js';

/** What a non-streamed Anthropic message must have: `type: "message"` and a `content` array. */
export function isAnthropicMessage(value: unknown): value is Record<string, unknown> & { content: unknown[] } {
  return (
    typeof value === 'object' &&
    value !== null &&
    (value as { type?: unknown }).type === 'message' &&
    Array.isArray((value as { content?: unknown }).content)
  );
}

/**
 * A message → the canonical response: text, thinking (with its signature) and redacted thinking (its data)
 * as reasoning, tool_use as tool calls with the input's JSON text, in order. With the JSON output tool its
 * call is the answer's text. Server tool blocks (web search results…) have no canonical part yet.
 */
export function parseAnthropicMessage(
  message: Record<string, unknown> & { content: unknown[] },
  text: string,
  jsonTool: boolean,
  warnings: WarningV1[],
): ChatResponseV1 {
  const content: ResponseContentPartV1[] = [];
  const hasToolUse = message.content.some((item) => (item as { type?: unknown } | null)?.type === 'tool_use');
  // The arguments as the model wrote them, not as JSON.parse would re-serialise them.
  const rawInputs = hasToolUse ? rawToolInputs(text) : undefined;
  for (const [index, item] of message.content.entries()) {
    if (typeof item !== 'object' || item === null) continue;
    const block = item as Record<string, unknown>;
    switch (block.type) {
      case 'text':
        if (typeof block.text === 'string') content.push({ type: 'text', text: block.text });
        break;
      case 'thinking':
        content.push({
          type: 'reasoning',
          text: typeof block.thinking === 'string' ? block.thinking : '',
          ...(typeof block.signature === 'string' ? { signature: block.signature } : {}),
        });
        break;
      case 'redacted_thinking':
        if (typeof block.data === 'string') content.push({ type: 'reasoning', text: '', redactedData: block.data });
        break;
      case 'tool_use': {
        const input = rawInputs?.get(index) ?? JSON.stringify(block.input ?? {});
        if (jsonTool && block.name === jsonToolName) content.push({ type: 'text', text: input });
        else content.push({ type: 'tool-call', toolCallId: String(block.id), toolName: String(block.name), input });
        break;
      }
      default:
        break;
    }
  }
  const counts: AnthropicUsageCounts = {};
  mergeAnthropicUsage(counts, message.usage);
  const usage = normalizeAnthropicUsage(counts);
  const hasToolCalls = content.some((part) => part.type === 'tool-call');
  const stopSequence = typeof message.stop_sequence === 'string' ? message.stop_sequence : undefined;
  return {
    content,
    finishReason: mapAnthropicFinishReason(message.stop_reason as string | null | undefined, hasToolCalls),
    ...(usage === undefined ? {} : { usage }),
    metadata: {
      ...(typeof message.id === 'string' ? { id: message.id } : {}),
      ...(typeof message.model === 'string' ? { model: message.model } : {}),
    },
    warnings,
    ...(stopSequence === undefined ? {} : { providerMetadata: { anthropic: { stopSequence } } }),
  };
}
