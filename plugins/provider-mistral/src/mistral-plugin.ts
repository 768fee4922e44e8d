import { definePlugin } from '@modelgate/core';
import { MistralProvider } from './mistral-provider.js';
import { mistralSettingsSchema } from './mistral-settings-schema.js';

/** The `mistral` provider plugin: `providers: { mistral: { type: mistral } }`, the key from `MISTRAL_API_KEY`. */
export const mistralPlugin = definePlugin({
  kind: 'provider',
  name: 'mistral',
  specificationVersion: 'v1',
  settingsSchema: mistralSettingsSchema,
  create(settings, context) {
    return new MistralProvider({
      name: context.instanceName,
      ...(settings.api_key === undefined ? {} : { apiKey: settings.api_key }),
      ...(settings.base_url === undefined ? {} : { baseURL: settings.base_url }),
      ...(settings.environment_fallback === undefined ? {} : { environmentFallback: settings.environment_fallback }),
      ...(settings.headers === undefined ? {} : { headers: settings.headers }),
      environment: context.environment,
      logger: context.logger,
      ...(context.upstreamLimits === undefined ? {} : { limits: context.upstreamLimits }),
    });
  },
});
