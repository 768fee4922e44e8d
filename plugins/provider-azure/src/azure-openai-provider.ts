import type {
  CallOptions,
  ChatModelV1,
  CredentialStateV1,
  EmbeddingModelV1,
  HealthStatusV1,
  ModelInfoV1,
  ModelMetadataV1,
  PassthroughRequestV1,
  PassthroughResponseV1,
  PluginLogger,
  ProviderV1,
} from '@modelgate/core';
import { OpenAICompatibleProvider, type HttpPools, type UpstreamLimits } from '@modelgate/plugin-kit';
import { azureCredentialHeaders, describeAzureCredentials, isAzureHost, type AzureCredentialSettings } from './azure-credentials.js';
import { findAzureModelMetadata } from './azure-model-metadata.js';
import { azureURLBuilder, resourceEndpoint } from './build-azure-url.js';
import { createAzureError } from './create-azure-error.js';

export interface AzureOpenAIProviderSettings {
  /** The instance name (default `azure`). */
  name?: string;
  /** The resource endpoint, `https://my-resource.openai.azure.com`. */
  baseURL: string;
  /** The resource key (`api-key`); by default read at call time from `AZURE_OPENAI_API_KEY`. */
  apiKey?: string;
  /** A Microsoft Entra ID token (`Authorization: Bearer`); by default from `AZURE_OPENAI_AD_TOKEN`. */
  entraToken?: string;
  /** Set: the classic deployment API with this version. Unset: the v1 API. */
  apiVersion?: string;
  /** The OpenAI model each deployment runs, for `modelMetadata` (prices and limits). */
  deploymentModels?: Record<string, string>;
  /** Whether the environment variables may supply a credential for a `baseURL` outside Azure's domains. */
  environmentFallback?: boolean;
  headers?: Record<string, string>;
  environment?: Readonly<Record<string, string | undefined>>;
  pools?: HttpPools;
  limits?: UpstreamLimits;
  logger?: PluginLogger;
  /** Where these settings sit in the config, for error messages. Default `providers.<name>`. */
  settingsPath?: string;
}

/** `stream_options` came with api-version 2024-09-01-preview; older versions refuse it. */
function supportsStreamOptions(apiVersion: string | undefined): boolean {
  return apiVersion === undefined || apiVersion >= '2024-09-01';
}

/**
 * Azure OpenAI: OpenAI's wire format (chat with its native path, embeddings) on a resource's
 * deployments, through the plugin kit's OpenAI-compatible provider, with Azure's URLs, credentials
 * and errors. `listModels` only on the v1 API (the classic API has no list of deployments).
 */
export class AzureOpenAIProvider implements ProviderV1 {
  readonly specificationVersion = 'v1';
  readonly name: string;
  /** The resource's models, as its v1 API lists them; absent on the classic API. */
  readonly listModels?: (options: CallOptions) => Promise<ModelInfoV1[]>;
  private readonly openai: OpenAICompatibleProvider;
  private readonly credentials: AzureCredentialSettings;
  private readonly deploymentModels: Record<string, string> | undefined;

  constructor(settings: AzureOpenAIProviderSettings) {
    this.name = settings.name ?? 'azure';
    const endpoint = resourceEndpoint(settings.baseURL);
    this.deploymentModels = settings.deploymentModels;
    this.credentials = {
      provider: this.name,
      settingsPath: settings.settingsPath ?? `providers.${this.name}`,
      apiKey: settings.apiKey,
      entraToken: settings.entraToken,
      environmentFallback: settings.environmentFallback ?? isAzureHost(endpoint),
      environment: settings.environment ?? process.env,
    };
    const credentials = this.credentials;
    this.openai = new OpenAICompatibleProvider({
      name: this.name,
      baseURL: endpoint,
      buildURL: azureURLBuilder(endpoint, settings.apiVersion),
      credentialHeaders: () => azureCredentialHeaders(credentials),
      createError: createAzureError,
      quirks: { supportsStreamOptions: supportsStreamOptions(settings.apiVersion) },
      ...(settings.headers === undefined ? {} : { headers: settings.headers }),
      ...(settings.pools === undefined ? {} : { pools: settings.pools }),
      ...(settings.limits === undefined ? {} : { limits: settings.limits }),
      ...(settings.logger === undefined ? {} : { logger: settings.logger }),
    });
    if (settings.apiVersion === undefined) this.listModels = (options) => this.openai.listModels(options);
  }

  /** A deployment's chat model; its name is the model id (the path's deployment, or the v1 body's `model`). */
  chat(deploymentId: string): ChatModelV1 {
    return this.openai.chat(deploymentId);
  }

  embeddings(deploymentId: string): EmbeddingModelV1 {
    return this.openai.embeddings(deploymentId);
  }

  /**
   * A native request under the resource endpoint as it is (`/openai/deployments/{deployment}/chat/completions?api-version=…`,
   * `/openai/v1/responses`), with the resource's `api-key` or its Entra ID token as Bearer.
   */
  passthrough(request: PassthroughRequestV1, options: CallOptions): Promise<PassthroughResponseV1> {
    return this.openai.passthrough(request, options);
  }

  /** OpenAI's facts for the model behind a deployment: see `findAzureModelMetadata`. */
  modelMetadata(deploymentId: string): ModelMetadataV1 | undefined {
    return findAzureModelMetadata(deploymentId, this.deploymentModels);
  }

  /** Healthy when the resource lists its models (`GET /openai/models` or `/openai/v1/models`); never throws but for an abort. */
  checkHealth(options: CallOptions): Promise<HealthStatusV1> {
    return this.openai.checkHealth(options);
  }

  describeCredentials(): CredentialStateV1 {
    return describeAzureCredentials(this.credentials);
  }

  close(): Promise<void> {
    return this.openai.close();
  }
}
