import type { MockResponsesAnswer } from './responses-body.js';
import { responsesBody, responsesCallItem, responsesMessageItem } from './responses-body.js';
import { splitFragments } from './split-fragments.js';

/** One server-sent event of the Responses API: an `event:` line with the type and the JSON data. */
function formatEvent(type: string, sequence: number, fields: Record<string, unknown>): string {
  return `event: ${type}\ndata: ${JSON.stringify({ type, sequence_number: sequence, ...fields })}\n\n`;
}

/**
 * The events of a streamed Responses answer, in OpenAI's order, each with its `sequence_number`:
 * `response.created`, `response.in_progress`, the message item (part added, text deltas, text done,
 * part done, item done), one item per function call (argument deltas and done), and the closing
 * `response.completed` (or `response.incomplete`). There is no `[DONE]`.
 */
export function responsesEvents(resolved: MockResponsesAnswer): string[] {
  const events: [string, Record<string, unknown>][] = [];
  events.push(['response.created', { response: responsesBody(resolved, 'in_progress') }]);
  events.push(['response.in_progress', { response: responsesBody(resolved, 'in_progress') }]);
  let outputIndex = 0;
  const text = resolved.answer.content ?? '';
  if (text !== '') {
    const base = { item_id: resolved.messageId, output_index: outputIndex, content_index: 0 };
    events.push(['response.output_item.added', { output_index: outputIndex, item: responsesMessageItem(resolved, 'in_progress') }]);
    events.push(['response.content_part.added', { ...base, part: { type: 'output_text', text: '', annotations: [], logprobs: [] } }]);
    for (const delta of splitFragments(text)) events.push(['response.output_text.delta', { ...base, delta, logprobs: [] }]);
    events.push(['response.output_text.done', { ...base, text, logprobs: [] }]);
    events.push(['response.content_part.done', { ...base, part: { type: 'output_text', text, annotations: [], logprobs: [] } }]);
    events.push(['response.output_item.done', { output_index: outputIndex, item: responsesMessageItem(resolved, 'completed') }]);
    outputIndex += 1;
  }
  resolved.answer.toolCalls.forEach((call, index) => {
    const base = { item_id: resolved.callItemIds[index], output_index: outputIndex };
    events.push(['response.output_item.added', { output_index: outputIndex, item: responsesCallItem(resolved, index, 'in_progress') }]);
    for (const delta of splitFragments(call.arguments)) events.push(['response.function_call_arguments.delta', { ...base, delta }]);
    events.push(['response.function_call_arguments.done', { ...base, name: call.name, arguments: call.arguments }]);
    events.push(['response.output_item.done', { output_index: outputIndex, item: responsesCallItem(resolved, index, 'completed') }]);
    outputIndex += 1;
  });
  const finished = responsesBody(resolved, 'finished');
  events.push([finished['status'] === 'incomplete' ? 'response.incomplete' : 'response.completed', { response: finished }]);
  return events.map(([type, fields], sequence) => formatEvent(type, sequence, fields));
}

/** The `response.failed` event that ends a stream cut by an upstream failure, numbered after `sent` events. */
export function responsesFailedEvent(
  resolved: MockResponsesAnswer,
  sent: number,
  error: { message: string; code?: string | null },
): string {
  const response = responsesBody(resolved, 'failed');
  response['error'] = { code: error.code ?? 'server_error', message: error.message };
  return formatEvent('response.failed', sent, { response });
}
