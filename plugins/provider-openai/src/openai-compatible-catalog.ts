import type { ModelMetadataV1 } from '@modelgate/core';
import { openAICompatibleAbilities, type OpenAICompatibleAbility, type OpenAICompatibleQuirks } from '@modelgate/plugin-kit';
import { deepSeekModels } from './deepseek-models.js';
import { openAIModels } from './openai-models.js';

/** One OpenAI-compatible host that `type: <id>` selects, with no code. */
export interface OpenAICompatibleCatalogEntry {
  /** The `type:` in the config (`groq`). */
  readonly id: string;
  readonly displayName: string;
  /** The API root. A `{placeholder}` in it means the settings must give `base_url`. */
  readonly baseURL: string;
  /** Where the key comes from when `api_key` is not set. */
  readonly apiKeyEnvironmentVariable?: string;
  /** `false` for local servers, where the key is optional. Default `true`. */
  readonly apiKeyRequired?: boolean;
  readonly quirks?: OpenAICompatibleQuirks;
  readonly headers?: Readonly<Record<string, string>>;
  /** The host's published limits, prices and capabilities, for the models it names (none for most hosts). */
  readonly models?: ReadonlyMap<string, ModelMetadataV1>;
  /** The endpoints besides chat, embeddings and models the host serves (its documentation says which). */
  readonly abilities?: readonly OpenAICompatibleAbility[];
}

/**
 * OpenAI-only request fields (provider-formats §1.1) that other hosts reject or misread.
 * `user` is left alone: most hosts accept it.
 */
export const openAIOnlyFields: readonly string[] = [
  'store',
  'metadata',
  'service_tier',
  'modalities',
  'audio',
  'prediction',
  'web_search_options',
  'verbosity',
  'prompt_cache_key',
  'safety_identifier',
];

const hosted: OpenAICompatibleQuirks = { unsupportedFields: openAIOnlyFields };
const legacyMaxTokens: OpenAICompatibleQuirks = { ...hosted, maxTokensField: 'max_tokens' };
const completions: readonly OpenAICompatibleAbility[] = ['text-completions'];
const local = { apiKeyRequired: false, quirks: { maxTokensField: 'max_tokens' }, abilities: completions } as const;

function entry(
  id: string,
  displayName: string,
  baseURL: string,
  apiKeyEnvironmentVariable: string | undefined,
  extra: Partial<OpenAICompatibleCatalogEntry> = {},
): OpenAICompatibleCatalogEntry {
  return Object.freeze({
    id,
    displayName,
    baseURL,
    ...(apiKeyEnvironmentVariable === undefined ? {} : { apiKeyEnvironmentVariable }),
    quirks: hosted,
    ...extra,
  });
}

/**
 * The OpenAI-compatible hosts served by this plugin (provider-formats §10). Ids of hosts that have
 * (or will have) a native plugin carry an `-openai` suffix (`azure-openai`, `gemini-openai`,
 * `anthropic-openai`, `mistral-openai`) so that they never shadow `@modelgate/provider-<id>`.
 */
