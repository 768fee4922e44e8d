/** Thrown inside the scanner when the text is not the JSON it expected; the caller falls back. */
class ScanError extends Error {}

function skipWhitespace(text: string, index: number): number {
  let position = index;
  while (position < text.length) {
    const code = text.charCodeAt(position);
    if (code !== 32 && code !== 10 && code !== 13 && code !== 9) break;
    position += 1;
  }
  return position;
}

function skipString(text: string, index: number): number {
  if (text[index] !== '"') throw new ScanError();
  let position = index + 1;
  while (position < text.length) {
    const character = text[position];
    if (character === '\\') position += 2;
    else if (character === '"') return position + 1;
    else position += 1;
  }
  throw new ScanError();
}

/** Visits the members of the object at `index` (`onMember(key, valueStart)` returns the value's end); returns the object's end. */
function scanObject(text: string, index: number, onMember: (key: string, start: number) => number): number {
  if (text[index] !== '{') throw new ScanError();
  let position = skipWhitespace(text, index + 1);
  if (text[position] === '}') return position + 1;
  for (;;) {
    const keyEnd = skipString(text, position);
    const key = JSON.parse(text.slice(position, keyEnd)) as string;
    position = skipWhitespace(text, keyEnd);
    if (text[position] !== ':') throw new ScanError();
    position = skipWhitespace(text, onMember(key, skipWhitespace(text, position + 1)));
    if (text[position] === '}') return position + 1;
    if (text[position] !== ',') throw new ScanError();
    position = skipWhitespace(text, position + 1);
  }
}

function scanArray(text: string, index: number, onElement: (element: number, start: number) => number): number {
  if (text[index] !== '[') throw new ScanError();
  let position = skipWhitespace(text, index + 1);
  if (text[position] === ']') return position + 1;
  for (let element = 0; ; element += 1) {
    position = skipWhitespace(text, onElement(element, position));
    if (text[position] === ']') return position + 1;
    if (text[position] !== ',') throw new ScanError();
    position = skipWhitespace(text, position + 1);
  }
}

function skipValue(text: string, index: number): number {
  const character = text[index];
  if (character === '{') return scanObject(text, index, (_key, start) => skipValue(text, start));
  if (character === '[') return scanArray(text, index, (_element, start) => skipValue(text, start));
  if (character === '"') return skipString(text, index);
  let position = index;
  while (position < text.length && !',}] \n\r\t'.includes(text[position]!)) position += 1;
  if (position === index) throw new ScanError();
  return position;
}

/**
 * The JSON text of each `content[i].input` of a message body, exactly as received, keyed by `i`. A
 * parsed object would lose what the model wrote: integers beyond 2^53, the order of integer-like keys,
 * number spellings. `undefined` when the text is not the JSON expected (the caller re-serialises then).
 */
export function rawToolInputs(text: string): Map<number, string> | undefined {
  const inputs = new Map<number, string>();
  try {
    scanObject(text, skipWhitespace(text, 0), (key, start) => {
      if (key !== 'content' || text[start] !== '[') return skipValue(text, start);
      return scanArray(text, start, (element, elementStart) => {
        if (text[elementStart] !== '{') return skipValue(text, elementStart);
        return scanObject(text, elementStart, (member, valueStart) => {
          const end = skipValue(text, valueStart);
          if (member === 'input') inputs.set(element, text.slice(valueStart, end));
          return end;
        });
      });
    });
  } catch (error) {
    if (error instanceof ScanError || error instanceof SyntaxError) return undefined;
    throw error;
  }
  return inputs;
}
