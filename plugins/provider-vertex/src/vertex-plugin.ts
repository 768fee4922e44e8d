import { definePlugin } from '@modelgate/core';
import { mediaOptionsOf } from '@modelgate/provider-gemini';
import { createVertexProvider } from './create-vertex-provider.js';
import { vertexSettingsSchema } from './vertex-settings-schema.js';

/** The `vertex` provider plugin: Google's Gemini models on Vertex AI, with a service account. */
export const vertexPlugin = definePlugin({
  kind: 'provider',
  name: 'vertex',
  specificationVersion: 'v1',
  settingsSchema: vertexSettingsSchema,
  create(settings, context) {
    const mediaFetch = mediaOptionsOf(settings.media_fetch);
    return createVertexProvider({
      name: context.instanceName,
      ...(settings.project === undefined ? {} : { project: settings.project }),
      ...(settings.location === undefined ? {} : { location: settings.location }),
      ...(settings.credentials_file === undefined ? {} : { credentialsFile: settings.credentials_file }),
      ...(settings.credentials === undefined ? {} : { credentials: settings.credentials }),
      ...(settings.base_url === undefined ? {} : { baseURL: settings.base_url }),
      ...(settings.headers === undefined ? {} : { headers: settings.headers }),
      ...(mediaFetch === undefined ? {} : { mediaFetch }),
      environment: context.environment,
      logger: context.logger,
      ...(context.upstreamLimits === undefined ? {} : { limits: context.upstreamLimits }),
    });
  },
});
