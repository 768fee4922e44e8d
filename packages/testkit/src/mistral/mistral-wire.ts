import type { ConformanceToolCall, ConformanceUsage } from '../conformance/conformance-upstream.js';
import { randomId, estimatePromptTokens } from '../openai/mock-answer.js';
import { embeddingInputs, mockEmbedding } from '../openai/mock-embedding.js';
import { splitFragments } from '../openai/split-fragments.js';

/** An answer resolved for one request, from which both Mistral wire forms are written. */
export interface MistralAnswer {
  id: string;
  created: number;
  model: string;
  /** Magistral's thinking, sent as a `thinking` content chunk before the text. */
  reasoning?: string;
  text: string;
  toolCalls: { id: string; name: string; arguments: string }[];
  finishReason: 'stop' | 'length' | 'model_length' | 'tool_calls' | 'error';
  usage: { prompt_tokens: number; completion_tokens: number; total_tokens: number };
}

/** The dimensions of `mistral-embed`. */
export const mistralEmbeddingDimensions = 1024;

/** Mistral's own tool-call ids: 9 letters and digits. */
export function mistralToolCallId(): string {
  return randomId('', 9);
}

export function resolveMistralAnswer(
  request: Record<string, unknown>,
  answer: {
    text?: string;
    reasoning?: string;
    calls?: readonly ConformanceToolCall[];
    usage?: ConformanceUsage;
    finishReason?: MistralAnswer['finishReason'];
  },
): MistralAnswer {
  const text = answer.text ?? '';
  const toolCalls = (answer.calls ?? []).map((call) => ({ id: call.id ?? mistralToolCallId(), name: call.name, arguments: call.input }));
  const prompt = answer.usage?.inputTokens ?? estimatePromptTokens(request['messages']);
  const completion =
    answer.usage?.outputTokens ??
    Math.max(1, splitFragments(text).length + toolCalls.reduce((sum, call) => sum + Math.ceil(call.arguments.length / 4), 0));
  return {
    id: randomId('', 32).toLowerCase(),
    created: Math.floor(Date.now() / 1000),
    model: typeof request['model'] === 'string' ? request['model'] : 'mistral-small-latest',
    ...(answer.reasoning === undefined ? {} : { reasoning: answer.reasoning }),
    text,
    toolCalls,
    finishReason: answer.finishReason ?? (toolCalls.length > 0 ? 'tool_calls' : 'stop'),
    usage: { prompt_tokens: prompt, completion_tokens: completion, total_tokens: prompt + completion },
  };
}

function thinkingChunk(text: string): Record<string, unknown> {
  return { type: 'thinking', thinking: [{ type: 'text', text }] };
}

function wireToolCalls(answer: MistralAnswer): Record<string, unknown>[] {
  return answer.toolCalls.map((call, index) => ({ id: call.id, function: { name: call.name, arguments: call.arguments }, index }));
}

/** The non-stream answer as Mistral sends it (content chunks when there is thinking, else a string). */
export function mistralCompletionBody(answer: MistralAnswer): Record<string, unknown> {
  const content = answer.reasoning === undefined ? answer.text : [thinkingChunk(answer.reasoning), { type: 'text', text: answer.text }];
  return {
    id: answer.id,
    object: 'chat.completion',
    model: answer.model,
    usage: answer.usage,
    created: answer.created,
    choices: [
      {
        index: 0,
        message: { role: 'assistant', content, tool_calls: answer.toolCalls.length > 0 ? wireToolCalls(answer) : null, prefix: false },
        finish_reason: answer.finishReason,
      },
    ],
  };
}

/**
 * The stream's chunks as Mistral sends them: a role chunk, content fragments (thinking as content
 * chunks), every tool call whole in one chunk, and a last chunk with the finish reason AND the usage
 * (Mistral needs no `stream_options`). `[DONE]` follows.
 */
export function mistralStreamChunks(answer: MistralAnswer): Record<string, unknown>[] {
  const chunk = (delta: Record<string, unknown>, finishReason: string | null = null, usage?: MistralAnswer['usage']) => ({
    id: answer.id,
    object: 'chat.completion.chunk',
    created: answer.created,
    model: answer.model,
    choices: [{ index: 0, delta, finish_reason: finishReason }],
    ...(usage === undefined ? {} : { usage }),
  });
  const chunks = [chunk({ role: 'assistant', content: '' })];
  for (const fragment of splitFragments(answer.reasoning ?? '')) chunks.push(chunk({ content: [thinkingChunk(fragment)] }));
  for (const fragment of splitFragments(answer.text)) chunks.push(chunk({ content: fragment }));
  if (answer.toolCalls.length > 0) chunks.push(chunk({ tool_calls: wireToolCalls(answer) }));
  chunks.push(chunk({ content: '' }, answer.finishReason, answer.usage));
  return chunks;
}

/** The `/v1/embeddings` answer: `output_dimension` floats per input (1024 by default, as `mistral-embed`). */
export function mistralEmbeddingBody(request: Record<string, unknown>): Record<string, unknown> {
  const dimension = request['output_dimension'];
  const dimensions = typeof dimension === 'number' && dimension > 0 ? dimension : mistralEmbeddingDimensions;
  const inputs = embeddingInputs(request['input']);
  const tokens = inputs.reduce(
    (sum, input) => sum + (typeof input === 'string' ? Math.max(1, input.split(/\s+/).length) : input.length),
    0,
  );
  return {
    id: randomId('', 32).toLowerCase(),
    object: 'list',
    data: inputs.map((input, index) => ({ object: 'embedding', embedding: mockEmbedding(input, dimensions), index })),
    model: request['model'],
    usage: { prompt_tokens: tokens, total_tokens: tokens, completion_tokens: 0 },
  };
}
