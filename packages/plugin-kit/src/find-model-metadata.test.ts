import { describe, expect, it } from 'vitest';
import { findModelMetadata, modelMetadataTable } from './find-model-metadata.js';

const table = modelMetadataTable([
  { id: 'claude-sonnet-4-5', contextWindow: 200_000 },
  { id: 'gpt-4o', contextWindow: 128_000 },
  { id: 'gemini-2.5-flash', contextWindow: 1_048_576 },
  { id: 'anthropic.claude-3-haiku', contextWindow: 1 },
]);

describe('findModelMetadata', () => {
  it('finds an exact id', () => {
    expect(findModelMetadata(table, 'gpt-4o')?.contextWindow).toBe(128_000);
  });

  it('finds a dated id by its family', () => {
    expect(findModelMetadata(table, 'claude-sonnet-4-5-20250929')?.id).toBe('claude-sonnet-4-5');
    expect(findModelMetadata(table, 'gpt-4o-2024-08-06')?.id).toBe('gpt-4o');
    expect(findModelMetadata(table, 'gemini-2.5-flash-001')?.id).toBe('gemini-2.5-flash');
    expect(findModelMetadata(table, 'models/gemini-2.5-flash')?.id).toBe('gemini-2.5-flash');
  });

  it('finds Bedrock ids with a provider prefix, a region prefix and a version suffix', () => {
    expect(findModelMetadata(table, 'anthropic.claude-sonnet-4-5-20250929-v1:0')?.id).toBe('claude-sonnet-4-5');
    expect(findModelMetadata(table, 'us.anthropic.claude-sonnet-4-5-20250929-v1:0')?.id).toBe('claude-sonnet-4-5');
    expect(findModelMetadata(table, 'anthropic.claude-3-haiku-20240307-v1:0')?.contextWindow).toBe(1);
  });

  it('answers undefined for an unknown model', () => {
    expect(findModelMetadata(table, 'mystery-model')).toBeUndefined();
    expect(findModelMetadata(table, 'gpt-4o-mini')).toBeUndefined();
  });
});
