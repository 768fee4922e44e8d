import type { MockAnswer } from './mock-answer.js';
import { splitFragments } from './split-fragments.js';

/**
 * The chunks of a streamed answer, in order, without the final `[DONE]`: a role chunk with empty
 * content, content fragments, tool-call deltas (the first of each call carries index, id, type, name
 * and empty arguments; later ones only index and an argument fragment), a finishing chunk with an
 * empty delta, and — only with `includeUsage` — a usage chunk with no choices. With `includeUsage`
 * every other chunk carries `usage: null`, as OpenAI does.
 */
export function chatCompletionChunks(answer: MockAnswer, includeUsage: boolean): Record<string, unknown>[] {
  const chunk = (delta: Record<string, unknown>, finishReason: string | null = null): Record<string, unknown> => {
    const body: Record<string, unknown> = {
      id: answer.id,
      object: 'chat.completion.chunk',
      created: answer.created,
      model: answer.model,
      service_tier: 'default',
      system_fingerprint: 'fp_modelgate_mock',
      choices: [{ index: 0, delta, logprobs: null, finish_reason: finishReason }],
    };
    if (includeUsage) body['usage'] = null;
    return body;
  };

  const chunks = [chunk({ role: 'assistant', content: '', refusal: null })];
  for (const fragment of splitFragments(answer.content ?? '')) chunks.push(chunk({ content: fragment }));
  answer.toolCalls.forEach((call, index) => {
    chunks.push(
      chunk({
        tool_calls: [{ index, id: call.id, type: 'function', function: { name: call.name, arguments: '' } }],
      }),
    );
    for (const fragment of splitFragments(call.arguments)) {
      chunks.push(chunk({ tool_calls: [{ index, function: { arguments: fragment } }] }));
    }
  });
  chunks.push(chunk({}, answer.finishReason));
  if (includeUsage) {
    const usageChunk = chunk({});
    usageChunk['choices'] = [];
    usageChunk['usage'] = answer.usage;
    chunks.push(usageChunk);
  }
  return chunks;
}
