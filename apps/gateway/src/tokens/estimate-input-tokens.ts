import type { ChatRequestV1, ToolResultPartV1 } from '@modelgate/core';

/** Tokens an image or a non-text file counts for: its size is unknown here (Anthropic's image at about 1.15 megapixels). */
export const mediaTokenEstimate = 1600;

/** Per-message framing (role markers, separators), as chat tokenizers add it. */
const messageOverhead = 3;

// Special-token text (`<|endoftext|>`) in a prompt is counted as ordinary text, never refused.
const asText = { disallowedSpecial: new Set<string>() };

type CountTokens = (text: string, options: typeof asText) => number;
let tokenizer: Promise<CountTokens> | undefined;

/** The tokenizer, loaded on the first estimate: its tables take a second or more to load, which no server start should wait for. */
function loadTokenizer(): Promise<CountTokens> {
  tokenizer ??= import('gpt-tokenizer').then((module) => module.countTokens as CountTokens);
  return tokenizer;
}

function fileTokens(tokensOf: (text: string) => number, mediaType: string | undefined, source: { type: string; data?: string }): number {
  if (mediaType === 'text/plain' && source.type === 'data' && source.data !== undefined) {
    return tokensOf(Buffer.from(source.data, 'base64').toString('utf8'));
  }
  return mediaTokenEstimate;
}

function toolResultTokens(tokensOf: (text: string) => number, part: ToolResultPartV1): number {
  const { output } = part;
  if (output.type === 'text') return tokensOf(output.value);
  if (output.type === 'json') return tokensOf(JSON.stringify(output.value));
  let total = 0;
  for (const item of output.value) total += item.type === 'text' ? tokensOf(item.text) : fileTokens(tokensOf, item.mediaType, item.source);
  return total;
}

/**
 * A local estimate of a request's input tokens with the o200k_base tokenizer (`gpt-tokenizer`, pure
 * JavaScript): the text of every message, tool call and result, and the tools' names, descriptions and
 * schemas, plus a few tokens of framing per message; images and non-text files count a flat
 * `mediaTokenEstimate`. Another model's tokenizer differs by some percent: it is an estimate, and is
 * labelled as one wherever it is answered.
 */
export async function estimateInputTokens(request: ChatRequestV1): Promise<number> {
  const countTokens = await loadTokenizer();
  const tokensOf = (text: string): number => (text.length === 0 ? 0 : countTokens(text, asText));
  let total = 0;
  for (const message of request.messages) {
    total += messageOverhead;
    for (const part of message.content) {
      switch (part.type) {
        case 'text':
        case 'reasoning':
          total += tokensOf(part.text);
          break;
        case 'image':
          total += mediaTokenEstimate;
          break;
        case 'file':
          total += fileTokens(tokensOf, part.mediaType, part.source);
          break;
        case 'tool-call':
          total += tokensOf(part.toolName) + tokensOf(part.input);
          break;
        case 'tool-result':
          total += toolResultTokens(tokensOf, part);
          break;
      }
    }
  }
  for (const tool of request.tools ?? []) {
    total += tokensOf(tool.name) + tokensOf(tool.description ?? '') + tokensOf(JSON.stringify(tool.inputSchema));
  }
  return total;
}
