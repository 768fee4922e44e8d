/**
 * Parses newline-delimited JSON (Ollama's native API, some batch endpoints) from a byte stream.
 * Blank lines are skipped; a line that is not JSON throws a `SyntaxError` naming the line.
 * A last line without a trailing newline is parsed too.
 */
export async function* parseJsonLines(source: AsyncIterable<Uint8Array | string>): AsyncGenerator<unknown, void, undefined> {
  const decoder = new TextDecoder('utf-8');
  let pending = '';
  for await (const chunk of source) {
    const text = typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true });
    const buffer = pending.length === 0 ? text : pending + text;
    let position = 0;
    let end = buffer.indexOf('\n', position);
    while (end !== -1) {
      const value = parseLine(buffer.slice(position, end));
      if (value !== skip) yield value;
      position = end + 1;
      end = buffer.indexOf('\n', position);
    }
    pending = buffer.slice(position);
  }
  const value = parseLine(pending + decoder.decode());
  if (value !== skip) yield value;
}

const skip = Symbol('skip');

function parseLine(line: string): unknown {
  const trimmed = line.trim();
  if (trimmed.length === 0) return skip;
  try {
    return JSON.parse(trimmed);
  } catch (error) {
    throw new SyntaxError(`Invalid JSON line: ${trimmed.slice(0, 200)}`, { cause: error });
  }
}
