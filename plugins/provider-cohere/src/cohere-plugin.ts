import { definePlugin } from '@modelgate/core';
import { cohereSettingsSchema } from './cohere-settings-schema.js';
import { createCohereProvider } from './create-cohere-provider.js';

/** The `cohere` provider plugin: `providers: { cohere: { type: cohere } }`. */
export const coherePlugin = definePlugin({
  kind: 'provider',
  name: 'cohere',
  specificationVersion: 'v1',
  settingsSchema: cohereSettingsSchema,
  create(settings, context) {
    return createCohereProvider({
      name: context.instanceName,
      ...(settings.api_key === undefined ? {} : { apiKey: settings.api_key }),
      ...(settings.base_url === undefined ? {} : { baseURL: settings.base_url }),
      ...(settings.client_name === undefined ? {} : { clientName: settings.client_name }),
      ...(settings.headers === undefined ? {} : { headers: settings.headers }),
      environment: context.environment,
      ...(context.upstreamLimits === undefined ? {} : { limits: context.upstreamLimits }),
    });
  },
});
