import type { ScenarioWire } from '../openai/serve-scenario.js';
import { contentFilterResults } from './azure-error-body.js';

/**
 * How the mock's content filter annotates answers. `sync`: the stream starts with a chunk that has
 * no choices and only `prompt_filter_results`, and every choice carries `content_filter_results`.
 * `async` (Azure's asynchronous filter): besides, an annotation chunk whose choice has no `delta`,
 * only `content_filter_results` and `content_filter_offsets`, comes before the finishing chunk.
 */
export type AzureContentFilterMode = 'sync' | 'async';

interface Choice {
  delta?: Record<string, unknown>;
  finish_reason?: unknown;
}

function promptFilterChunk(): Record<string, unknown> {
  return {
    choices: [],
    created: 0,
    id: '',
    model: '',
    object: '',
    prompt_filter_results: [
      { prompt_index: 0, content_filter_results: { ...contentFilterResults(), jailbreak: { filtered: false, detected: false } } },
    ],
  };
}

/** The content-filter annotations Azure adds to OpenAI's answers. */
export function azureContentFilterWire(mode: AzureContentFilterMode): ScenarioWire {
  return {
    chunks(chunks) {
      const annotated: Record<string, unknown>[] = [promptFilterChunk()];
      let offset = 0;
      for (const chunk of chunks) {
        const choices = chunk['choices'] as Choice[];
        const [choice] = choices;
        if (choice === undefined) {
          annotated.push(chunk);
          continue;
        }
        const isRole = choice.delta?.['role'] !== undefined;
        const isFinish = choice.finish_reason !== null && choice.finish_reason !== undefined;
        if (mode === 'async' && isFinish) {
          annotated.push({
            ...chunk,
            choices: [
              {
                index: 0,
                finish_reason: null,
                content_filter_results: contentFilterResults(),
                content_filter_offsets: { check_offset: 0, start_offset: 0, end_offset: offset },
              },
            ],
          });
        }
        if (typeof choice.delta?.['content'] === 'string') offset += (choice.delta['content'] as string).length;
        annotated.push({
          ...chunk,
          choices: [{ ...choice, content_filter_results: isRole || isFinish || mode === 'async' ? {} : contentFilterResults() }],
        });
      }
      return annotated;
    },
    completion(body) {
      const choices = (body['choices'] as Record<string, unknown>[]).map((choice) => ({
        ...choice,
        content_filter_results: contentFilterResults(),
      }));
      return {
        ...body,
        choices,
        prompt_filter_results: [{ prompt_index: 0, content_filter_results: contentFilterResults() }],
      };
    },
  };
}
