import { ServerSentEventParser } from '@modelgate/plugin-kit';
import { passthroughUsageOf, type PassthroughUsage } from './passthrough-usage.js';

/**
 * The most bytes an event may take to complete (the parser holds them until it does): past this, metering
 * stops and the stream goes on unmetered. As large as a JSON answer read for its usage, since a Responses
 * stream's `response.completed` event repeats the whole answer.
 */
export const maximumEventBytes = 4 * 1024 * 1024;

type JsonObject = Record<string, unknown>;

function objectOf(value: unknown): JsonObject | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as JsonObject) : undefined;
}

/**
 * The usage of a native `text/event-stream` answer, read from the chunks as they pass on to the client (the
 * caller pushes each one after relaying it; nothing is kept but the event being completed). Each event's
 * `data` is parsed as JSON (`[DONE]` and other text are skipped) and folded by its shape:
 * - OpenAI chat chunks (with `stream_options.include_usage`), Mistral's and Gemini's chunks: a top-level
 *   `usage` or `usageMetadata`, the last one wins (Gemini repeats running counts in every chunk);
 * - OpenAI Responses: `response.completed` or `response.incomplete`, its `response.usage` and `response.model`;
 * - Anthropic Messages: `message_start`'s usage and model, then each `message_delta`'s counts, the later value
 *   of each field winning (its `output_tokens` are cumulative). Only a `message_delta` makes it usage, since
 *   `message_start` says `output_tokens: 1` before anything was written;
 * - Cohere v2: `message-end`, its `delta.usage`.
 * The counts are those of `passthroughUsageOf`, the same as for a JSON answer.
 */
export class PassthroughStreamUsage {
  /** `undefined` once metering stopped (an event too long). */
  private parser: ServerSentEventParser | undefined = new ServerSentEventParser();
  /** Bytes pushed since a chunk last completed an event: about what the parser holds. */
  private pendingBytes = 0;
  private latest: PassthroughUsage | undefined;
  /** Anthropic's counts so far: `message_start`'s, with each `message_delta`'s laid over them. */
  private anthropic: { model: string | undefined; usage: JsonObject } | undefined;

  /** Reads one more chunk of the stream. Never throws: anything unexpected stops the metering, not the stream. */
  push(chunk: Uint8Array): void {
    const parser = this.parser;
    if (parser === undefined) return;
    this.pendingBytes += chunk.byteLength;
    if (this.pendingBytes > maximumEventBytes) {
      this.stop();
      return;
    }
    try {
      const events = parser.push(chunk);
      if (events.length > 0) this.pendingBytes = 0;
      for (const event of events) this.read(event.data);
    } catch {
      this.stop();
    }
  }

  /** The usage the stream carried so far; `undefined` when it carried none, or when metering stopped. */
  usage(): PassthroughUsage | undefined {
    return this.parser === undefined ? undefined : this.latest;
  }

  private stop(): void {
    this.parser = undefined;
    this.latest = undefined;
    this.anthropic = undefined;
  }

  private read(data: string): void {
    // Every shape names its counts `usage` or `usageMetadata`: other events are not parsed at all.
    if (!data.includes('usage')) return;
    let value: unknown;
    try {
      value = JSON.parse(data);
    } catch {
      return;
    }
    const event = objectOf(value);
    if (event === undefined) return;
    switch (event.type) {
      case 'message_start': {
        const message = objectOf(event.message);
        const usage = objectOf(message?.usage);
        if (usage !== undefined)
          this.anthropic = { model: typeof message?.model === 'string' ? message.model : undefined, usage: { ...usage } };
        return;
      }
      case 'message_delta': {
        const usage = objectOf(event.usage);
        if (usage === undefined) return;
        const folded: JsonObject = { ...this.anthropic?.usage };
        for (const [field, count] of Object.entries(usage)) if (count !== null && count !== undefined) folded[field] = count;
        const model = this.anthropic?.model;
        this.anthropic = { model, usage: folded };
        this.keep(passthroughUsageOf(model === undefined ? { usage: folded } : { model, usage: folded }));
        return;
      }
      case 'response.completed':
      case 'response.incomplete':
        this.keep(passthroughUsageOf(event.response));
        return;
      case 'message-end':
        this.keep(passthroughUsageOf({ usage: objectOf(event.delta)?.usage }));
        return;
      default:
        this.keep(passthroughUsageOf(event));
    }
  }

  private keep(usage: PassthroughUsage | undefined): void {
    if (usage !== undefined) this.latest = usage;
  }
}
