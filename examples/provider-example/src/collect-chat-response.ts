import { UpstreamError, type ChatResponseV1, type ChatStreamPartV1 } from '@modelgate/core';

/** Builds the answer of `generate` from stream parts (the example wire always streams); an `error` part is thrown. */
export async function collectChatResponse(parts: AsyncIterable<ChatStreamPartV1>): Promise<ChatResponseV1> {
  const response: ChatResponseV1 = { content: [], finishReason: { unified: 'other' }, metadata: {}, warnings: [] };
  for await (const part of parts) {
    const last = response.content.at(-1);
    if (part.type === 'stream-start') response.warnings.push(...part.warnings);
    else if (part.type === 'text-start') response.content.push({ type: 'text', text: '' });
    else if (part.type === 'text-delta' && last?.type === 'text') last.text += part.delta;
    else if (part.type === 'tool-call')
      response.content.push({ type: 'tool-call', toolCallId: part.toolCallId, toolName: part.toolName, input: part.input });
    else if (part.type === 'error') throw part.error;
    else if (part.type === 'finish') {
      response.finishReason = part.finishReason;
      if (part.usage) response.usage = part.usage;
      return response;
    }
  }
  throw new UpstreamError('The answer ended without a finish.');
}
