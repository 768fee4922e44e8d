import { UpstreamError, type ChatResponseV1, type ResponseContentPartV1, type WarningV1 } from '@modelgate/core';
import type { BedrockConverseResponse } from './bedrock-wire-types.js';
import { mapBedrockFinishReason } from './map-bedrock-finish-reason.js';
import { normalizeBedrockUsage } from './normalize-bedrock-usage.js';

/** A Converse answer as a canonical response: text, reasoning (signature and redacted data kept) and tool calls, in order. */
export function readConverseResponse(
  answer: BedrockConverseResponse,
  warnings: WarningV1[],
  context: { provider: string; model: string },
): ChatResponseV1 {
  const blocks = answer.output?.message?.content;
  if (!Array.isArray(blocks)) {
    throw new UpstreamError(`Upstream ${context.provider} (${context.model}) answered without output.message.content.`, {
      provider: context.provider,
      model: context.model,
    });
  }
  const content: ResponseContentPartV1[] = [];
  for (const block of blocks) {
    if (typeof block.text === 'string') content.push({ type: 'text', text: block.text });
    else if (block.toolUse !== undefined) {
      content.push({
        type: 'tool-call',
        toolCallId: block.toolUse.toolUseId,
        toolName: block.toolUse.name,
        input: JSON.stringify(block.toolUse.input ?? {}),
      });
    } else if (block.reasoningContent !== undefined) {
      const { reasoningText, redactedContent } = block.reasoningContent;
      if (redactedContent !== undefined) content.push({ type: 'reasoning', text: '', redactedData: redactedContent });
      else {
        content.push({
          type: 'reasoning',
          text: reasoningText?.text ?? '',
          ...(reasoningText?.signature === undefined ? {} : { signature: reasoningText.signature }),
        });
      }
    }
  }
  const usage = normalizeBedrockUsage(answer.usage);
  return {
    content,
    finishReason: mapBedrockFinishReason(
      answer.stopReason,
      content.some((part) => part.type === 'tool-call'),
    ),
    ...(usage === undefined ? {} : { usage }),
    metadata: { model: context.model },
    warnings,
  };
}
