import type { ChatStreamPartV1, ModelgateError, OpenAIChatCompletionChunk, WarningV1 } from '@modelgate/core';
import { mapOpenAICompatibleFinishReason } from './map-openai-compatible-finish-reason.js';
import { OpenAICompatibleChunkNormalizer } from './openai-compatible-chunk-normalizer.js';
import { parseOpenAICompatibleEvent, type OpenAICompatibleStreamHandler, type ReadStreamOptions } from './read-openai-compatible-stream.js';

interface ToolInput {
  id: string;
  name: string;
  input: string;
}

/**
 * OpenAI-style chunks → canonical stream parts: `stream-start` with the request's warnings, the
 * response metadata from the first chunk, text and reasoning blocks (a block ends when the other kind
 * starts, or at the end), one tool-input block per call (its deltas, then `tool-input-end` and the
 * complete `tool-call` at the end), then `finish`. Only choice 0 is read.
 */
export class OpenAICompatibleStreamParts implements OpenAICompatibleStreamHandler<ChatStreamPartV1> {
  private readonly normalizer: OpenAICompatibleChunkNormalizer;
  private started = false;
  private described = false;
  private open: 'text' | 'reasoning' | undefined;
  private blocks = 0;
  private readonly tools = new Map<number, ToolInput>();

  constructor(
    private readonly options: ReadStreamOptions & { includeRaw?: boolean | undefined },
    private readonly warnings: WarningV1[],
  ) {
    this.normalizer = new OpenAICompatibleChunkNormalizer(options.model);
  }

  event(data: string, out: ChatStreamPartV1[]): void {
    this.value(parseOpenAICompatibleEvent(data, this.options), out);
  }

  /** One parsed event; for hosts whose events need a translation between parsing and mapping. */
  value(value: Record<string, unknown>, out: ChatStreamPartV1[]): void {
    if (this.options.includeRaw === true) out.push({ type: 'raw', value });
    const chunk = this.normalizer.normalize(value);
    if (!this.started) this.start(out);
    if (chunk === undefined) return;
    if (!this.described) {
      // From the first chunk with something in it: a chunk dropped as empty has no real envelope.
      this.described = true;
      out.push({ type: 'response-metadata', id: chunk.id, model: chunk.model, created: chunk.created });
    }
    this.map(chunk, out);
  }

  done(out: ChatStreamPartV1[]): void {
    if (!this.started) this.start(out);
    for (const chunk of this.normalizer.finish()) this.map(chunk, out);
    this.close(out);
    for (const tool of this.tools.values()) {
      out.push({ type: 'tool-input-end', id: tool.id });
      out.push({ type: 'tool-call', toolCallId: tool.id, toolName: tool.name, input: tool.input });
    }
    const finishReason = mapOpenAICompatibleFinishReason(this.normalizer.rawFinishReason, this.tools.size > 0);
    const { usage } = this.normalizer;
    out.push(usage === undefined ? { type: 'finish', finishReason } : { type: 'finish', finishReason, usage });
  }

  error(error: ModelgateError): ChatStreamPartV1 {
    return { type: 'error', error };
  }

  private start(out: ChatStreamPartV1[]): void {
    this.started = true;
    out.push({ type: 'stream-start', warnings: this.warnings });
  }

  private map(chunk: OpenAIChatCompletionChunk, out: ChatStreamPartV1[]): void {
    const choice = chunk.choices.find((each) => each.index === 0);
    if (choice === undefined) return;
    const { delta } = choice;
    if (typeof delta.reasoning_content === 'string' && delta.reasoning_content.length > 0)
      this.delta('reasoning', delta.reasoning_content, out);
    if (typeof delta.content === 'string' && delta.content.length > 0) this.delta('text', delta.content, out);
    if (typeof delta.refusal === 'string' && delta.refusal.length > 0) this.delta('text', delta.refusal, out);
    for (const call of delta.tool_calls ?? []) {
      let tool = this.tools.get(call.index);
      if (tool === undefined) {
        this.close(out);
        tool = { id: call.id ?? `call_${call.index}`, name: call.function?.name ?? '', input: '' };
        this.tools.set(call.index, tool);
        out.push({ type: 'tool-input-start', id: tool.id, toolName: tool.name });
      }
      const fragment = call.function?.arguments ?? '';
      if (fragment.length > 0) {
        tool.input += fragment;
        out.push({ type: 'tool-input-delta', id: tool.id, delta: fragment });
      }
    }
  }

  private delta(kind: 'text' | 'reasoning', delta: string, out: ChatStreamPartV1[]): void {
    if (this.open !== kind) {
      this.close(out);
      this.open = kind;
      this.blocks += 1;
      out.push({ type: kind === 'text' ? 'text-start' : 'reasoning-start', id: `${kind}-${this.blocks}` });
    }
    out.push({ type: kind === 'text' ? 'text-delta' : 'reasoning-delta', id: `${kind}-${this.blocks}`, delta });
  }

  private close(out: ChatStreamPartV1[]): void {
    if (this.open === undefined) return;
    out.push({ type: this.open === 'text' ? 'text-end' : 'reasoning-end', id: `${this.open}-${this.blocks}` });
    this.open = undefined;
  }
}
