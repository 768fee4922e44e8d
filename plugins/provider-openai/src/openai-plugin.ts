import { definePlugin } from '@modelgate/core';
import type { OpenAICompatibleQuirks } from '@modelgate/plugin-kit';
import { createOpenAIProvider } from './create-openai-provider.js';
import { openAICompatibleCatalog } from './openai-compatible-catalog.js';
import { openAISettingsSchema, type OpenAIQuirksSettings } from './openai-settings-schema.js';

function toQuirks(settings: OpenAIQuirksSettings | undefined): OpenAICompatibleQuirks | undefined {
  if (settings === undefined) return undefined;
  const quirks: OpenAICompatibleQuirks = {};
  if (settings.max_tokens_field !== undefined) quirks.maxTokensField = settings.max_tokens_field;
  if (settings.supports_stream_options !== undefined) quirks.supportsStreamOptions = settings.supports_stream_options;
  if (settings.unsupported_fields !== undefined) quirks.unsupportedFields = settings.unsupported_fields;
  if (settings.auth_header !== undefined) quirks.authHeader = settings.auth_header;
  if (settings.content_as_string !== undefined) quirks.contentAsString = settings.content_as_string;
  return quirks;
}

/**
 * The `openai` provider plugin. Its aliases are the catalog ids, so `providers: { groq: { type: groq } }`
 * resolves here and `context.type` picks the catalog entry.
 */
export const openAIPlugin = definePlugin({
  kind: 'provider',
  name: 'openai',
  specificationVersion: 'v1',
  settingsSchema: openAISettingsSchema,
  aliases: openAICompatibleCatalog.map((entry) => entry.id).filter((id) => id !== 'openai'),
  create(settings, context) {
    const quirks = toQuirks(settings.quirks);
    return createOpenAIProvider({
      type: context.type,
      name: context.instanceName,
      ...(settings.api_key === undefined ? {} : { apiKey: settings.api_key }),
      ...(settings.base_url === undefined ? {} : { baseURL: settings.base_url }),
      ...(settings.organization === undefined ? {} : { organization: settings.organization }),
      ...(settings.project === undefined ? {} : { project: settings.project }),
      ...(settings.headers === undefined ? {} : { headers: settings.headers }),
      ...(quirks === undefined ? {} : { quirks }),
      ...(settings.abilities === undefined ? {} : { abilities: settings.abilities }),
      environment: context.environment,
      logger: context.logger,
      ...(context.upstreamLimits === undefined ? {} : { limits: context.upstreamLimits }),
    });
  },
});
