import { ModelgateError, type ProviderV1, type WarningV1 } from '@modelgate/core';
import type { ConformanceUpstreamDefinition } from '../conformance/conformance-upstream.js';
import type { ProviderConformanceContext } from '../conformance/provider-conformance-harness.js';
import { translationMatrix, type TranslationCase } from './translation-matrix.js';

export interface RecordOutgoingBodiesOptions {
  /** The provider's mock upstream (it answers each case with a short text). */
  upstream: ConformanceUpstreamDefinition;
  createProvider(context: ProviderConformanceContext): ProviderV1 | Promise<ProviderV1>;
  /** The deployment model id passed to `provider.chat(modelId)`. */
  modelId: string;
  /** Default: `translationMatrix`. */
  cases?: readonly TranslationCase[];
  /** Which call sends the cases. Default `generate`. */
  call?: 'generate' | 'stream';
  /** Also record the warnings of each answer: entries become `{ body, warnings }`. */
  includeWarnings?: boolean;
}

/** What one case sent upstream: the parsed JSON body, or why the provider refused to send it. */
export type OutgoingBody = unknown;

function describe(error: unknown): string {
  return ModelgateError.isInstance(error) || error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}

async function warningsOf(provider: ProviderV1, options: RecordOutgoingBodiesOptions, testCase: TranslationCase): Promise<WarningV1[]> {
  const model = provider.chat(options.modelId);
  if (options.call !== 'stream') return (await model.generate(testCase.request, {})).response.warnings;
  const warnings: WarningV1[] = [];
  for await (const part of (await model.stream(testCase.request, {})).parts) {
    if (part.type === 'stream-start') warnings.push(...part.warnings);
    if (part.type === 'error') throw part.error;
  }
  return warnings;
}

/**
 * Sends each case through the provider against its mock upstream and returns, keyed by case name,
 * the request body each produced (parsed JSON), or `{ rejected: 'UnsupportedError: …' }` when the
 * provider refused before sending. For `expect(await recordOutgoingBodies(...)).toMatchInlineSnapshot()`.
 */
export async function recordOutgoingBodies(options: RecordOutgoingBodiesOptions): Promise<Record<string, OutgoingBody>> {
  const upstream = await options.upstream.start();
  const provider = await options.createProvider({ baseURL: upstream.baseURL, apiKey: upstream.apiKey, environment: {} });
  const bodies: Record<string, OutgoingBody> = {};
  try {
    for (const testCase of options.cases ?? translationMatrix) {
      const before = upstream.requests.length;
      upstream.enqueue({ type: 'text', text: 'Recorded.' });
      let warnings: WarningV1[] | undefined;
      let rejected: string | undefined;
      try {
        warnings = await warningsOf(provider, options, testCase);
      } catch (error) {
        rejected = describe(error);
      }
      const sent = upstream.requests[before];
      if (sent === undefined) {
        // The queued answer stays queued; the next case's request takes it, which is the same answer.
        bodies[testCase.name] = { rejected: rejected ?? 'nothing was sent' };
        continue;
      }
      const body = sent.body ?? sent.rawBody;
      bodies[testCase.name] = options.includeWarnings ? { body, warnings: warnings ?? [], ...(rejected ? { rejected } : {}) } : body;
    }
  } finally {
    await provider.close?.();
    await upstream.close();
  }
  return bodies;
}
