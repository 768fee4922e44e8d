import type { ChatRequestV1 } from '@modelgate/core';
import { chooseDemoTool, demoToolInput } from './choose-demo-tool.js';
import { countDemoTokens } from './count-demo-tokens.js';
import type { DemoAnswer } from './demo-answer.js';
import { lastUserText, messageText, promptText } from './prompt-text.js';

/** Every demo answer starts with this, so that nobody takes it for a real model's. */
export const demoAnswerPrefix = 'Demo model (no upstream):';

function textAnswer(request: ChatRequestV1): string {
  const last = request.messages.at(-1);
  if (last?.role === 'tool') {
    const results = last.content.map(
      (part) => `${part.toolName ?? part.toolCallId} returned ${messageText({ role: 'tool', content: [part] })}`,
    );
    return `${demoAnswerPrefix} the tool ${results.join('; ')}.`;
  }
  const text = lastUserText(request);
  if (/^\s*count\b/i.test(text)) {
    const words = countDemoTokens(text.replace(/^\s*count\b:?/i, ''));
    return `${demoAnswerPrefix} your text has ${words} ${words === 1 ? 'word' : 'words'}.`;
  }
  return `${demoAnswerPrefix} you said "${text}"`;
}

/** Keeps the first `limit` words of a text. */
function cut(text: string, limit: number): string {
  return text.split(' ').slice(0, limit).join(' ');
}

/**
 * The demo model's deterministic answer to a request:
 * - the last message is a tool result: a sentence naming the tool and its result;
 * - the request has `tools` and asks for one (see `chooseDemoTool`): a call with arguments built from the text;
 * - the last user text starts with "count": its word count;
 * - otherwise an echo, `Demo model (no upstream): you said "…"`.
 * Usage counts words as tokens: the input is every text of the prompt, the output the answer's text and
 * tool arguments. `maxOutputTokens` cuts the text to that many words, finishing with `length`.
 */
export function answerDemoRequest(request: ChatRequestV1): DemoAnswer {
  const inputTokens = countDemoTokens(promptText(request));
  const userText = lastUserText(request);
  const tool = chooseDemoTool(request, userText);
  if (tool !== undefined) {
    const input = demoToolInput(tool, userText, countDemoTokens(userText));
    const outputTokens = countDemoTokens(input);
    return {
      text: '',
      toolCalls: [{ id: 'call_demo_1', name: tool.name, input }],
      finishReason: 'tool-calls',
      usage: { inputTokens, outputTokens, totalTokens: inputTokens + outputTokens },
    };
  }
  const full = textAnswer(request);
  const limit = request.maxOutputTokens;
  const text = limit !== undefined && countDemoTokens(full) > limit ? cut(full, limit) : full;
  const outputTokens = countDemoTokens(text);
  return {
    text,
    toolCalls: [],
    finishReason: text === full ? 'stop' : 'length',
    usage: { inputTokens, outputTokens, totalTokens: inputTokens + outputTokens },
  };
}
