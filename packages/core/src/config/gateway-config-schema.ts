import { z } from 'zod';

const positiveInteger = z.number().int().positive();
const pricePerMillion = z.number().nonnegative();

/** Settings of a plugin instance: `type` or `plugin` picks the plugin; the plugin's own schema checks the rest. */
const pluginInstanceSchema = z.looseObject({
  type: z.string().min(1).optional(),
  plugin: z.string().min(1).optional(),
});

export const deploymentConfigSchema = z.strictObject({
  provider: z.string().min(1),
  model: z.string().min(1),
  weight: z.number().positive().default(1),
  rpm: positiveInteger.optional(),
  tpm: positiveInteger.optional(),
  /** Serve only when no other deployment of the group has its credentials (the shipped demo model). */
  standby: z.boolean().optional(),
  /** Refuse, with a 400 naming it, any parameter this deployment's provider would drop or clamp. */
  strict: z.boolean().optional(),
  /** Prices in US dollars per million tokens and limits, over the provider plugin's own figures. */
  input_cost_per_million: pricePerMillion.optional(),
  output_cost_per_million: pricePerMillion.optional(),
  cached_input_cost_per_million: pricePerMillion.optional(),
  cache_write_cost_per_million: pricePerMillion.optional(),
  /** US dollars per search unit of a rerank model (Cohere: one query with up to 100 documents). */
  cost_per_search_unit: z.number().nonnegative().optional(),
  context_window: positiveInteger.optional(),
  max_output_tokens: positiveInteger.optional(),
});

export const modelConfigSchema = z.strictObject({
  name: z.string().min(1),
  deployments: z.array(deploymentConfigSchema).min(1),
});

export const serverConfigSchema = z.strictObject({
  host: z.string().min(1).default('127.0.0.1'),
  port: z.number().int().min(0).max(65535).default(4000),
  /** Largest accepted request body; larger ones get a 413. */
  body_limit_bytes: positiveInteger.default(10 * 1024 * 1024),
  /** Worker processes (node:cluster). */
  workers: positiveInteger.default(1),
  /** Log level of the server's logger. */
  log_level: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Time a client has to send its request headers; slower ones get a 408 and are disconnected. */
  headers_timeout_ms: positiveInteger.default(10_000),
  /** Time a client has to send its whole request, body included (a body sent byte by byte is cut off). */
  request_timeout_ms: positiveInteger.default(30_000),
  /** How long an idle keep-alive connection stays open between requests. */
  keep_alive_timeout_ms: positiveInteger.default(5_000),
  /** Concurrent client connections; further ones are closed at once. */
  max_connections: positiveInteger.default(10_000),
  /** On SIGTERM, how long in-flight requests and streams may take before they are ended. */
  shutdown_grace_seconds: z.number().positive().default(30),
});

export const authConfigSchema = z.strictObject({
  master_key: z.string().min(1).optional(),
  /** Serve without any authentication, even on a public address. */
  disabled: z.boolean().default(false),
});

export const routerConfigSchema = z.strictObject({
  strategy: z.string().min(1).default('weighted'),
  /** Further attempts after the first, across deployments of the model and its fallbacks. */
  retries: z.number().int().min(0).max(10).default(2),
  /** Deadline of one upstream attempt, until the first byte of a stream or the whole answer. */
  timeout_ms: positiveInteger.default(600_000),
  /** Deadline of a whole request, every attempt and back-off included; none by default. */
  request_timeout_ms: positiveInteger.optional(),
  /** Model groups to try, in order, when every deployment of a group failed. */
  fallbacks: z.record(z.string(), z.array(z.string().min(1))).default({}),
});

export const upstreamConfigSchema = z.strictObject({
  /** Largest non-streaming upstream response read; a larger one fails the call with a 502. */
  max_response_bytes: positiveInteger.default(32 * 1024 * 1024),
  /** Longest silence between two chunks of an upstream response (a stalled stream ends with an error). */
  idle_timeout_ms: positiveInteger.default(120_000),
});

/** The Responses surface (`/v1/responses`): how many answers the in-memory store keeps for `previous_response_id` and `GET`. */
export const responsesConfigSchema = z.strictObject({
  store: z
    .strictObject({
      /** Most answers kept; the oldest are evicted first. */
      max_responses: positiveInteger.default(1000),
      /** Most bytes kept (JSON size of the answers and their conversations). */
      max_bytes: positiveInteger.default(64 * 1024 * 1024),
      /** How long an answer is kept after it was stored. */
      ttl_seconds: positiveInteger.default(3600),
    })
    .default({ max_responses: 1000, max_bytes: 64 * 1024 * 1024, ttl_seconds: 3600 }),
});

export const gatewayConfigSchema = z
  .strictObject({
    server: serverConfigSchema.default(serverConfigSchema.parse({})),
    auth: authConfigSchema.default(authConfigSchema.parse({})),
    providers: z.record(z.string().min(1), pluginInstanceSchema).default({}),
    models: z.array(modelConfigSchema).default([]),
    router: routerConfigSchema.default(routerConfigSchema.parse({})),
    upstream: upstreamConfigSchema.default(upstreamConfigSchema.parse({})),
    responses: responsesConfigSchema.default(responsesConfigSchema.parse({})),
  })
  .superRefine((config, context) => {
    const names = new Set<string>();
    config.models.forEach((model, modelIndex) => {
      if (names.has(model.name)) {
        context.addIssue({ code: 'custom', path: ['models', modelIndex, 'name'], message: `duplicate model name "${model.name}"` });
      }
      names.add(model.name);
      model.deployments.forEach((deployment, deploymentIndex) => {
        if (!(deployment.provider in config.providers)) {
          context.addIssue({
            code: 'custom',
            path: ['models', modelIndex, 'deployments', deploymentIndex, 'provider'],
            message: `unknown provider "${deployment.provider}" (not under providers:)`,
          });
        }
      });
    });
    for (const [source, targets] of Object.entries(config.router.fallbacks)) {
      if (!names.has(source)) {
        context.addIssue({ code: 'custom', path: ['router', 'fallbacks', source], message: `unknown model "${source}"` });
      }
      targets.forEach((target, index) => {
        if (!names.has(target)) {
          context.addIssue({ code: 'custom', path: ['router', 'fallbacks', source, index], message: `unknown model "${target}"` });
        }
      });
    }
  });

/** The raw YAML shape, before defaults. */
export type GatewayConfigInput = z.input<typeof gatewayConfigSchema>;
/** The validated config with defaults filled in. */
export type GatewayConfig = z.output<typeof gatewayConfigSchema>;
export type ModelConfig = z.output<typeof modelConfigSchema>;
export type DeploymentConfig = z.output<typeof deploymentConfigSchema>;
export type ProviderInstanceConfig = z.output<typeof pluginInstanceSchema>;
