import { definePlugin } from '@modelgate/core';
import { createGeminiProvider } from './create-gemini-provider.js';
import { mediaOptionsOf } from './gemini-media-settings.js';
import { geminiSettingsSchema } from './gemini-settings-schema.js';

/** The `gemini` provider plugin; `google` is another name for it (core resolves `type: google` here too). */
export const geminiPlugin = definePlugin({
  kind: 'provider',
  name: 'gemini',
  specificationVersion: 'v1',
  settingsSchema: geminiSettingsSchema,
  aliases: ['google'],
  create(settings, context) {
    const mediaFetch = mediaOptionsOf(settings.media_fetch);
    return createGeminiProvider({
      name: context.instanceName,
      ...(settings.api_key === undefined ? {} : { apiKey: settings.api_key }),
      ...(settings.base_url === undefined ? {} : { baseURL: settings.base_url }),
      ...(settings.headers === undefined ? {} : { headers: settings.headers }),
      ...(mediaFetch === undefined ? {} : { mediaFetch }),
      environment: context.environment,
      logger: context.logger,
      ...(context.upstreamLimits === undefined ? {} : { limits: context.upstreamLimits }),
    });
  },
});
