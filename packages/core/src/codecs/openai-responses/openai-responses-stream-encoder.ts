import type { ResponseContentPartV1 } from '../../specification/chat/chat-content-v1.js';
import type { ChatStreamPartV1 } from '../../specification/chat/chat-stream-part-v1.js';
import type { ChatStreamEncoderV1, EncodeContextV1 } from '../../specification/chat-codec-v1.js';
import type { NativeStreamPartV1 } from '../../specification/provider-v1.js';
import { openAIErrorBodyOf } from '../openai/openai-error-body.js';
import { remainingToolInput } from '../remaining-tool-input.js';
import {
  applyFinishReason,
  encodeReasoningItem,
  openAIResponseShell,
  type OpenAIResponsesEncoding,
} from './encode-openai-responses-response.js';
import { openAIResponsesId } from './openai-responses-ids.js';
import { encodeOpenAIResponsesUsage } from './openai-responses-usage.js';
import type {
  OpenAIResponsesOutputFunctionCall,
  OpenAIResponsesOutputItem,
  OpenAIResponsesOutputMessage,
  OpenAIResponsesOutputReasoning,
  OpenAIResponsesResponse,
} from './openai-responses-wire-types.js';

/** A finished answer: the `response` object the client received last, and (canonical path) its canonical content. */
export interface CompletedOpenAIResponse {
  response: OpenAIResponsesResponse;
  /** Absent for a forwarded stream: the caller reads the content from `response.output`. */
  content?: ResponseContentPartV1[];
}

type Block =
  | {
      kind: 'text';
      index: number;
      item: OpenAIResponsesOutputMessage;
      part: Extract<ResponseContentPartV1, { type: 'text' }>;
      open: boolean;
    }
  | {
      kind: 'reasoning';
      index: number;
      item: OpenAIResponsesOutputReasoning;
      part: Extract<ResponseContentPartV1, { type: 'reasoning' }>;
      open: boolean;
      summaryStarted: boolean;
    }
  | { kind: 'call'; index: number; item: OpenAIResponsesOutputFunctionCall; open: boolean };

/** A response's own error codes: the SDK types list `server_error` and `rate_limit_exceeded` among them. */
function responseErrorOf(error: unknown): { code: string; message: string } {
  const { status, body } = openAIErrorBodyOf(error);
  return { code: status === 429 ? 'rate_limit_exceeded' : 'server_error', message: body.error.message };
}

/**
 * Canonical stream parts → the Responses API's typed server-sent events, each with its
 * `sequence_number`: `response.created` and `response.in_progress` first; per text, reasoning and tool
 * input block an output item (`output_item.added` … `output_item.done`) with its content, summary or
 * argument events; then `response.completed` (or `response.incomplete`). A failure is
 * `response.failed`, and nothing follows it. Forwarded events (OpenAI upstream) go out as they came.
 */
export class OpenAIResponsesStreamEncoder implements ChatStreamEncoderV1 {
  readonly contentType = 'text/event-stream; charset=utf-8';
  private sequence = 0;
  private started = false;
  private model: string;
  private readonly output: OpenAIResponsesOutputItem[] = [];
  private readonly content: ResponseContentPartV1[] = [];
  private readonly blocks = new Map<string, Block>();
  /** The `response` of the first forwarded event, for a failure the gateway reports itself. */
  private forwarded: OpenAIResponsesResponse | undefined;

  constructor(
    private readonly context: EncodeContextV1<OpenAIResponsesEncoding>,
    private readonly onComplete?: (completed: CompletedOpenAIResponse) => void,
  ) {
    this.model = context.model;
  }

