import {
  UnsupportedError,
  type CallOptions,
  type EmbeddingModelV1,
  type EmbeddingRequestV1,
  type EmbeddingResultV1,
} from '@modelgate/core';
import { abortOf, type BedrockClient } from './bedrock-client.js';
import { bedrockModelFamily } from './bedrock-model-family.js';
import { modelPath } from './bedrock-chat-model.js';

interface TitanAnswer {
  embedding?: number[];
  inputTextTokenCount?: number;
}

interface CohereAnswer {
  /** Floats, or `{ float: [...] }` when `embedding_types` was asked for. */
  embeddings?: number[][] | { float?: number[][] };
}

/** Titan v2 and Cohere v4 take an output size; these are the sizes they document. */
const titanDimensions = new Set([256, 512, 1024]);
const cohereDimensions = new Set([256, 512, 1024, 1536]);

function inputTokensOf(headers: Record<string, string>): number | undefined {
  const count = Number(headers['x-amzn-bedrock-input-token-count']);
  return Number.isInteger(count) && count >= 0 ? count : undefined;
}

/**
 * Embeddings through InvokeModel, with each family's own body: Titan text embeddings take one text per
 * call (`{inputText, dimensions}` → `{embedding, inputTextTokenCount}`), Cohere embed takes a batch
 * (`{texts, input_type}` → `{embeddings}`). `providerOptions.bedrock` is merged into the body.
 */
export class BedrockEmbeddingModel implements EmbeddingModelV1 {
  readonly specificationVersion = 'v1' as const;
  readonly provider: string;

  constructor(
    readonly modelId: string,
    private readonly client: BedrockClient,
  ) {
    this.provider = client.provider;
  }

  async embed(request: EmbeddingRequestV1, options: CallOptions): Promise<EmbeddingResultV1> {
    const texts = request.values.map((value, index) => {
      if (typeof value !== 'string') throw new UnsupportedError('Bedrock embeds text, not token arrays.', { param: `input[${index}]` });
      return value;
    });
    const family = bedrockModelFamily(this.modelId);
    const extra = request.providerOptions?.['bedrock'] ?? {};
    if (family === 'titan') return this.embedWithTitan(texts, request.dimensions, extra, options);
    if (family === 'cohere') return this.embedWithCohere(texts, request.dimensions, extra, options);
    throw new UnsupportedError(`The Bedrock plugin embeds with Titan text and Cohere embed models, not ${this.modelId}.`, {
      param: 'model',
    });
  }

  private async invoke(body: unknown, options: CallOptions): Promise<{ answer: unknown; inputTokens: number | undefined }> {
    const response = await this.client.send({
      plane: 'runtime',
      path: modelPath(this.modelId, 'invoke'),
      method: 'POST',
      body: JSON.stringify(body),
      model: this.modelId,
      call: options,
    });
    const inputTokens = inputTokensOf(response.headers);
    return { answer: await this.client.readJson(response, this.modelId, abortOf(options)), inputTokens };
  }

  private async embedWithTitan(
    texts: string[],
    dimensions: number | undefined,
    extra: Record<string, unknown>,
    options: CallOptions,
  ): Promise<EmbeddingResultV1> {
    const takesDimensions = /titan-embed-text-v2/.test(this.modelId);
    if (dimensions !== undefined && (!takesDimensions || !titanDimensions.has(dimensions))) {
      throw new UnsupportedError(`${this.modelId} takes dimensions ${takesDimensions ? '256, 512 or 1024' : 'of its own size only'}.`, {
        param: 'dimensions',
      });
    }
    const answers = await Promise.all(
      texts.map((inputText) => this.invoke({ ...extra, inputText, ...(dimensions === undefined ? {} : { dimensions }) }, options)),
    );
    let inputTokens = 0;
    const embeddings = answers.map(({ answer, inputTokens: counted }) => {
      const { embedding, inputTextTokenCount } = answer as TitanAnswer;
      if (!Array.isArray(embedding)) throw this.malformed('a Titan answer without "embedding"');
      inputTokens += inputTextTokenCount ?? counted ?? 0;
      return embedding;
    });
    return { response: { embeddings, model: this.modelId, usage: { inputTokens } } };
  }

  private async embedWithCohere(
    texts: string[],
    dimensions: number | undefined,
    extra: Record<string, unknown>,
    options: CallOptions,
  ): Promise<EmbeddingResultV1> {
    const takesDimensions = /embed-v4/.test(this.modelId);
    if (dimensions !== undefined && (!takesDimensions || !cohereDimensions.has(dimensions))) {
      throw new UnsupportedError(
        `${this.modelId} takes dimensions ${takesDimensions ? '256, 512, 1024 or 1536' : 'of its own size only'}.`,
        {
          param: 'dimensions',
        },
      );
    }
    const body = { input_type: 'search_document', ...extra, texts, ...(dimensions === undefined ? {} : { output_dimension: dimensions }) };
    const { answer, inputTokens } = await this.invoke(body, options);
    const raw = (answer as CohereAnswer).embeddings;
    const embeddings = Array.isArray(raw) ? raw : raw?.float;
    if (!Array.isArray(embeddings) || embeddings.length !== texts.length)
      throw this.malformed('a Cohere answer without one embedding per text');
    return { response: { embeddings, model: this.modelId, ...(inputTokens === undefined ? {} : { usage: { inputTokens } }) } };
  }

  private malformed(what: string): Error {
    return this.client.malformed(what, this.modelId);
  }
}
