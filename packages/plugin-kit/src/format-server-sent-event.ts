/** The `data:` payload that ends an OpenAI-style stream. */
export const doneSentinel = '[DONE]';

const lineBreak = /\r\n|\r|\n/;

/**
 * Formats one event: an optional `event:` line, one `data:` line per line of `data`, and the blank
 * line that dispatches it. `formatServerSentEvent(doneSentinel)` gives `data: [DONE]\n\n`.
 */
export function formatServerSentEvent(data: string, event?: string): string {
  const head = event === undefined ? '' : `event: ${event.replace(/[\r\n]/g, '')}\n`;
  if (!data.includes('\n') && !data.includes('\r')) return `${head}data: ${data}\n\n`;
  let text = head;
  for (const line of data.split(lineBreak)) text += `data: ${line}\n`;
  return `${text}\n`;
}

/** Formats a comment line (`: keep-alive`), which clients ignore but which keeps proxies from timing out. */
export function formatServerSentEventComment(comment: string): string {
  return `: ${comment.replace(/[\r\n]/g, ' ')}\n\n`;
}