  part(part: ChatStreamPartV1): string {
    if (part.type === 'error') return this.error(part.error);
    // The stream opens at the first part with content, so that `response.created` names the provider's model.
    if (part.type === 'stream-start' || part.type === 'raw') return '';
    if (part.type === 'response-metadata') {
      if (part.model !== undefined) this.model = part.model;
      return '';
    }
    let text = this.start();
    switch (part.type) {
      case 'text-start':
        this.openText(part.id);
        text += this.added(part.id);
        break;
      case 'text-delta': {
        if (!this.blocks.has(part.id)) text += this.openText(part.id) + this.added(part.id);
        const block = this.blocks.get(part.id);
        if (block?.kind !== 'text' || part.delta.length === 0) break;
        block.part.text += part.delta;
        text += this.event('response.output_text.delta', {
          item_id: block.item.id,
          output_index: block.index,
          content_index: 0,
          delta: part.delta,
          logprobs: [],
        });
        break;
      }
      case 'reasoning-start': {
        const reasoning: Extract<ResponseContentPartV1, { type: 'reasoning' }> = { type: 'reasoning', text: '' };
        if (part.redactedData !== undefined) reasoning.redactedData = part.redactedData;
        if (part.providerOptions !== undefined) reasoning.providerOptions = part.providerOptions;
        const item = encodeReasoningItem(reasoning, 'in_progress');
        const block: Block = { kind: 'reasoning', index: this.output.length, item, part: reasoning, open: true, summaryStarted: false };
        this.track(part.id, block, reasoning);
        text += this.event('response.output_item.added', { output_index: block.index, item: { ...item, summary: [] } });
        break;
      }
      case 'reasoning-delta': {
        const block = this.blocks.get(part.id);
        if (block?.kind !== 'reasoning' || part.delta.length === 0) break;
        if (!block.summaryStarted) {
          block.summaryStarted = true;
          text += this.event('response.reasoning_summary_part.added', {
            item_id: block.item.id,
            output_index: block.index,
            summary_index: 0,
            part: { type: 'summary_text', text: '' },
          });
        }
        block.part.text += part.delta;
        text += this.event('response.reasoning_summary_text.delta', {
          item_id: block.item.id,
          output_index: block.index,
          summary_index: 0,
          delta: part.delta,
        });
        break;
      }
      case 'reasoning-signature': {
        const block = this.blocks.get(part.id);
        if (block?.kind === 'reasoning') block.part.signature = part.signature;
        break;
      }
      case 'text-end':
      case 'reasoning-end': {
        const block = this.blocks.get(part.id);
        if (block?.kind === 'reasoning' && part.type === 'reasoning-end' && part.providerOptions !== undefined) {
          block.part.providerOptions = { ...block.part.providerOptions, ...part.providerOptions };
        }
        text += this.close(part.id);
        break;
      }
      case 'tool-input-start':
        this.openCall(part.id, part.toolName);
        text += this.added(part.id);
        break;
      case 'tool-input-delta': {
        const block = this.blocks.get(part.id);
        if (block?.kind !== 'call' || part.delta.length === 0) break;
        block.item.arguments += part.delta;
        text += this.event('response.function_call_arguments.delta', {
          item_id: block.item.id,
          output_index: block.index,
          delta: part.delta,
        });
        break;
      }
      case 'tool-call': {
        if (!this.blocks.has(part.toolCallId)) text += this.openCall(part.toolCallId, part.toolName) + this.added(part.toolCallId);
        const block = this.blocks.get(part.toolCallId);
        if (block?.kind !== 'call') break;
        // What the deltas left out (all of it for a call that came whole), so that they add up to `.done`'s arguments.
        const rest = remainingToolInput(block.item.arguments, part.input);
        if (rest.length > 0) {
          text += this.event('response.function_call_arguments.delta', { item_id: block.item.id, output_index: block.index, delta: rest });
        }
        block.item.arguments = part.input;
        this.content.push({
          type: 'tool-call',
          toolCallId: part.toolCallId,
          toolName: part.toolName,
          input: part.input,
          ...(part.providerOptions === undefined ? {} : { providerOptions: part.providerOptions }),
        });
        text += this.close(part.toolCallId);
        break;
      }
      case 'finish': {
        for (const id of this.blocks.keys()) text += this.close(id);
        const response = this.snapshot('completed');
        applyFinishReason(response, part.finishReason);
        if (part.usage !== undefined) response.usage = encodeOpenAIResponsesUsage(part.usage);
        text += this.event(response.status === 'incomplete' ? 'response.incomplete' : 'response.completed', { response });
        this.onComplete?.({ response, content: this.content });
        break;
      }
      default:
        break;
    }
    return text;
  }

  native(part: NativeStreamPartV1): string {
    if (part.type === 'error') return this.error(part.error);
    if (part.type === 'finish') return '';
    if (part.type === 'event') return this.forward(part.data, part.event);
    let text = '';
    for (const data of part.data) text += this.forward(data, part.event);
    return text;
  }

