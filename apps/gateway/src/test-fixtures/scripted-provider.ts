import { definePlugin, type ChatRequestV1, type ChatResponseV1, type ChatStreamPartV1, type ProviderV1 } from '@modelgate/core';
import { z } from 'zod';

/** What the scripted provider saw: each call's model, request and abort signal. */
export interface ScriptedCall {
  modelId: string;
  request: ChatRequestV1;
  signal: AbortSignal | undefined;
}

export const scriptedCalls: ScriptedCall[] = [];

/** What the `throws` model's plain exception says: internal detail no client may see. */
export const internalFailureText = 'connect ECONNREFUSED 10.1.2.3:8443 at /srv/plugins/scripted/index.js:42';

function lastText(request: ChatRequestV1): string {
  const last = request.messages.at(-1);
  if (last === undefined || last.role === 'assistant' || last.role === 'tool') return '';
  return last.content.map((part) => (part.type === 'text' ? part.text : '')).join('');
}

function response(modelId: string, text: string): ChatResponseV1 {
  return {
    content: [{ type: 'text', text }],
    finishReason: { unified: 'stop', raw: 'stop' },
    usage: { inputTokens: 1, outputTokens: 1, totalTokens: 2 },
    metadata: { id: 'chatcmpl-scripted', model: modelId, created: 0 },
    warnings: [],
  };
}

/**
 * An in-process provider for app tests without a network: answers "scripted: <last text>", streams
 * its words, with model `slow-stream` streams forever until aborted, and with model `throws` throws a
 * plain `Error` (at once, or after one chunk of a stream).
 */
export const scriptedProviderPlugin = definePlugin({
  kind: 'provider',
  name: 'scripted',
  specificationVersion: 'v1',
  settingsSchema: z.strictObject({}),
  create(_settings, context): ProviderV1 {
    return {
      specificationVersion: 'v1',
      name: context.instanceName,
      chat: (modelId) => ({
        specificationVersion: 'v1',
        provider: context.instanceName,
        modelId,
        async generate(request, options) {
          scriptedCalls.push({ modelId, request, signal: options.signal });
          if (modelId === 'throws') throw new Error(internalFailureText);
          return {
            response: response(modelId, `scripted: ${lastText(request)}`),
            upstream: { status: 200, headers: { 'x-ratelimit-remaining-requests': '99', 'x-other': 'no' } },
          };
        },
        async stream(request, options) {
          scriptedCalls.push({ modelId, request, signal: options.signal });
          async function* parts(): AsyncGenerator<ChatStreamPartV1> {
            yield { type: 'stream-start', warnings: [] };
            yield { type: 'response-metadata', id: 'chatcmpl-scripted', model: modelId, created: 0 };
            yield { type: 'text-start', id: 'text-1' };
            if (modelId === 'throws') {
              yield { type: 'text-delta', id: 'text-1', delta: 'partial' };
              throw new Error(internalFailureText);
            }
            if (modelId === 'slow-stream') {
              while (!options.signal?.aborted) {
                yield { type: 'text-delta', id: 'text-1', delta: 'tick ' };
                await new Promise((resolve) => setTimeout(resolve, 5));
              }
              return;
            }
            for (const word of ['scripted', ' words']) yield { type: 'text-delta', id: 'text-1', delta: word };
            yield { type: 'text-end', id: 'text-1' };
            yield { type: 'finish', finishReason: { unified: 'stop', raw: 'stop' } };
          }
          return { parts: parts() };
        },
      }),
      embeddings: (modelId) => ({
        specificationVersion: 'v1',
        provider: context.instanceName,
        modelId,
        async embed(request) {
          return {
            response: { model: modelId, embeddings: request.values.map(() => [0.5, -0.5]), usage: { inputTokens: request.values.length } },
          };
        },
      }),
    };
  },
});
