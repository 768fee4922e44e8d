import type { ModelgateError, NativeStreamPartV1, OpenAIChatCompletionChunk } from '@modelgate/core';
import { mapOpenAICompatibleFinishReason } from './map-openai-compatible-finish-reason.js';
import { OpenAICompatibleChunkNormalizer } from './openai-compatible-chunk-normalizer.js';
import { parseOpenAICompatibleEvent, type OpenAICompatibleStreamHandler, type ReadStreamOptions } from './read-openai-compatible-stream.js';

/**
 * What makes an event one the gateway must read: a usage or finish reason that is not `null`, a tool call,
 * reasoning, or an error. One regular expression, so that a plain event is scanned once.
 */
const mustRead = /"(?:usage"\s*:(?!\s*null)|finish_reason"\s*:(?!\s*null)|tool_calls"|function_call"|reasoning|error")/;

/** The same, searching from its `lastIndex`: for the part of a chunk after a prefix already known to be plain. */
const mustReadAfter = new RegExp(mustRead.source, 'g');

const deltaKey = '"delta":';

/**
 * The opening a stream's plain chunks share, up to their first choice's delta: its envelope (id, object,
 * created, model, fingerprint) and `"choices":[{"index":0,"delta":`. Undefined when the chunk has no such shape.
 */
function plainPrefixOf(data: string): string | undefined {
  const delta = data.indexOf(deltaKey);
  if (delta === -1 || data.lastIndexOf('"choices":[{', delta) === -1) return undefined;
  return data.slice(0, delta + deltaKey.length);
}

/**
 * Whether a data payload can go to the client exactly as the host sent it without being parsed: an
 * ordinary content chunk, with no usage, tool call, reasoning, error or finish in it (inside JSON
 * strings a quote is escaped, so these keys cannot appear by accident in the content). OpenAI's
 * `"usage":null`, sent on every chunk once `include_usage` is asked for, is no usage. A chunk must have a
 * choice with a delta to be plain.
 */
export function isPlainContentChunk(data: string): boolean {
  // A choice without a delta, or no choice at all, is an annotation (Azure's content-filter chunks): read and dropped.
  return data.includes('"choices":[{') && data.includes('"delta":') && !mustRead.test(data);
}

/**
 * Whether a plain chunk carries OpenAI's whole envelope (an id, the chunk object, a creation time and a
 * model), so that the first chunk, too, can go out as it came.
 */
function hasEnvelope(data: string): boolean {
  return (
    data.includes('"object":"chat.completion.chunk"') && /"id":"[^"]/.test(data) && /"created":\d/.test(data) && /"model":"[^"]/.test(data)
  );
}

/**
 * Adds a plain event to the run of plain events at the end of `out` (one `events` part per read of the
 * upstream, so that the events that came together go on together), or starts a run.
 */
function forward(data: string, out: NativeStreamPartV1[]): void {
  const last = out[out.length - 1];
  if (last?.type === 'events') last.data.push(data);
  else out.push({ type: 'events', data: [data] });
}

/**
 * The native path's stream: each event forwarded as the host sent it, except the few the gateway must
 * read or repair (the first, tool calls, reasoning, the finish and the usage), which are parsed and
 * normalised like on the canonical path. Plain events that arrive together go on as one `events` part.
 * The finish carries what the gateway accounts for.
 */
export class OpenAICompatibleNativeEvents implements OpenAICompatibleStreamHandler<NativeStreamPartV1> {
  private readonly normalizer: OpenAICompatibleChunkNormalizer;
  private first = true;
  /**
   * The opening of the last plain chunk (see `plainPrefixOf`). A chunk that starts with it is plain when
   * nothing the gateway must read follows it: the prefix passed that test already, and no key the test
   * looks for can begin in it and end past it (it ends with `"delta":`). So the usual chunk is compared
   * with the prefix and only its few last characters are searched, instead of three searches of the whole.
   */
  private prefix: string | undefined;

  /**
   * `clientReadsUsage`: the client asked for the usage chunk (`stream_options.include_usage`). When it did
   * not, usage-only chunks are read for the finish's usage but neither serialised nor made up: every
   * surface that forwards these events would drop them.
   */
  constructor(
    private readonly options: ReadStreamOptions,
    private readonly clientReadsUsage = true,
  ) {
    this.normalizer = new OpenAICompatibleChunkNormalizer(options.model);
  }

  event(data: string, out: NativeStreamPartV1[]): void {
    const prefix = this.prefix;
    // `slice` and `===` compare in one block; `startsWith` goes character by character, twice as slow.
    if (prefix !== undefined && data.slice(0, prefix.length) === prefix) {
      mustReadAfter.lastIndex = prefix.length;
      if (!mustReadAfter.test(data)) {
        forward(data, out);
        return;
      }
      // Something to read follows the prefix: the whole-chunk test would say the same, so it is not run.
    } else if (isPlainContentChunk(data)) {
      if (!this.first) {
        this.prefix = plainPrefixOf(data);
        forward(data, out);
        return;
      }
      if (hasEnvelope(data)) {
        this.first = false;
        this.prefix = plainPrefixOf(data);
        this.normalizer.deferEnvelope(data);
        forward(data, out);
        return;
      }
    }
    this.first = false;
    const chunk = this.normalizer.normalize(parseOpenAICompatibleEvent(data, this.options));
    // A chunk the normaliser left as it was goes on as the host sent it, without being serialised again.
    if (chunk !== undefined) this.push(chunk, out, this.normalizer.changed ? undefined : data);
  }

  done(out: NativeStreamPartV1[]): void {
    for (const chunk of this.normalizer.finish({ usageChunk: this.clientReadsUsage })) this.push(chunk, out);
    const finishReason = mapOpenAICompatibleFinishReason(this.normalizer.rawFinishReason, this.normalizer.hasToolCalls);
    const { usage } = this.normalizer;
    out.push(usage === undefined ? { type: 'finish', finishReason } : { type: 'finish', finishReason, usage });
  }

  error(error: ModelgateError): NativeStreamPartV1 {
    return { type: 'error', error };
  }

  /** Sends a chunk the gateway read: `data` is its text when the host's own can go on, else it is serialised. */
  private push(chunk: OpenAIChatCompletionChunk, out: NativeStreamPartV1[], data?: string): void {
    if (chunk.choices.length > 0) out.push({ type: 'event', data: data ?? JSON.stringify(chunk) });
    else if (this.clientReadsUsage) out.push({ type: 'event', data: data ?? JSON.stringify(chunk), usageOnly: true });
  }
}
