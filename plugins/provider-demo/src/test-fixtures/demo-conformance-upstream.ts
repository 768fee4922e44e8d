import type { ChatRequestV1 } from '@modelgate/core';
import type { ConformanceScenario, ConformanceUpstream, ConformanceUpstreamDefinition, RecordedRequest } from '@modelgate/testkit';
import type { DemoAnswer } from '../demo-answer.js';
import type { DemoAnswerFunction } from '../demo-chat-model.js';

const running = new Map<string, { upstream: ConformanceUpstream; answer: DemoAnswerFunction }>();
let started = 0;

function answerOf(scenario: ConformanceScenario): DemoAnswer {
  const usageOf = (counts: { inputTokens: number; outputTokens: number } | undefined) => {
    const { inputTokens, outputTokens } = counts ?? { inputTokens: 1, outputTokens: 1 };
    return { inputTokens, outputTokens, totalTokens: inputTokens + outputTokens };
  };
  if (scenario.type === 'text')
    return { text: scenario.text, toolCalls: [], finishReason: scenario.finishReason ?? 'stop', usage: usageOf(scenario.usage) };
  if (scenario.type === 'tool-calls') {
    const toolCalls = scenario.calls.map((call, index) => ({ id: call.id ?? `call_${index + 1}`, name: call.name, input: call.input }));
    return { text: scenario.text ?? '', toolCalls, finishReason: 'tool-calls', usage: usageOf(scenario.usage) };
  }
  throw new Error(`the in-process demo upstream cannot play ${scenario.type}`);
}

/**
 * The demo provider has no wire: this "upstream" lives in process. Its `baseURL` is a key under which
 * `demoConformanceAnswer(baseURL)` finds it; each call takes the next queued scenario as the demo's answer.
 */
export function demoConformanceUpstream(): ConformanceUpstreamDefinition {
  return {
    wireFormat: 'demo-in-process',
    rawFinishReasons: { stop: 'stop', length: 'length', toolCalls: 'tool-calls' },
    limitations: {
      scenarios: ['rate-limit', 'http-error', 'hang', 'drop', 'stream-error', 'slow'],
      usageDetails: ['cacheReadTokens', 'cacheWriteTokens', 'reasoningTokens'],
    },
    async start() {
      started += 1;
      const baseURL = `demo-in-process://${started}`;
      const queue: ConformanceScenario[] = [];
      const requests: RecordedRequest[] = [];
      const upstream: ConformanceUpstream = {
        baseURL,
        apiKey: '',
        requests,
        enqueue: (...scenarios) => queue.push(...scenarios),
        waitForRequests: async (count) => {
          if (requests.length < count) throw new Error(`only ${requests.length} of ${count} requests`);
          return requests;
        },
        waitForAbort: async () => {
          throw new Error('the in-process demo upstream has no aborts to wait for');
        },
        hasCredential: () => true, // the demo needs no credential
        modelOf: (request) => (request.body as { model?: string } | undefined)?.model,
        close: async () => {
          running.delete(baseURL);
        },
      };
      const answer: DemoAnswerFunction = (request: ChatRequestV1, modelId: string) => {
        const body = { ...request, model: modelId };
        const scenario = queue.shift() ?? { type: 'text', text: 'no scenario queued' };
        requests.push({
          method: 'CALL',
          path: '/demo',
          query: '',
          headers: {},
          body,
          rawBody: JSON.stringify(body),
          scenario: scenario.type,
          aborted: false,
        });
        return answerOf(scenario);
      };
      running.set(baseURL, { upstream, answer });
      return upstream;
    },
  };
}

/** The answer function of the running in-process upstream at `baseURL`. */
export function demoConformanceAnswer(baseURL: string): DemoAnswerFunction {
  const entry = running.get(baseURL);
  if (entry === undefined) throw new Error(`no in-process demo upstream at ${baseURL}`);
  return entry.answer;
}
