import { UpstreamError, type ChatStreamPartV1, type WarningV1 } from '@modelgate/core';
import { cohereUsageMetadata, convertCohereUsage, type CohereUsage } from './convert-cohere-usage.js';
import { isCohereFailure, mapCohereFinishReason } from './map-cohere-finish-reason.js';
import { toolInputOf } from './parse-cohere-chat-response.js';

interface ToolInput {
  id: string;
  name: string;
  input: string;
  ended: boolean;
}

interface CohereEvent {
  type?: unknown;
  id?: unknown;
  index?: unknown;
  delta?: {
    message?: {
      content?: { type?: unknown; text?: unknown; thinking?: unknown };
      tool_plan?: unknown;
      tool_calls?: { id?: unknown; function?: { name?: unknown; arguments?: unknown } };
    };
    finish_reason?: unknown;
    usage?: CohereUsage;
    error?: unknown;
  };
}

export interface CohereStreamOptions {
  provider: string;
  model: string;
  warnings: WarningV1[];
  includeRaw?: boolean | undefined;
}

const toolPlanBlock = 'tool-plan';

/**
 * Cohere v2 stream events → canonical stream parts, one event at a time: `stream-start` with the request's
 * warnings; `message-start` → response metadata; each content block (`content-start/delta/end`, text or
 * thinking) → a text or reasoning block; the tool plan (`tool-plan-delta`) → a text block that ends when the
 * first call starts; each call (`tool-call-start/delta/end`, keyed by the event's `index`, never by a single
 * "current tool") → a tool-input block and then the complete `tool-call`; `message-end` → `finish` with the
 * usage, or `error` when it reports `ERROR`/`TIMEOUT` or an error message.
 */
export class CohereStreamParts {
  private readonly open = new Map<string, 'text' | 'reasoning'>();
  private readonly tools = new Map<number, ToolInput>();
  private toolCount = 0;
  private ended = false;

  constructor(private readonly options: CohereStreamOptions) {}

  get finished(): boolean {
    return this.ended;
  }

  start(out: ChatStreamPartV1[]): void {
    out.push({ type: 'stream-start', warnings: this.options.warnings });
  }

  /** Maps one event's JSON text; throws a typed error for one that is not a JSON object. */
  event(data: string, out: ChatStreamPartV1[]): void {
    let event: CohereEvent;
    try {
      event = JSON.parse(data) as CohereEvent;
    } catch (error) {
      throw this.failure(`sent a malformed event: ${data.slice(0, 200)}`, error);
    }
    if (typeof event !== 'object' || event === null) throw this.failure(`sent an event that is not an object: ${data.slice(0, 200)}`);
    if (this.options.includeRaw === true) out.push({ type: 'raw', value: event });
    const message = event.delta?.message;
    switch (event.type) {
      case 'message-start':
        out.push({ type: 'response-metadata', ...(typeof event.id === 'string' ? { id: event.id } : {}), model: this.options.model });
        return;
      case 'content-start': {
        const kind = message?.content?.type === 'thinking' ? 'reasoning' : 'text';
        const id = `${kind}-${String(event.index ?? 0)}`;
        this.endBlock(toolPlanBlock, out);
        if (!this.open.has(id)) {
          this.open.set(id, kind);
          out.push({ type: kind === 'text' ? 'text-start' : 'reasoning-start', id });
        }
        const initial = kind === 'text' ? message?.content?.text : message?.content?.thinking;
        if (typeof initial === 'string' && initial.length > 0) this.delta(id, kind, initial, out);
        return;
      }
      case 'content-delta': {
        const content = message?.content;
        const [kind, text] =
          typeof content?.thinking === 'string' ? (['reasoning', content.thinking] as const) : (['text', content?.text] as const);
        if (typeof text !== 'string' || text.length === 0) return;
        const id = `${kind}-${String(event.index ?? 0)}`;
        if (!this.open.has(id)) {
          this.open.set(id, kind);
          out.push({ type: kind === 'text' ? 'text-start' : 'reasoning-start', id });
        }
        this.delta(id, kind, text, out);
        return;
      }
      case 'content-end':
        for (const kind of ['text', 'reasoning'] as const) this.endBlock(`${kind}-${String(event.index ?? 0)}`, out);
        return;
      case 'tool-plan-delta': {
        const plan = message?.tool_plan;
        if (typeof plan !== 'string' || plan.length === 0) return;
        if (!this.open.has(toolPlanBlock)) {
          this.open.set(toolPlanBlock, 'text');
          out.push({ type: 'text-start', id: toolPlanBlock });
        }
        out.push({ type: 'text-delta', id: toolPlanBlock, delta: plan });
        return;
      }
      case 'tool-call-start':
        this.startTool(event, out);
        return;
      case 'tool-call-delta': {
        const tool = this.tools.get(this.toolIndex(event));
        const fragment = message?.tool_calls?.function?.arguments;
        if (tool === undefined || tool.ended || typeof fragment !== 'string' || fragment.length === 0) return;
        tool.input += fragment;
        out.push({ type: 'tool-input-delta', id: tool.id, delta: fragment });
        return;
      }
      case 'tool-call-end': {
        const tool = this.tools.get(this.toolIndex(event));
        if (tool !== undefined) this.endTool(tool, out);
        return;
      }
      case 'message-end':
        this.finish(event, out);
        return;
      default:
        // citation-start/-end and events added later carry nothing the canonical stream has a part for.
        return;
    }
  }

