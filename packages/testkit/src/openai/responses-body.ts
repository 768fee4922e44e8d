import type { MockAnswer } from './mock-answer.js';
import { randomId } from './mock-answer.js';

/** The parts of a Responses answer that both the whole body and the stream are built from. */
export interface MockResponsesAnswer {
  answer: MockAnswer;
  id: string;
  messageId: string;
  callItemIds: string[];
  /** The request's settings a `response` object repeats. */
  request: Record<string, unknown>;
}

export function resolveResponsesAnswer(answer: MockAnswer, request: Record<string, unknown>): MockResponsesAnswer {
  return {
    answer,
    id: randomId('resp_', 48),
    messageId: randomId('msg_', 48),
    callItemIds: answer.toolCalls.map(() => randomId('fc_', 48)),
    request,
  };
}

/** The usage object of the Responses API, from the chat usage of the answer. */
export function responsesUsage(answer: MockAnswer): Record<string, unknown> {
  const { usage } = answer;
  return {
    input_tokens: usage.prompt_tokens,
    input_tokens_details: { cached_tokens: usage.prompt_tokens_details.cached_tokens },
    output_tokens: usage.completion_tokens,
    output_tokens_details: { reasoning_tokens: usage.completion_tokens_details.reasoning_tokens },
    total_tokens: usage.total_tokens,
  };
}

export function responsesMessageItem(resolved: MockResponsesAnswer, status: 'in_progress' | 'completed'): Record<string, unknown> {
  const text = resolved.answer.content ?? '';
  return {
    id: resolved.messageId,
    type: 'message',
    status,
    role: 'assistant',
    content: status === 'in_progress' ? [] : [{ type: 'output_text', text, annotations: [], logprobs: [] }],
  };
}

export function responsesCallItem(
  resolved: MockResponsesAnswer,
  index: number,
  status: 'in_progress' | 'completed',
): Record<string, unknown> {
  const call = resolved.answer.toolCalls[index]!;
  return {
    id: resolved.callItemIds[index],
    type: 'function_call',
    status,
    arguments: status === 'in_progress' ? '' : call.arguments,
    call_id: call.id,
    name: call.name,
  };
}

/** The output items of the finished answer: the message (when there is text), then one `function_call` per call. */
export function responsesOutput(resolved: MockResponsesAnswer): Record<string, unknown>[] {
  const output: Record<string, unknown>[] = [];
  if (resolved.answer.content !== null && resolved.answer.content !== '') output.push(responsesMessageItem(resolved, 'completed'));
  resolved.answer.toolCalls.forEach((_call, index) => output.push(responsesCallItem(resolved, index, 'completed')));
  return output;
}

/**
 * A `response` object as OpenAI sends it: in progress (no output, no usage), or finished (`completed`,
 * or `incomplete` for a length or content-filter stop) with its output and usage.
 */
export function responsesBody(resolved: MockResponsesAnswer, phase: 'in_progress' | 'finished' | 'failed'): Record<string, unknown> {
  const { answer, request } = resolved;
  const finished = phase === 'finished';
  const incomplete = finished && (answer.finishReason === 'length' || answer.finishReason === 'content_filter');
  return {
    id: resolved.id,
    object: 'response',
    created_at: answer.created,
    status: phase === 'failed' ? 'failed' : phase === 'in_progress' ? 'in_progress' : incomplete ? 'incomplete' : 'completed',
    background: false,
    error: phase === 'failed' ? { code: 'server_error', message: 'The server had an error while processing your request.' } : null,
    incomplete_details: incomplete ? { reason: answer.finishReason === 'length' ? 'max_output_tokens' : 'content_filter' } : null,
    instructions: request['instructions'] ?? null,
    max_output_tokens: request['max_output_tokens'] ?? null,
    model: answer.model,
    output: finished ? responsesOutput(resolved) : [],
    parallel_tool_calls: request['parallel_tool_calls'] ?? true,
    previous_response_id: request['previous_response_id'] ?? null,
    reasoning: { effort: null, summary: null },
    service_tier: 'default',
    store: request['store'] ?? true,
    temperature: request['temperature'] ?? 1,
    text: request['text'] ?? { format: { type: 'text' }, verbosity: 'medium' },
    tool_choice: request['tool_choice'] ?? 'auto',
    tools: request['tools'] ?? [],
    top_p: request['top_p'] ?? 1,
    truncation: 'disabled',
    usage: finished ? responsesUsage(answer) : null,
    user: null,
    metadata: request['metadata'] ?? {},
  };
}
