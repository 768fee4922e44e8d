import type { ModelMetadataV1 } from '@modelgate/core';
import { modelMetadataTable } from '@modelgate/plugin-kit';

const chat = { tools: true, jsonSchema: true };
const vision = { ...chat, vision: true };
const reasoning = { ...chat, reasoning: true };
const price = (input: number, output: number) => ({ inputPerMillion: input, outputPerMillion: output });

/**
 * Mistral's current models, by family (what `-latest` and new pinned versions resolve to) and by the
 * pinned versions whose price differs from their family's. USD per million tokens, from Mistral's
 * pricing page as copied in mid-2026 (puter.com, margindash.com; Portkey-AI/models at f654307e for
 * the pinned Large 3, Medium 3.1, Small and Codestral rows). Mistral has no cached-input price.
 */
const models: ModelMetadataV1[] = [
  { id: 'mistral-large', contextWindow: 256_000, prices: price(0.5, 1.5), capabilities: vision },
  { id: 'mistral-large-2512', contextWindow: 256_000, prices: price(0.5, 1.5), capabilities: vision },
  { id: 'mistral-large-2411', contextWindow: 128_000, prices: price(2, 6), capabilities: chat },
  { id: 'mistral-large-2407', contextWindow: 128_000, prices: price(2, 6), capabilities: chat },
  // `mistral-medium-latest` is Medium 3.5; the pinned Medium 3 and 3.1 cost less.
  { id: 'mistral-medium', prices: price(1.5, 7.5), capabilities: vision },
  { id: 'mistral-medium-2508', contextWindow: 128_000, prices: price(0.4, 2), capabilities: vision },
  { id: 'mistral-medium-2505', contextWindow: 128_000, prices: price(0.4, 2), capabilities: vision },
  { id: 'mistral-small', contextWindow: 128_000, prices: price(0.1, 0.3), capabilities: vision },
  { id: 'codestral', contextWindow: 256_000, prices: price(0.3, 0.9), capabilities: chat },
  { id: 'devstral', prices: price(0.4, 2), capabilities: chat },
  { id: 'devstral-medium', prices: price(0.4, 2), capabilities: chat },
  { id: 'devstral-small', prices: price(0.1, 0.3), capabilities: chat },
  { id: 'ministral-14b', prices: price(0.2, 0.2), capabilities: vision },
  { id: 'ministral-8b', prices: price(0.15, 0.15), capabilities: vision },
  { id: 'ministral-3b', prices: price(0.1, 0.1), capabilities: vision },
  { id: 'magistral-medium', prices: price(2, 5), capabilities: reasoning },
  { id: 'magistral-small', prices: price(0.5, 1.5), capabilities: reasoning },
  { id: 'mistral-embed', contextWindow: 8192, prices: price(0.1, 0), capabilities: { embeddings: true } },
  { id: 'codestral-embed', contextWindow: 8192, prices: price(0.15, 0), capabilities: { embeddings: true } },
];

const table = modelMetadataTable(models);

/**
 * The facts of a Mistral model id: the id itself, then its family without `-latest` or a pinned
 * `-YYMM` version (`mistral-small-2506` → `mistral-small`). The result carries the asked id.
 */
export function findMistralModelMetadata(modelId: string): ModelMetadataV1 | undefined {
  const family = modelId.replace(/-(?:latest|\d{4})$/, '');
  const found = table.get(modelId) ?? table.get(family);
  return found === undefined ? undefined : { ...found, id: modelId };
}
