import { randomUUID } from 'node:crypto';

function words(text: string): string[] {
  return text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
}

/**
 * The score the mock gives a document: the share of the query's distinct words it contains (0 to 1),
 * rounded as Cohere's scores are. Deterministic, so tests can assert the order.
 */
export function mockRelevanceScore(query: string, document: string): number {
  const asked = new Set(words(query));
  if (asked.size === 0) return 0;
  const present = new Set(words(document));
  let shared = 0;
  for (const word of asked) if (present.has(word)) shared += 1;
  return Math.round((shared / asked.size) * 1e6) / 1e6;
}

/**
 * The `POST /v2/rerank` answer: results sorted by `relevance_score`, highest first (ties by index), cut to
 * `top_n`; one search unit per 100 documents, as Cohere bills.
 */
export function cohereRerankBody(query: string, documents: readonly string[], topN?: number): Record<string, unknown> {
  const results = documents
    .map((document, index) => ({ index, relevance_score: mockRelevanceScore(query, document) }))
    .sort((left, right) => right.relevance_score - left.relevance_score || left.index - right.index);
  return {
    id: randomUUID(),
    results: topN === undefined ? results : results.slice(0, topN),
    meta: { api_version: { version: '2' }, billed_units: { search_units: Math.max(1, Math.ceil(documents.length / 100)) } },
  };
}