export const openAICompatibleCatalog: readonly OpenAICompatibleCatalogEntry[] = Object.freeze([
  entry('openai', 'OpenAI', 'https://api.openai.com/v1', 'OPENAI_API_KEY', {
    quirks: { maxTokensField: 'max_completion_tokens', unsupportedFields: ['top_k'] },
    models: openAIModels,
    abilities: openAICompatibleAbilities,
  }),
  entry('groq', 'Groq', 'https://api.groq.com/openai/v1', 'GROQ_API_KEY', {
    quirks: {
      unsupportedFields: [...openAIOnlyFields.filter((field) => field !== 'service_tier'), 'logprobs', 'top_logprobs', 'logit_bias'],
    },
    abilities: ['transcriptions', 'speech'],
  }),
  entry('together', 'Together AI', 'https://api.together.xyz/v1', 'TOGETHER_API_KEY', { abilities: ['text-completions', 'images'] }),
  entry('fireworks', 'Fireworks AI', 'https://api.fireworks.ai/inference/v1', 'FIREWORKS_API_KEY', { abilities: completions }),
  entry('deepseek', 'DeepSeek', 'https://api.deepseek.com/v1', 'DEEPSEEK_API_KEY', { quirks: legacyMaxTokens, models: deepSeekModels }),
  entry('openrouter', 'OpenRouter', 'https://openrouter.ai/api/v1', 'OPENROUTER_API_KEY', { quirks: {} }),
  entry('perplexity', 'Perplexity', 'https://api.perplexity.ai', 'PERPLEXITY_API_KEY', { quirks: legacyMaxTokens }),
  entry('xai', 'xAI', 'https://api.x.ai/v1', 'XAI_API_KEY'),
  entry('cerebras', 'Cerebras', 'https://api.cerebras.ai/v1', 'CEREBRAS_API_KEY'),
  entry('deepinfra', 'DeepInfra', 'https://api.deepinfra.com/v1/openai', 'DEEPINFRA_API_KEY', { abilities: completions }),
  entry('mistral-openai', 'Mistral (OpenAI-compatible endpoint)', 'https://api.mistral.ai/v1', 'MISTRAL_API_KEY', {
    quirks: {
      maxTokensField: 'max_tokens',
      supportsStreamOptions: false,
      unsupportedFields: [...openAIOnlyFields, 'user', 'logit_bias', 'logprobs', 'top_logprobs'],
    },
  }),
  entry('nvidia', 'NVIDIA NIM', 'https://integrate.api.nvidia.com/v1', 'NVIDIA_API_KEY'),
  entry('hyperbolic', 'Hyperbolic', 'https://api.hyperbolic.xyz/v1', 'HYPERBOLIC_API_KEY'),
  entry('novita', 'Novita AI', 'https://api.novita.ai/openai', 'NOVITA_API_KEY'),
  entry('sambanova', 'SambaNova', 'https://api.sambanova.ai/v1', 'SAMBANOVA_API_KEY'),
  entry('moonshot', 'Moonshot AI (Kimi)', 'https://api.moonshot.ai/v1', 'MOONSHOT_API_KEY'),
  entry('moonshot-cn', 'Moonshot AI (Kimi, China)', 'https://api.moonshot.cn/v1', 'MOONSHOT_API_KEY'),
  entry('zhipu', 'Zhipu BigModel', 'https://open.bigmodel.cn/api/paas/v4', 'ZHIPU_API_KEY'),
  entry('zai', 'Z.ai (GLM)', 'https://api.z.ai/api/paas/v4', 'ZAI_API_KEY'),
  entry('dashscope', 'Alibaba DashScope (Qwen)', 'https://dashscope-intl.aliyuncs.com/compatible-mode/v1', 'DASHSCOPE_API_KEY'),
  entry('dashscope-cn', 'Alibaba DashScope (Qwen, China)', 'https://dashscope.aliyuncs.com/compatible-mode/v1', 'DASHSCOPE_API_KEY'),
  entry('ollama', 'Ollama', 'http://localhost:11434/v1', undefined, local),
  entry('vllm', 'vLLM', 'http://localhost:8000/v1', 'VLLM_API_KEY', {
    apiKeyRequired: false,
    quirks: {},
    abilities: ['text-completions', 'transcriptions'],
  }),
  entry('lmstudio', 'LM Studio', 'http://localhost:1234/v1', undefined, local),
  entry('llamacpp', 'llama.cpp server', 'http://localhost:8080/v1', undefined, local),
  entry(
    'gemini-openai',
    'Google Gemini (OpenAI compatibility)',
    'https://generativelanguage.googleapis.com/v1beta/openai',
    'GEMINI_API_KEY',
  ),
  entry('anthropic-openai', 'Anthropic (OpenAI SDK compatibility)', 'https://api.anthropic.com/v1', 'ANTHROPIC_API_KEY'),
  entry('azure-openai', 'Azure OpenAI (v1 API)', 'https://{resource}.openai.azure.com/openai/v1', 'AZURE_OPENAI_API_KEY', {
    quirks: { authHeader: 'api-key' },
  }),
  entry('nebius', 'Nebius Token Factory', 'https://api.tokenfactory.nebius.com/v1', 'NEBIUS_API_KEY'),
  entry('siliconflow', 'SiliconFlow', 'https://api.siliconflow.com/v1', 'SILICONFLOW_API_KEY'),
  entry('siliconflow-cn', 'SiliconFlow (China)', 'https://api.siliconflow.cn/v1', 'SILICONFLOW_API_KEY'),
  entry('huggingface', 'Hugging Face Inference Providers', 'https://router.huggingface.co/v1', 'HF_TOKEN'),
  entry('baseten', 'Baseten Model APIs', 'https://inference.baseten.co/v1', 'BASETEN_API_KEY'),
  entry('friendli', 'FriendliAI', 'https://api.friendli.ai/serverless/v1', 'FRIENDLI_TOKEN'),
  entry('github-models', 'GitHub Models', 'https://models.github.ai/inference', 'GITHUB_TOKEN'),
  entry('cloudflare', 'Cloudflare Workers AI', 'https://api.cloudflare.com/client/v4/accounts/{account_id}/ai/v1', 'CLOUDFLARE_API_TOKEN'),
  entry('featherless', 'Featherless', 'https://api.featherless.ai/v1', 'FEATHERLESS_API_KEY'),
  entry('scaleway', 'Scaleway Generative APIs', 'https://api.scaleway.ai/v1', 'SCW_SECRET_KEY'),
  entry('chutes', 'Chutes', 'https://llm.chutes.ai/v1', 'CHUTES_API_KEY', { quirks: legacyMaxTokens }),
  entry('meta-llama', 'Meta Llama API', 'https://api.llama.com/compat/v1', 'LLAMA_API_KEY'),
  entry('ai21', 'AI21 Labs', 'https://api.ai21.com/studio/v1', 'AI21_API_KEY'),
  entry('volcengine', 'Volcengine Ark (Doubao)', 'https://ark.cn-beijing.volces.com/api/v3', 'VOLCENGINE_API_KEY'),
  entry('upstage', 'Upstage', 'https://api.upstage.ai/v1', 'UPSTAGE_API_KEY'),
  entry('nscale', 'Nscale', 'https://inference.api.nscale.com/v1', 'NSCALE_API_KEY'),
  entry('gmi', 'GMI Cloud', 'https://api.gmi-serving.com/v1', 'GMI_API_KEY'),
  entry('venice', 'Venice AI', 'https://api.venice.ai/api/v1', 'VENICE_AI_API_KEY'),
  entry('ovhcloud', 'OVHcloud AI Endpoints', 'https://oai.endpoints.kepler.ai.cloud.ovh.net/v1', 'OVHCLOUD_API_KEY'),
  entry('kluster', 'kluster.ai', 'https://api.kluster.ai/v1', 'KLUSTER_API_KEY'),
  entry('inference-net', 'Inference.net', 'https://api.inference.net/v1', 'INFERENCE_API_KEY'),
  entry('openai-compatible', 'Any OpenAI-compatible server', 'http://{host}/v1', 'OPENAI_COMPATIBLE_API_KEY', {
    apiKeyRequired: false,
    quirks: {},
    abilities: completions,
  }),
]);

const byId = new Map(openAICompatibleCatalog.map((item) => [item.id, item]));

/** The catalog entry for a `type:`, or undefined. */
export function findOpenAICompatibleCatalogEntry(id: string): OpenAICompatibleCatalogEntry | undefined {
  return byId.get(id);
}

/** Whether the entry's base URL has a `{placeholder}` that the settings must fill with `base_url`. */
export function needsBaseURL(entry: OpenAICompatibleCatalogEntry): boolean {
  return /\{[^}]+\}/.test(entry.baseURL);
}
