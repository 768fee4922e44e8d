import type { ChatResponseV1, ResponseContentPartV1, WarningV1 } from '@modelgate/core';
import { signatureOptions } from './gemini-provider-options.js';
import { generateToolCallId } from './gemini-tool-call-id.js';
import type { GeminiPart, GeminiResponse } from './gemini-wire.js';
import { mapGeminiFinishReason } from './map-gemini-finish-reason.js';
import { normalizeGeminiUsage } from './normalize-gemini-usage.js';

/** A function call as a canonical tool call; `ordinal` counts the calls of the answer, for generated ids. */
export function toolCallOf(part: GeminiPart, ordinal: number): Extract<ResponseContentPartV1, { type: 'tool-call' }> {
  const call = part.functionCall!;
  const input = JSON.stringify(call.args ?? {});
  return {
    type: 'tool-call',
    toolCallId: call.id !== undefined && call.id !== '' ? call.id : generateToolCallId(ordinal, call.name, input),
    toolName: call.name,
    input,
    ...signatureOptions(part.thoughtSignature),
  };
}

/**
 * A whole `generateContent` answer as a canonical response: the first candidate's parts in order
 * (thoughts as reasoning, text, function calls as tool calls, inline data as files), each with its
 * thought signature; the finish reason read after the content; a prompt blocked before any
 * candidate (`promptFeedback.blockReason`) is an empty `content-filter` answer.
 */
export function parseGeminiResponse(value: GeminiResponse, warnings: WarningV1[]): ChatResponseV1 {
  const candidate = value.candidates?.[0];
  const content: ResponseContentPartV1[] = [];
  let calls = 0;
  for (const part of candidate?.content?.parts ?? []) {
    if (part.functionCall !== undefined) {
      content.push(toolCallOf(part, calls));
      calls += 1;
    } else if (typeof part.text === 'string') {
      if (part.text === '' && part.thoughtSignature === undefined) continue;
      content.push(
        part.thought === true
          ? { type: 'reasoning', text: part.text, ...signatureOptions(part.thoughtSignature) }
          : { type: 'text', text: part.text, ...signatureOptions(part.thoughtSignature) },
      );
    } else if (part.inlineData !== undefined) {
      content.push({
        type: 'file',
        source: { type: 'data', data: part.inlineData.data },
        mediaType: part.inlineData.mimeType,
        ...signatureOptions(part.thoughtSignature),
      });
    }
  }
  const blocked = candidate === undefined ? value.promptFeedback?.blockReason : undefined;
  const finishReason =
    blocked !== undefined
      ? { unified: 'content-filter' as const, raw: blocked }
      : mapGeminiFinishReason(candidate?.finishReason, calls > 0);
  const usage = normalizeGeminiUsage(value.usageMetadata);
  const created = value.createTime === undefined ? undefined : Math.floor(Date.parse(value.createTime) / 1000);
  return {
    content,
    finishReason,
    ...(usage === undefined ? {} : { usage }),
    metadata: {
      ...(value.responseId === undefined ? {} : { id: value.responseId }),
      ...(value.modelVersion === undefined ? {} : { model: value.modelVersion }),
      ...(created === undefined || Number.isNaN(created) ? {} : { created }),
    },
    warnings,
  };
}
