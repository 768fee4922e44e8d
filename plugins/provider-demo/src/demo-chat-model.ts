import type {
  CallOptions,
  ChatModelV1,
  ChatRequestV1,
  ChatResultV1,
  ChatStreamPartV1,
  ChatStreamV1,
  ResponseContentPartV1,
} from '@modelgate/core';
import type { DemoAnswer } from './demo-answer.js';

/** Decides the answer to a request; the demo behaviours by default (`answerDemoRequest`). */
export type DemoAnswerFunction = (request: ChatRequestV1, modelId: string, options: CallOptions) => DemoAnswer | Promise<DemoAnswer>;

function isAborted(options: CallOptions): boolean {
  return options.abort?.aborted === true || options.signal?.aborted === true;
}

function abortReason(options: CallOptions): unknown {
  return options.abort?.aborted ? options.abort.reason : options.signal?.reason;
}

/** The words of a text with their separating spaces kept, so that the deltas join back to the text. */
function wordsOf(text: string): string[] {
  return text.match(/\s*\S+/g) ?? (text === '' ? [] : [text]);
}

/**
 * A demo chat model: answers in process, with `metadata.model` the deployment's `demo-…` id. `generate`
 * returns the answer whole; `stream` yields it word by word in proper blocks, then one `finish` with usage.
 * An aborted call rejects with the abort's reason; a stream aborted midway ends without a `finish`.
 */
export class DemoChatModel implements ChatModelV1 {
  readonly specificationVersion = 'v1';

  constructor(
    readonly provider: string,
    readonly modelId: string,
    private readonly answer: DemoAnswerFunction,
  ) {}

  private async answerOf(request: ChatRequestV1, options: CallOptions): Promise<DemoAnswer> {
    if (isAborted(options)) throw abortReason(options);
    const answer = await this.answer(request, this.modelId, options);
    if (isAborted(options)) throw abortReason(options);
    return answer;
  }

  async generate(request: ChatRequestV1, options: CallOptions): Promise<ChatResultV1> {
    const answer = await this.answerOf(request, options);
    const content: ResponseContentPartV1[] = answer.text === '' ? [] : [{ type: 'text', text: answer.text }];
    for (const call of answer.toolCalls) content.push({ type: 'tool-call', toolCallId: call.id, toolName: call.name, input: call.input });
    return {
      response: {
        content,
        finishReason: { unified: answer.finishReason, raw: answer.finishReason },
        usage: answer.usage,
        metadata: { id: 'chatcmpl-demo', model: this.modelId },
        warnings: [],
      },
    };
  }

  async stream(request: ChatRequestV1, options: CallOptions): Promise<ChatStreamV1> {
    const answer = await this.answerOf(request, options);
    const modelId = this.modelId;
    async function* parts(): AsyncGenerator<ChatStreamPartV1> {
      yield { type: 'stream-start', warnings: [] };
      yield { type: 'response-metadata', id: 'chatcmpl-demo', model: modelId };
      if (answer.text !== '') {
        yield { type: 'text-start', id: 'text-1' };
        for (const word of wordsOf(answer.text)) {
          if (isAborted(options)) return;
          yield { type: 'text-delta', id: 'text-1', delta: word };
        }
        yield { type: 'text-end', id: 'text-1' };
      }
      for (const call of answer.toolCalls) {
        if (isAborted(options)) return;
        yield { type: 'tool-input-start', id: call.id, toolName: call.name };
        yield { type: 'tool-input-delta', id: call.id, delta: call.input };
        yield { type: 'tool-input-end', id: call.id };
        yield { type: 'tool-call', toolCallId: call.id, toolName: call.name, input: call.input };
      }
      if (isAborted(options)) return;
      yield { type: 'finish', finishReason: { unified: answer.finishReason, raw: answer.finishReason }, usage: answer.usage };
    }
    return { parts: parts() };
  }
}
