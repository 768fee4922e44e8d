import type { ReasoningSettingsV1, WarningV1 } from '@modelgate/core';
import type { GeminiGenerationConfig } from './gemini-wire.js';

type ThinkingConfig = NonNullable<GeminiGenerationConfig['thinkingConfig']>;

/** Token budgets for an effort level on models that take `thinkingBudget` (Gemini 2.5). */
const budgets = { minimal: 512, low: 1024, medium: 8192, high: 24576, xhigh: 32768 } as const;

function isGemini3(modelId: string): boolean {
  return /gemini-3/.test(modelId);
}

function isPro(modelId: string): boolean {
  return /-pro/.test(modelId);
}

/** Gemini 3 takes a level: Pro only `low` and `high`, Flash also `minimal` and `medium`. */
function thinkingLevel(effort: NonNullable<ReasoningSettingsV1['effort']>, modelId: string): string {
  if (isPro(modelId)) return effort === 'none' || effort === 'minimal' || effort === 'low' ? 'low' : 'high';
  if (effort === 'none' || effort === 'minimal') return 'minimal';
  if (effort === 'xhigh') return 'high';
  return effort;
}

/**
 * The `thinkingConfig` for canonical reasoning settings. Gemini 3 models get `thinkingLevel` from the
 * effort; Gemini 2.5 models get `thinkingBudget` (the budget as given, else one for the effort; `none`
 * is 0, which 2.5 Pro cannot do, so it gets its minimum of 128 and a warning). Thought summaries are
 * asked for (`includeThoughts`) whenever reasoning is on, so that they come back as reasoning parts.
 */
export function geminiThinkingConfig(
  reasoning: ReasoningSettingsV1 | undefined,
  modelId: string,
  warnings: WarningV1[],
): ThinkingConfig | undefined {
  if (reasoning === undefined || (reasoning.effort === undefined && reasoning.budgetTokens === undefined)) return undefined;
  const off = reasoning.effort === 'none' || reasoning.budgetTokens === 0;
  if (isGemini3(modelId) && reasoning.effort !== undefined) {
    const level = thinkingLevel(reasoning.effort, modelId);
    if (reasoning.effort === 'none') {
      warnings.push({
        type: 'clamped-setting',
        setting: 'reasoning.effort',
        message: `Gemini 3 models cannot turn thinking off; ${modelId} thinks at level "${level}".`,
      });
    }
    return { thinkingLevel: level, includeThoughts: !off };
  }
  let budget = reasoning.budgetTokens ?? (reasoning.effort === 'none' ? 0 : budgets[reasoning.effort ?? 'medium']);
  if (budget === 0 && isPro(modelId)) {
    budget = 128;
    warnings.push({
      type: 'clamped-setting',
      setting: reasoning.budgetTokens === undefined ? 'reasoning.effort' : 'reasoning.budgetTokens',
      message: `${modelId} cannot turn thinking off; its smallest thinking budget, 128 tokens, is used.`,
    });
  }
  return { thinkingBudget: budget, includeThoughts: budget > 0 };
}
