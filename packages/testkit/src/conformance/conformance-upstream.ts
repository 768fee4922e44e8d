import type { UsageV1 } from '@modelgate/core';
import type { RecordedRequest, WaitOptions } from '../request-recorder.js';

/**
 * Token counts a scenario reports, in the canonical meaning (`UsageV1`): `inputTokens` includes the
 * cache read and write counts, `outputTokens` includes the reasoning count. Each mock writes them in
 * its own wire format (Anthropic-style wires subtract the cache counts from their input count, for
 * example), and the suite expects them back unchanged, with `totalTokens` as the sum.
 */
export type ConformanceUsage = Omit<UsageV1, 'totalTokens'>;

/** The usage counts beside input and output, which a wire format may be unable to carry. */
export type ConformanceUsageDetail = 'cacheReadTokens' | 'cacheWriteTokens' | 'reasoningTokens';

export interface ConformanceToolCall {
  /** Defaults to an id the mock makes up, distinct per call. */
  id?: string;
  name: string;
  /** The JSON text of the arguments, sent exactly as given (streams split it where the wire allows). */
  input: string;
}

/**
 * How a mock upstream answers one chat request, in canonical terms: each mock says it in its own
 * wire format. "Chunks" are the wire's own stream units (an SSE event, an NDJSON line).
 */
export type ConformanceScenario =
  /** A text answer; streams split it into several deltas. */
  | { type: 'text'; text: string; usage?: ConformanceUsage; finishReason?: 'stop' | 'length' }
  /** Optional text, then the calls (two or more are parallel calls), finishing for tool calls. */
  | { type: 'tool-calls'; calls: ConformanceToolCall[]; text?: string; usage?: ConformanceUsage }
  /** HTTP 429 with `retry-after` in seconds. */
  | { type: 'rate-limit'; retryAfterSeconds: number }
  /** An HTTP error (400, 500, 503…) with the wire's error body carrying `message`. */
  | { type: 'http-error'; status: number; message: string }
  /** Never finishes; with `afterChunks`, a stream first sends the headers and that many chunks. */
  | { type: 'hang'; afterChunks?: number }
  /** A stream of `afterChunks` chunks of `text`, then the connection is destroyed. */
  | { type: 'drop'; afterChunks: number; text?: string }
  /** A stream of `afterChunks` chunks of `text`, then the wire's in-stream error event carrying `message`. */
  | { type: 'stream-error'; afterChunks: number; message: string; text?: string }
  /** A long text stream, one chunk every `intervalMs` (for cancellation: the client aborts while it flows). */
  | { type: 'slow'; text: string; intervalMs: number };

export type ConformanceScenarioType = ConformanceScenario['type'];

/** A running mock upstream that speaks one wire format and answers canonical scenarios. */
export interface ConformanceUpstream {
  /** What the provider takes as its base URL (any string an in-process backend understands). */
  readonly baseURL: string;
  /** The credential the upstream accepts; other credentials get the wire's 401. */
  readonly apiKey: string;
  /** Every request received, in order. */
  readonly requests: readonly RecordedRequest[];
  /** Queues scenarios, served first in first out to the next chat requests. */
  enqueue(...scenarios: ConformanceScenario[]): void;
  /** Resolves once at least `count` requests were received. */
  waitForRequests(count: number, options?: WaitOptions): Promise<readonly RecordedRequest[]>;
  /** Resolves with the next request the client gave up on (an abort that already happened counts). */
  waitForAbort(options?: WaitOptions): Promise<RecordedRequest>;
  /** Whether the request carried `apiKey` where the wire format expects it (a header, a query parameter…). */
  hasCredential(request: RecordedRequest): boolean;
  /** The model the request asked for, wherever the wire format puts it (body, path). */
  modelOf(request: RecordedRequest): string | undefined;
  /** Destroys open connections (hanging answers included) and stops listening. */
  close(): Promise<void>;
}

/** What a wire format cannot say: the suite skips the tests that need it, with a title saying why. */
export interface ConformanceUpstreamLimitations {
  scenarios?: readonly ConformanceScenarioType[];
  /** Usage counts the wire has no field for (OpenAI Chat has no cache-write count); they are not checked. */
  usageDetails?: readonly ConformanceUsageDetail[];
  /**
   * `reserialized-in-answers` when non-streamed answers carry tool call arguments as a JSON object rather
   * than text while streams carry text (Bedrock Converse); `reserialized` when both do (Gemini). The exact
   * spacing cannot survive an object, so those inputs are compared as JSON values; the rest exactly.
   */
  toolInputs?: 'exact' | 'reserialized-in-answers' | 'reserialized';
}

/** Starts mock upstreams of one wire format; a fresh one per test. */
export interface ConformanceUpstreamDefinition {
  /** The wire format, for test titles (`openai-chat`, `example-ndjson`). */
  readonly wireFormat: string;
  readonly limitations?: ConformanceUpstreamLimitations;
  /** The provider's own finish reason values for each unified reason the scenarios produce. */
  readonly rawFinishReasons: { readonly stop: string; readonly length: string; readonly toolCalls: string };
  /**
   * Embedding requests (when the wire has them) are answered with `mockEmbedding(value, dimensions)`;
   * `dimensions` is what the request asked for, else this default.
   */
  readonly embeddingDimensions?: number;
  start(): Promise<ConformanceUpstream>;
}
