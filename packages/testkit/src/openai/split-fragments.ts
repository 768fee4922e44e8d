/**
 * Splits text into stream fragments: one per word (with its following spaces), or, for text of
 * fewer than `minimum` words, `minimum` pieces of about equal length. Joining them gives the text back.
 */
export function splitFragments(text: string, minimum = 3): string[] {
  if (text === '') return [];
  const words = text.match(/\S+\s*|\s+/g) ?? [text];
  if (words.length >= minimum) return words;
  const characters = Array.from(text);
  const size = Math.max(1, Math.ceil(characters.length / minimum));
  const pieces: string[] = [];
  for (let start = 0; start < characters.length; start += size) pieces.push(characters.slice(start, start + size).join(''));
  return pieces;
}
