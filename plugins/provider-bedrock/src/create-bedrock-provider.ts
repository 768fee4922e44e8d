import type { CallOptions, HealthStatusV1, ModelInfoV1, PluginLogger, ProviderV1 } from '@modelgate/core';
import { HttpPools, type FetchMediaOptions, type UpstreamLimits } from '@modelgate/plugin-kit';
import { BedrockChatModel } from './bedrock-chat-model.js';
import { abortOf, BedrockClient } from './bedrock-client.js';
import { describeBedrockCredentials, type BedrockCredentialSettings } from './bedrock-credentials.js';
import { BedrockEmbeddingModel } from './bedrock-embedding-model.js';
import { findBedrockModelMetadata } from './bedrock-model-metadata.js';

export interface BedrockProviderSettings {
  /** The instance name (default `bedrock`); used in errors and as the models' `provider`. */
  name?: string;
  /** Else `AWS_REGION`, then `AWS_DEFAULT_REGION`, read at call time. */
  region?: string;
  /** SigV4 credentials; else `AWS_ACCESS_KEY_ID` / `AWS_SECRET_ACCESS_KEY` / `AWS_SESSION_TOKEN` at call time. */
  accessKeyId?: string;
  secretAccessKey?: string;
  sessionToken?: string;
  /** A Bedrock API key (Bearer); else `AWS_BEARER_TOKEN_BEDROCK` at call time. */
  apiKey?: string;
  /** `auto` (default): an API key when there is one, else SigV4. */
  auth?: 'auto' | 'sigv4' | 'api_key';
  /** Overrides `https://bedrock-runtime.{region}.amazonaws.com`. */
  baseURL?: string;
  /** Overrides `https://bedrock.{region}.amazonaws.com` (model listing and health checks). */
  controlPlaneURL?: string;
  /** How URL images and documents are downloaded; private addresses are refused unless allowed. */
  mediaFetch?: Pick<FetchMediaOptions, 'allowPrivateNetwork' | 'maxBytes' | 'timeoutMs'>;
  /** Where environment variables are read from, at call time; defaults to `process.env`. */
  environment?: Readonly<Record<string, string | undefined>>;
  /** Shared connection pools (by default the provider has its own). */
  pools?: HttpPools;
  limits?: UpstreamLimits;
  logger?: PluginLogger;
  /** Where these settings sit in the config, for error messages. Default `providers.<name>`. */
  settingsPath?: string;
}

interface FoundationModelSummary {
  modelId?: string;
  providerName?: string;
}

/**
 * Creates an AWS Bedrock provider: chat through Converse and ConverseStream, embeddings through
 * InvokeModel. Nothing is read or connected here: credentials and region are read when a call is made.
 */
export function createBedrockProvider(settings: BedrockProviderSettings = {}): ProviderV1 {
  const name = settings.name ?? 'bedrock';
  const credentials: BedrockCredentialSettings = {
    provider: name,
    settingsPath: settings.settingsPath ?? `providers.${name}`,
    region: settings.region,
    accessKeyId: settings.accessKeyId,
    secretAccessKey: settings.secretAccessKey,
    sessionToken: settings.sessionToken,
    apiKey: settings.apiKey,
    auth: settings.auth,
    environment: settings.environment,
  };
  const idleTimeoutMs = settings.limits?.idleTimeoutMs;
  const ownPools = settings.pools === undefined;
  const pools = settings.pools ?? new HttpPools(idleTimeoutMs === undefined ? {} : { bodyTimeout: idleTimeoutMs });
  const client = new BedrockClient(
    { credentials, baseURL: settings.baseURL, controlPlaneURL: settings.controlPlaneURL, limits: settings.limits },
    pools,
  );
  const mediaFetch: FetchMediaOptions = { ...settings.mediaFetch };

  async function listModels(options: CallOptions): Promise<ModelInfoV1[]> {
    const response = await client.send({
      plane: 'control',
      path: '/foundation-models',
      method: 'GET',
      model: 'foundation-models',
      call: options,
    });
    const answer = (await client.readJson(response, 'foundation-models', abortOf(options))) as {
      modelSummaries?: FoundationModelSummary[];
    };
    return (answer.modelSummaries ?? []).flatMap((summary) =>
      typeof summary.modelId === 'string'
        ? [{ id: summary.modelId, ...(summary.providerName ? { ownedBy: summary.providerName } : {}) }]
        : [],
    );
  }

  return {
    specificationVersion: 'v1',
    name,
    chat: (modelId) => new BedrockChatModel(modelId, client, mediaFetch),
    embeddings: (modelId) => new BedrockEmbeddingModel(modelId, client),
    listModels,
    passthrough: (request, options) => client.passthrough(request, options),
    modelMetadata: findBedrockModelMetadata,
    async checkHealth(options): Promise<HealthStatusV1> {
      const started = performance.now();
      try {
        await listModels(options);
        return { healthy: true, latencyMs: Math.round(performance.now() - started) };
      } catch (error) {
        return { healthy: false, latencyMs: Math.round(performance.now() - started), message: (error as Error).message };
      }
    },
    describeCredentials: () => describeBedrockCredentials(credentials),
    close: async () => {
      if (ownPools) await pools.close();
    },
  };
}
