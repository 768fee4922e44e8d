import type { EmbeddingModelV1, ModelInfoV1, ProviderV1 } from '@modelgate/core';
import { answerDemoRequest } from './answer-demo-request.js';
import { countDemoTokens } from './count-demo-tokens.js';
import { DemoChatModel, type DemoAnswerFunction } from './demo-chat-model.js';
import { defaultDemoEmbeddingDimensions, demoEmbedding } from './demo-embedding.js';

/** The model ids `listModels` reports; any other id works too (`chat('demo-anything')`). */
export const demoModelIds: readonly string[] = ['demo-smart', 'demo-fast', 'demo-embed'];

export interface DemoProviderSettings {
  /** The instance name from the config. Default `demo`. */
  name?: string;
  /** The vector length when a request names no `dimensions`. Default 16. */
  embeddingDimensions?: number;
  /** Replaces the demo behaviours (tests deliver scripted answers through it). */
  answer?: DemoAnswerFunction;
}

/** A provider with no upstream: deterministic answers, streams, tool calls and embeddings; it needs no key. */
export function createDemoProvider(settings: DemoProviderSettings = {}): ProviderV1 {
  const name = settings.name ?? 'demo';
  const answer = settings.answer ?? ((request) => answerDemoRequest(request));
  const dimensions = settings.embeddingDimensions ?? defaultDemoEmbeddingDimensions;
  const embeddings = (modelId: string): EmbeddingModelV1 => ({
    specificationVersion: 'v1',
    provider: name,
    modelId,
    async embed(request) {
      const size = request.dimensions ?? dimensions;
      const inputTokens = request.values.reduce(
        (sum, value) => sum + (typeof value === 'string' ? countDemoTokens(value) : value.length),
        0,
      );
      return {
        response: { model: modelId, embeddings: request.values.map((value) => demoEmbedding(value, size)), usage: { inputTokens } },
      };
    },
  });
  return {
    specificationVersion: 'v1',
    name,
    chat: (modelId) => new DemoChatModel(name, modelId, answer),
    embeddings,
    async listModels(): Promise<ModelInfoV1[]> {
      return demoModelIds.map((id) => ({ id, ownedBy: 'modelgate-demo' }));
    },
    async checkHealth() {
      return { healthy: true, message: 'demo model, no upstream' };
    },
    describeCredentials: () => ({ state: 'not-required' }),
  };
}
