import type { ModelMetadataV1 } from '@modelgate/core';

/** A trailing date or version stamp providers add to pinned ids: `-20250929`, `-2024-08-06`, `@20241022`, `-001`, `-v1:0`. */
const pinnedSuffix = /(?:[-@](?:\d{8}|\d{4}-\d{2}-\d{2}|\d{3})|-v\d+(?::\d+)?)$/;

/**
 * Looks a model id up in a plugin's table: the id itself, then without a provider prefix
 * (`anthropic.`, `us.`, `models/`), then without pinned-version suffixes, one at a time.
 */
export function findModelMetadata(table: ReadonlyMap<string, ModelMetadataV1>, modelId: string): ModelMetadataV1 | undefined {
  let candidate = modelId.replace(/^models\//, '');
  for (;;) {
    const found = table.get(candidate);
    if (found !== undefined) return found;
    const unprefixed = candidate.replace(/^(?:[a-z]{2,4}\.)?[a-z0-9-]+\./, '');
    if (unprefixed !== candidate && table.has(unprefixed)) return table.get(unprefixed);
    const shorter = candidate.replace(pinnedSuffix, '');
    if (shorter === candidate) {
      return unprefixed === candidate ? undefined : findModelMetadata(table, unprefixed);
    }
    candidate = shorter;
  }
}

/** A lookup table from a list of models (later entries win). */
export function modelMetadataTable(models: readonly ModelMetadataV1[]): ReadonlyMap<string, ModelMetadataV1> {
  return new Map(models.map((model) => [model.id, model]));
}
