import type { FastifyPluginCallback } from 'fastify';

/**
 * Marks a plugin as infrastructure, the way `fastify-plugin` does: its hooks and decorators apply
 * to the instance that registers it (no encapsulation), it carries a name, and fastify checks
 * that its dependencies were registered first.
 */
export function infraPlugin<Options extends Record<string, unknown>>(
  plugin: FastifyPluginCallback<Options>,
  name: string,
  dependencies: readonly string[] = [],
): FastifyPluginCallback<Options> {
  const marked = plugin as FastifyPluginCallback<Options> & Record<symbol, unknown>;
  marked[Symbol.for('skip-override')] = true;
  marked[Symbol.for('fastify.display-name')] = name;
  marked[Symbol.for('plugin-meta')] = { name, dependencies: [...dependencies] };
  return plugin;
}
