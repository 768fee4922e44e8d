import type { ChatMessageV1, ChatRequestV1 } from '@modelgate/core';

/** The text parts of one message joined, with tool results written as their value. */
export function messageText(message: ChatMessageV1): string {
  const texts = message.content.map((part) => {
    if (part.type === 'text' || part.type === 'reasoning') return part.text;
    if (part.type === 'tool-call') return part.input;
    if (part.type === 'tool-result') return part.output.type === 'text' ? part.output.value : JSON.stringify(part.output.value);
    return '';
  });
  return texts.filter((text) => text !== '').join(' ');
}

/** The text of the last user message, or `''` when there is none. */
export function lastUserText(request: ChatRequestV1): string {
  for (let index = request.messages.length - 1; index >= 0; index -= 1) {
    const message = request.messages[index]!;
    if (message.role === 'user') return messageText(message);
  }
  return '';
}

/** All the prompt's text, for the input token count. */
export function promptText(request: ChatRequestV1): string {
  return request.messages.map(messageText).join(' ');
}
