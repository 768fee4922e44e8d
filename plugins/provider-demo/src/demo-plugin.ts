import { definePlugin } from '@modelgate/core';
import { createDemoProvider } from './create-demo-provider.js';
import { demoSettingsSchema } from './demo-settings-schema.js';

/** The `demo` provider plugin: `providers: { demo: { type: demo } }`. */
export const demoPlugin = definePlugin({
  kind: 'provider',
  name: 'demo',
  specificationVersion: 'v1',
  settingsSchema: demoSettingsSchema,
  create(settings, context) {
    return createDemoProvider({
      name: context.instanceName,
      ...(settings.embedding_dimensions === undefined ? {} : { embeddingDimensions: settings.embedding_dimensions }),
    });
  },
});
