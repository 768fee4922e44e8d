import type { ChatResponseV1 } from '../../specification/chat/chat-response-v1.js';
import type { EncodeContextV1 } from '../../specification/chat-codec-v1.js';
import { encodeOpenAIUsage } from './encode-openai-usage.js';
import type { OpenAIAssistantMessage, OpenAIChatCompletion, OpenAIThinkingBlock, OpenAIToolCall } from './openai-chat-wire-types.js';
import { mapOpenAIFinishReason } from './map-openai-finish-reason.js';

/** Reads `providerMetadata.openai.<name>` when it is a string. */
export function openAIMetadataString(response: Pick<ChatResponseV1, 'providerMetadata'>, name: string): string | undefined {
  const value = response.providerMetadata?.openai?.[name];
  return typeof value === 'string' ? value : undefined;
}

/** A canonical answer as an OpenAI chat completion with one choice. */
export function encodeOpenAIChatResponse(response: ChatResponseV1, context: EncodeContextV1<unknown>): OpenAIChatCompletion {
  let text: string | null = null;
  let reasoning: string | undefined;
  const thinkingBlocks: OpenAIThinkingBlock[] = [];
  let signed = false;
  const toolCalls: OpenAIToolCall[] = [];
  for (const part of response.content) {
    if (part.type === 'text') text = (text ?? '') + part.text;
    else if (part.type === 'reasoning') {
      if (part.redactedData !== undefined) {
        signed = true;
        thinkingBlocks.push({ type: 'redacted_thinking', data: part.redactedData });
        continue;
      }
      reasoning = (reasoning ?? '') + part.text;
      if (part.signature !== undefined) signed = true;
      thinkingBlocks.push({
        type: 'thinking',
        thinking: part.text,
        ...(part.signature === undefined ? {} : { signature: part.signature }),
      });
    } else if (part.type === 'tool-call') {
      toolCalls.push({ id: part.toolCallId, type: 'function', function: { name: part.toolName, arguments: part.input } });
    }
  }
  const message: OpenAIAssistantMessage = { role: 'assistant', content: text, refusal: null };
  if (toolCalls.length > 0) message.tool_calls = toolCalls;
  if (reasoning !== undefined) message.reasoning_content = reasoning;
  if (signed) message.thinking_blocks = thinkingBlocks;
  const completion: OpenAIChatCompletion = {
    id: response.metadata.id ?? `chatcmpl-${context.requestId}`,
    object: 'chat.completion',
    created: response.metadata.created ?? Math.floor(Date.now() / 1000),
    model: response.metadata.model ?? context.model,
    choices: [{ index: 0, message, logprobs: null, finish_reason: mapOpenAIFinishReason(response.finishReason.unified) }],
  };
  if (response.usage !== undefined) completion.usage = encodeOpenAIUsage(response.usage);
  const fingerprint = openAIMetadataString(response, 'systemFingerprint');
  if (fingerprint !== undefined) completion.system_fingerprint = fingerprint;
  return completion;
}
