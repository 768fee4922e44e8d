import { definePlugin } from '@modelgate/core';
import { AzureOpenAIProvider } from './azure-openai-provider.js';
import { azureSettingsSchema } from './azure-settings-schema.js';

/** The `azure` provider plugin: `providers: { azure: { type: azure, base_url, api_key, api_version } }`. */
export const azurePlugin = definePlugin({
  kind: 'provider',
  name: 'azure',
  specificationVersion: 'v1',
  settingsSchema: azureSettingsSchema,
  create(settings, context) {
    return new AzureOpenAIProvider({
      name: context.instanceName,
      baseURL: settings.base_url,
      ...(settings.api_key === undefined ? {} : { apiKey: settings.api_key }),
      ...(settings.azure_ad_token === undefined ? {} : { entraToken: settings.azure_ad_token }),
      ...(settings.api_version === undefined ? {} : { apiVersion: settings.api_version }),
      ...(settings.deployment_models === undefined ? {} : { deploymentModels: settings.deployment_models }),
      ...(settings.environment_fallback === undefined ? {} : { environmentFallback: settings.environment_fallback }),
      ...(settings.headers === undefined ? {} : { headers: settings.headers }),
      environment: context.environment,
      logger: context.logger,
      ...(context.upstreamLimits === undefined ? {} : { limits: context.upstreamLimits }),
    });
  },
});