  /** One forwarded event: the response it starts or completes is kept for the error event and the hook. */
  private forward(data: string, event: string | undefined): string {
    this.started = true;
    this.sequence += 1;
    if (this.forwarded === undefined && (event === 'response.created' || this.sequence === 1)) {
      this.forwarded = (JSON.parse(data) as { response?: OpenAIResponsesResponse }).response;
    }
    if (this.onComplete !== undefined && (event === 'response.completed' || event === 'response.incomplete')) {
      const response = (JSON.parse(data) as { response?: OpenAIResponsesResponse }).response;
      if (response !== undefined) this.onComplete({ response });
    }
    return `${event === undefined ? '' : `event: ${event}\n`}data: ${data}\n\n`;
  }

  error(error: unknown): string {
    const text = this.start();
    const response: OpenAIResponsesResponse =
      this.forwarded === undefined ? this.snapshot('failed') : { ...this.forwarded, status: 'failed', usage: null };
    response.error = responseErrorOf(error);
    return text + this.event('response.failed', { response });
  }

  /** `response.created` and `response.in_progress`, before anything else. */
  private start(): string {
    if (this.started) return '';
    this.started = true;
    const response = openAIResponseShell(this.context, this.model, 'in_progress');
    return this.event('response.created', { response }) + this.event('response.in_progress', { response });
  }

  private snapshot(status: OpenAIResponsesResponse['status']): OpenAIResponsesResponse {
    const response = openAIResponseShell(this.context, this.model, status);
    response.output = this.output.map((item) => structuredClone(item));
    return response;
  }

  private track(id: string, block: Block, content?: ResponseContentPartV1): void {
    this.blocks.set(id, block);
    this.output.push(block.item);
    if (content !== undefined) this.content.push(content);
  }

  private openText(id: string): string {
    const item: OpenAIResponsesOutputMessage = {
      type: 'message',
      id: openAIResponsesId('msg'),
      role: 'assistant',
      status: 'in_progress',
      content: [],
    };
    const part = { type: 'text' as const, text: '' };
    this.track(id, { kind: 'text', index: this.output.length, item, part, open: true }, part);
    return '';
  }

  private openCall(id: string, name: string): string {
    const item: OpenAIResponsesOutputFunctionCall = {
      type: 'function_call',
      id: openAIResponsesId('fc'),
      call_id: id,
      name,
      arguments: '',
      status: 'in_progress',
    };
    this.track(id, { kind: 'call', index: this.output.length, item, open: true });
    return '';
  }

  /** `output_item.added` (and, for a message, its one `output_text` part). */
  private added(id: string): string {
    const block = this.blocks.get(id)!;
    let text = this.event('response.output_item.added', { output_index: block.index, item: structuredClone(block.item) });
    if (block.kind === 'text') {
      text += this.event('response.content_part.added', {
        item_id: block.item.id,
        output_index: block.index,
        content_index: 0,
        part: { type: 'output_text', text: '', annotations: [] },
      });
    }
    return text;
  }

  /** The `done` events of a block, once. */
  private close(id: string): string {
    const block = this.blocks.get(id);
    if (block === undefined || !block.open) return '';
    block.open = false;
    let text = '';
    const base = { item_id: block.item.id, output_index: block.index };
    if (block.kind === 'text') {
      const part = { type: 'output_text' as const, text: block.part.text, annotations: [] };
      text += this.event('response.output_text.done', { ...base, content_index: 0, text: part.text, logprobs: [] });
      text += this.event('response.content_part.done', { ...base, content_index: 0, part });
      block.item.content = [part];
    } else if (block.kind === 'reasoning') {
      const done = encodeReasoningItem(block.part, 'completed');
      if (block.summaryStarted) {
        const part = { type: 'summary_text' as const, text: block.part.text };
        text += this.event('response.reasoning_summary_text.done', { ...base, summary_index: 0, text: part.text });
        text += this.event('response.reasoning_summary_part.done', { ...base, summary_index: 0, part });
      }
      block.item.summary = done.summary;
      if (done.encrypted_content !== undefined) block.item.encrypted_content = done.encrypted_content;
    } else {
      text += this.event('response.function_call_arguments.done', { ...base, name: block.item.name, arguments: block.item.arguments });
    }
    block.item.status = 'completed';
    text += this.event('response.output_item.done', { output_index: block.index, item: structuredClone(block.item) });
    return text;
  }

  private event(type: string, fields: Record<string, unknown>): string {
    const data = JSON.stringify({ type, sequence_number: this.sequence, ...fields });
    this.sequence += 1;
    return `event: ${type}\ndata: ${data}\n\n`;
  }
}
