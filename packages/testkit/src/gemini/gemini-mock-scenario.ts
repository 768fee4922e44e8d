import type { ConformanceScenario } from '../conformance/conformance-upstream.js';
import type { GeminiWireResponse } from './gemini-answer.js';

/**
 * How the mock Gemini (or Vertex AI) upstream answers one request: a canonical conformance
 * scenario, or Google's wire exactly as given, for tests of what the canonical scenarios cannot say
 * (thought signatures, blocked prompts, finish reasons, quota details).
 */
export type GeminiMockScenario =
  | ConformanceScenario
  /** The `generateContent` answer (or, for a stream request, the single chunk) as given. */
  | { type: 'gemini-response'; response: GeminiWireResponse }
  /** The chunks of a stream as given; the stream ends after the last one. */
  | { type: 'gemini-chunks'; chunks: GeminiWireResponse[] }
  /** An HTTP error with the body (and headers) as given. */
  | { type: 'google-error'; status: number; body: unknown; headers?: Record<string, string> };