  /** The stream ended without `message-end`: never a normal finish. */
  incomplete(): UpstreamError {
    return this.failure('ended the stream without message-end');
  }

  private toolIndex(event: CohereEvent): number {
    return typeof event.index === 'number' ? event.index : this.toolCount - 1;
  }

  private startTool(event: CohereEvent, out: ChatStreamPartV1[]): void {
    const call = event.delta?.message?.tool_calls;
    const name = call?.function?.name;
    if (typeof name !== 'string' || name === '') throw this.failure('started a tool call without a name');
    this.endBlock(toolPlanBlock, out);
    for (const [id] of this.open) this.endBlock(id, out);
    const index = typeof event.index === 'number' ? event.index : this.toolCount;
    this.toolCount += 1;
    const id = typeof call?.id === 'string' && call.id !== '' ? call.id : `${name}_${index}`;
    const tool: ToolInput = { id, name, input: '', ended: false };
    this.tools.set(index, tool);
    out.push({ type: 'tool-input-start', id, toolName: name });
    const initial = call?.function?.arguments;
    if (typeof initial === 'string' && initial.length > 0) {
      tool.input = initial;
      out.push({ type: 'tool-input-delta', id, delta: initial });
    }
  }

  private endTool(tool: ToolInput, out: ChatStreamPartV1[]): void {
    if (tool.ended) return;
    tool.ended = true;
    out.push({ type: 'tool-input-end', id: tool.id });
    out.push({ type: 'tool-call', toolCallId: tool.id, toolName: tool.name, input: toolInputOf(tool.input) });
  }

  private finish(event: CohereEvent, out: ChatStreamPartV1[]): void {
    const delta = event.delta;
    const raw = typeof delta?.finish_reason === 'string' ? delta.finish_reason : undefined;
    const reported = typeof delta?.error === 'string' && delta.error.length > 0 ? delta.error : undefined;
    this.ended = true;
    if (reported !== undefined || isCohereFailure(raw)) {
      const what = reported ?? `ended the generation with ${raw}`;
      out.push({ type: 'error', error: this.failure(reported === undefined ? what : `reported an error: ${what}`) });
      return;
    }
    for (const [id] of this.open) this.endBlock(id, out);
    for (const tool of this.tools.values()) this.endTool(tool, out);
    const usage = convertCohereUsage(delta?.usage);
    const cohere = cohereUsageMetadata(delta?.usage);
    out.push({
      type: 'finish',
      finishReason: mapCohereFinishReason(raw, this.tools.size > 0),
      ...(usage === undefined ? {} : { usage }),
      ...(Object.keys(cohere).length === 0 ? {} : { providerMetadata: { cohere } }),
    });
  }

  private delta(id: string, kind: 'text' | 'reasoning', delta: string, out: ChatStreamPartV1[]): void {
    out.push({ type: kind === 'text' ? 'text-delta' : 'reasoning-delta', id, delta });
  }

  private endBlock(id: string, out: ChatStreamPartV1[]): void {
    const kind = this.open.get(id);
    if (kind === undefined) return;
    this.open.delete(id);
    out.push({ type: kind === 'text' ? 'text-end' : 'reasoning-end', id });
  }

  private failure(what: string, cause?: unknown): UpstreamError {
    const { provider, model } = this.options;
    return new UpstreamError(`Upstream ${provider} (${model}) ${what}`, {
      code: 'upstream_stream_error',
      isRetryable: false,
      provider,
      model,
      ...(cause === undefined ? {} : { cause }),
    });
  }
}
