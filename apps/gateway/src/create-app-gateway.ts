import {
  createGateway,
  type Gateway,
  type LoadedConfig,
  type MiddlewareV1,
  type PluginDefinition,
  type PluginLogger,
} from '@modelgate/core';
import openaiProviderPlugin from '@modelgate/provider-openai';
import demoProviderPlugin from '@modelgate/provider-demo';

export interface CreateAppGatewayOptions {
  environment?: Readonly<Record<string, string | undefined>>;
  logger?: PluginLogger;
  /** Plugins besides the bundled ones (tests, embedding applications). */
  plugins?: readonly PluginDefinition[];
  /** Chat hooks for every request (embedding applications, tests). */
  middleware?: readonly MiddlewareV1[];
}

/** The plugins the app ships with, so that catalog types (`openai`, `groq`, `ollama`...) and `demo` always resolve. */
export const bundledPlugins: readonly PluginDefinition[] = [
  openaiProviderPlugin as PluginDefinition,
  demoProviderPlugin as PluginDefinition,
];

/**
 * Creates the gateway the way the app does: plugin packages are imported from the app's own
 * location (so its dependencies resolve) and the bundled plugins are always available.
 */
export function createAppGateway(loaded: LoadedConfig, options: CreateAppGatewayOptions = {}): Promise<Gateway> {
  return createGateway(loaded, {
    importModule: (specifier) => import(specifier),
    plugins: [...bundledPlugins, ...(options.plugins ?? [])],
    ...(options.environment === undefined ? {} : { environment: options.environment }),
    ...(options.logger === undefined ? {} : { logger: options.logger }),
    ...(options.middleware === undefined ? {} : { middleware: options.middleware }),
  });
}
