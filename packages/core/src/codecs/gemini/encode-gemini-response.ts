import type { ChatResponseV1, FinishReasonV1, UsageV1 } from '../../specification/chat/chat-response-v1.js';
import type { EncodeContextV1 } from '../../specification/chat-codec-v1.js';
import type { ProviderOptionsV1 } from '../../specification/chat/chat-content-v1.js';
import type { GeminiFinishReason, GeminiGenerateContentResponse, GeminiResponsePart, GeminiUsageMetadata } from './gemini-wire-types.js';

/** Gemini's `finishReason`: a tool call is a normal stop there (clients look for the function calls). */
export function mapGeminiFinishReason(finishReason: FinishReasonV1): GeminiFinishReason {
  switch (finishReason.unified) {
    case 'stop':
    case 'tool-calls':
      return 'STOP';
    case 'length':
      return 'MAX_TOKENS';
    case 'content-filter':
      return 'SAFETY';
    default:
      return 'OTHER';
  }
}

/** Canonical usage in Gemini's meaning: `candidatesTokenCount` excludes the thoughts, which are counted apart. */
export function encodeGeminiUsage(usage: UsageV1 | undefined): GeminiUsageMetadata {
  if (usage === undefined) return { promptTokenCount: 0, candidatesTokenCount: 0, totalTokenCount: 0 };
  const thoughts = usage.reasoningTokens ?? 0;
  return {
    promptTokenCount: usage.inputTokens,
    candidatesTokenCount: Math.max(0, usage.outputTokens - thoughts),
    ...(thoughts > 0 ? { thoughtsTokenCount: thoughts } : {}),
    ...(usage.cacheReadTokens !== undefined && usage.cacheReadTokens > 0 ? { cachedContentTokenCount: usage.cacheReadTokens } : {}),
    totalTokenCount: usage.totalTokens,
  };
}

/** A tool call's JSON text as the object Gemini's `args` must be (`{}` for an empty or non-object text). */
export function functionArgs(input: string): Record<string, unknown> {
  if (input.trim() === '') return {};
  try {
    const value: unknown = JSON.parse(input);
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

/** The signature a part brought back from a Gemini backend, so that the client can send it on the next turn. */
export function thoughtSignatureOf(options: ProviderOptionsV1 | undefined): { thoughtSignature?: string } {
  const signature = options?.google?.thoughtSignature;
  return typeof signature === 'string' && signature.length > 0 ? { thoughtSignature: signature } : {};
}

/** A response id in Gemini's form: the upstream's own, else the request id. */
export function geminiResponseId(upstreamId: string | undefined, requestId: string): string {
  return upstreamId ?? requestId;
}

/** A canonical answer as Gemini's `GenerateContentResponse`, one candidate with its parts in the model's order. */
export function encodeGeminiResponse(response: ChatResponseV1, context: EncodeContextV1<unknown>): GeminiGenerateContentResponse {
  const parts: GeminiResponsePart[] = [];
  for (const part of response.content) {
    if (part.type === 'text') parts.push({ text: part.text, ...thoughtSignatureOf(part.providerOptions) });
    else if (part.type === 'reasoning') {
      // An Anthropic-style signature is the part's own; a Gemini backend's rides in its provider options.
      const signature = part.signature ?? thoughtSignatureOf(part.providerOptions).thoughtSignature;
      parts.push({ text: part.text, thought: true, ...(signature === undefined ? {} : { thoughtSignature: signature }) });
    } else if (part.type === 'tool-call') {
      parts.push({
        functionCall: { id: part.toolCallId, name: part.toolName, args: functionArgs(part.input) },
        ...thoughtSignatureOf(part.providerOptions),
      });
    }
    // Generated files have no part in this answer.
  }
  return {
    candidates: [{ content: { role: 'model', parts }, finishReason: mapGeminiFinishReason(response.finishReason), index: 0 }],
    usageMetadata: encodeGeminiUsage(response.usage),
    modelVersion: response.metadata.model ?? context.model,
    responseId: geminiResponseId(response.metadata.id, context.requestId),
  };
}
