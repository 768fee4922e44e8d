import { UpstreamError, type ChatResponseV1, type ResponseContentPartV1, type WarningV1 } from '@modelgate/core';
import { cohereUsageMetadata, convertCohereUsage, type CohereUsage } from './convert-cohere-usage.js';
import { isCohereFailure, mapCohereFinishReason } from './map-cohere-finish-reason.js';

interface CohereChatAnswer {
  id?: unknown;
  finish_reason?: unknown;
  message?: {
    content?: unknown;
    tool_plan?: unknown;
    tool_calls?: unknown;
    citations?: unknown;
  };
  usage?: CohereUsage;
}

export interface ParseChatOptions {
  provider: string;
  model: string;
  warnings: WarningV1[];
}

/** Cohere answers `null` arguments for a tool without parameters. */
export function toolInputOf(text: unknown): string {
  return typeof text !== 'string' || text.trim() === '' || text.trim() === 'null' ? '{}' : text;
}

/**
 * A `POST /v2/chat` answer → the canonical response: thinking items as reasoning, text items, the tool
 * plan as text (it is what the model said before its calls), then the tool calls. `ERROR` and `TIMEOUT`
 * are failures (a retryable `UpstreamError`), not answers.
 */
export function parseCohereChatResponse(answer: CohereChatAnswer, options: ParseChatOptions): ChatResponseV1 {
  const raw = typeof answer.finish_reason === 'string' ? answer.finish_reason : undefined;
  const where = `${options.provider} (${options.model})`;
  if (isCohereFailure(raw)) {
    throw new UpstreamError(`Upstream ${where} ended the generation with ${raw}.`, {
      code: raw === 'TIMEOUT' ? 'upstream_timeout' : 'upstream_generation_error',
      isRetryable: true,
      provider: options.provider,
      model: options.model,
    });
  }
  const message = answer.message;
  if (typeof message !== 'object' || message === null) {
    throw new UpstreamError(`Upstream ${where} sent a chat answer without a message.`, {
      code: 'upstream_malformed_response',
      isRetryable: true,
      provider: options.provider,
      model: options.model,
    });
  }
  const content: ResponseContentPartV1[] = [];
  for (const item of Array.isArray(message.content) ? (message.content as Record<string, unknown>[]) : []) {
    if (item.type === 'thinking' && typeof item.thinking === 'string' && item.thinking.length > 0) {
      content.push({ type: 'reasoning', text: item.thinking });
    } else if (item.type === 'text' && typeof item.text === 'string' && item.text.length > 0) {
      content.push({ type: 'text', text: item.text });
    }
  }
  if (typeof message.tool_plan === 'string' && message.tool_plan.length > 0) content.push({ type: 'text', text: message.tool_plan });
  const calls = Array.isArray(message.tool_calls)
    ? (message.tool_calls as { id?: unknown; function?: { name?: unknown; arguments?: unknown } }[])
    : [];
  calls.forEach((call, index) => {
    const name = call.function?.name;
    if (typeof name !== 'string' || name === '') return;
    content.push({
      type: 'tool-call',
      toolCallId: typeof call.id === 'string' && call.id !== '' ? call.id : `${name}_${index}`,
      toolName: name,
      input: toolInputOf(call.function?.arguments),
    });
  });
  const usage = convertCohereUsage(answer.usage);
  const cohere = {
    ...cohereUsageMetadata(answer.usage),
    ...(Array.isArray(message.citations) && message.citations.length > 0 ? { citations: message.citations } : {}),
  };
  return {
    content,
    finishReason: mapCohereFinishReason(
      raw,
      content.some((part) => part.type === 'tool-call'),
    ),
    ...(usage === undefined ? {} : { usage }),
    metadata: { ...(typeof answer.id === 'string' ? { id: answer.id } : {}), model: options.model },
    warnings: options.warnings,
    ...(Object.keys(cohere).length === 0 ? {} : { providerMetadata: { cohere } }),
  };
}
