import { definePlugin } from '@modelgate/core';
import { anthropicSettingsSchema } from './anthropic-settings-schema.js';
import { createAnthropicProvider } from './create-anthropic-provider.js';

/** The `anthropic` provider plugin: `providers: { anthropic: { type: anthropic, api_key: ${ANTHROPIC_API_KEY} } }`. */
export const anthropicPlugin = definePlugin({
  kind: 'provider',
  name: 'anthropic',
  specificationVersion: 'v1',
  settingsSchema: anthropicSettingsSchema,
  create(settings, context) {
    return createAnthropicProvider({
      name: context.instanceName,
      ...(settings.api_key === undefined ? {} : { apiKey: settings.api_key }),
      ...(settings.base_url === undefined ? {} : { baseURL: settings.base_url }),
      ...(settings.anthropic_version === undefined ? {} : { anthropicVersion: settings.anthropic_version }),
      ...(settings.beta === undefined ? {} : { beta: settings.beta }),
      ...(settings.default_max_tokens === undefined ? {} : { defaultMaxTokens: settings.default_max_tokens }),
      ...(settings.headers === undefined ? {} : { headers: settings.headers }),
      environment: context.environment,
      ...(context.upstreamLimits === undefined ? {} : { limits: context.upstreamLimits }),
    });
  },
});
