import { definePlugin, type ChatCompletion, type ChatRequest, type ChatStreamEventV1, type ProviderV1 } from '@modelgate/core';
import { z } from 'zod';

/** What the scripted provider saw: each call's model, request and abort signal. */
export interface ScriptedCall {
  modelId: string;
  request: ChatRequest;
  signal: AbortSignal | undefined;
}

export const scriptedCalls: ScriptedCall[] = [];

function completion(modelId: string, content: string): ChatCompletion {
  return {
    id: 'chatcmpl-scripted',
    object: 'chat.completion',
    created: 0,
    model: modelId,
    choices: [{ index: 0, message: { role: 'assistant', content }, finish_reason: 'stop' }],
    usage: { prompt_tokens: 1, completion_tokens: 1, total_tokens: 2 },
  } as ChatCompletion;
}

/** What a plugin bug looks like from the inside: a plain exception naming a file and an internal address. */
export const internalFailureText = 'connect ECONNREFUSED 10.1.2.3:8443 at /srv/plugins/scripted/index.js:42';

/**
 * An in-process provider for app tests without a network: answers "scripted: <last content>",
 * streams its words, with model `slow-stream` streams forever until aborted, and with model
 * `throws` throws a plain `Error` (at once, or after one chunk of a stream).
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
            response: completion(modelId, `scripted: ${String(request.messages.at(-1)?.content)}`),
            upstream: { status: 200, headers: { 'x-ratelimit-remaining-requests': '99', 'x-other': 'no' } },
          };
        },
        async stream(request, options) {
          scriptedCalls.push({ modelId, request, signal: options.signal });
          async function* events(): AsyncGenerator<ChatStreamEventV1> {
            const chunk = (content: string) => ({
              type: 'chunk' as const,
              chunk: {
                id: 'chatcmpl-scripted',
                object: 'chat.completion.chunk' as const,
                created: 0,
                model: modelId,
                choices: [{ index: 0, delta: { content }, finish_reason: null }],
              },
            });
            if (modelId === 'throws') {
              yield chunk('partial');
              throw new Error(internalFailureText);
            }
            if (modelId === 'slow-stream') {
              while (!options.signal?.aborted) {
                yield chunk('tick ');
                await new Promise((resolve) => setTimeout(resolve, 5));
              }
              return;
            }
            for (const word of ['scripted', ' words']) yield chunk(word);
            yield { type: 'finish' };
          }
          return { events: events() };
        },
      }),
      embeddings: (modelId) => ({
        specificationVersion: 'v1',
        provider: context.instanceName,
        modelId,
        async embed(request) {
          const inputs = Array.isArray(request.input) ? request.input : [request.input];
          return {
            response: {
              object: 'list',
              model: modelId,
              data: inputs.map((_input, index) => ({ object: 'embedding', index, embedding: [0.5, -0.5] })),
              usage: { prompt_tokens: inputs.length, total_tokens: inputs.length },
            },
          } as never;
        },
      }),
    };
  },
});
