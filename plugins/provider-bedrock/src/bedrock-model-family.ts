/** What a Bedrock model id says about the model behind it (base ids, inference profiles `us.…`, `global.…`, and ARNs). */
export type BedrockModelFamily = 'anthropic' | 'nova' | 'titan' | 'mistral' | 'meta' | 'cohere' | 'other';

export function bedrockModelFamily(modelId: string): BedrockModelFamily {
  // An ARN ends with the model or profile id: `…:foundation-model/anthropic.claude…`, `…:inference-profile/us.anthropic…`.
  const id = (modelId.split('/').at(-1) ?? modelId).toLowerCase();
  if (/(?:^|\.)anthropic\./.test(id) || id.includes('claude')) return 'anthropic';
  if (/(?:^|\.)amazon\.nova/.test(id)) return 'nova';
  if (/(?:^|\.)amazon\.titan/.test(id)) return 'titan';
  if (/(?:^|\.)mistral\./.test(id)) return 'mistral';
  if (/(?:^|\.)meta\./.test(id)) return 'meta';
  if (/(?:^|\.)cohere\./.test(id)) return 'cohere';
  return 'other';
}

/** Converse's `any` and `tool` choices work only for these families (Bedrock's ToolChoice reference). */
export function supportsForcedToolChoice(modelId: string): boolean {
  const family = bedrockModelFamily(modelId);
  return family === 'anthropic' || family === 'nova' || (family === 'mistral' && /mistral-large/i.test(modelId));
}
