/** The demo model's token count: one token per whitespace-separated word (no real tokenizer). */
export function countDemoTokens(text: string): number {
  const trimmed = text.trim();
  return trimmed === '' ? 0 : trimmed.split(/\s+/).length;
}
