import { definePlugin } from '@modelgate/core';
import { createBedrockProvider } from './create-bedrock-provider.js';
import { bedrockSettingsSchema } from './bedrock-settings-schema.js';

/** The `bedrock` provider plugin: `providers: { bedrock: { type: bedrock, region: us-east-1 } }`. */
export const bedrockPlugin = definePlugin({
  kind: 'provider',
  name: 'bedrock',
  specificationVersion: 'v1',
  settingsSchema: bedrockSettingsSchema,
  create(settings, context) {
    const media = settings.media_fetch;
    return createBedrockProvider({
      name: context.instanceName,
      ...(settings.region === undefined ? {} : { region: settings.region }),
      ...(settings.access_key_id === undefined ? {} : { accessKeyId: settings.access_key_id }),
      ...(settings.secret_access_key === undefined ? {} : { secretAccessKey: settings.secret_access_key }),
      ...(settings.session_token === undefined ? {} : { sessionToken: settings.session_token }),
      ...(settings.api_key === undefined ? {} : { apiKey: settings.api_key }),
      ...(settings.auth === undefined ? {} : { auth: settings.auth }),
      ...(settings.base_url === undefined ? {} : { baseURL: settings.base_url }),
      ...(settings.control_plane_url === undefined ? {} : { controlPlaneURL: settings.control_plane_url }),
      ...(media === undefined
        ? {}
        : {
            mediaFetch: {
              ...(media.allow_private_network === undefined ? {} : { allowPrivateNetwork: media.allow_private_network }),
              ...(media.max_bytes === undefined ? {} : { maxBytes: media.max_bytes }),
              ...(media.timeout_ms === undefined ? {} : { timeoutMs: media.timeout_ms }),
            },
          }),
      environment: context.environment,
      logger: context.logger,
      ...(context.upstreamLimits === undefined ? {} : { limits: context.upstreamLimits }),
    });
  },
});
