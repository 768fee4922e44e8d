import type { ChatResponseV1, ResponseContentPartV1, WarningV1 } from '@modelgate/core';
import type { NormalizedCompletion } from './normalize-openai-compatible-completion.js';

/** A normalised OpenAI completion (choice 0) in the canonical model: reasoning first, then text, then tool calls. */
export function parseOpenAICompatibleCompletion(normalized: NormalizedCompletion, warnings: WarningV1[]): ChatResponseV1 {
  const { completion } = normalized;
  const message = completion.choices[0]?.message;
  const content: ResponseContentPartV1[] = [];
  if (typeof message?.reasoning_content === 'string' && message.reasoning_content.length > 0) {
    content.push({ type: 'reasoning', text: message.reasoning_content });
  }
  if (typeof message?.content === 'string' && message.content.length > 0) content.push({ type: 'text', text: message.content });
  if (typeof message?.refusal === 'string' && message.refusal.length > 0) content.push({ type: 'text', text: message.refusal });
  for (const call of message?.tool_calls ?? []) {
    content.push({ type: 'tool-call', toolCallId: call.id, toolName: call.function.name, input: call.function.arguments });
  }
  const response: ChatResponseV1 = {
    content,
    finishReason: normalized.finishReason,
    metadata: { id: completion.id, model: completion.model, created: completion.created },
    warnings,
  };
  if (normalized.usage !== undefined) response.usage = normalized.usage;
  if (typeof completion.system_fingerprint === 'string')
    response.providerMetadata = { openai: { systemFingerprint: completion.system_fingerprint } };
  return response;
}
