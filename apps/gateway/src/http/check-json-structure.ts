import { InvalidRequestError } from '@modelgate/core';

/** Deepest nesting of arrays and objects a request body may have. */
export const maximumJsonDepth = 64;
/** Most items one array of a request body may have (messages, inputs, tools...). */
export const maximumJsonArrayItems = 10_000;

/**
 * Refuses a parsed body nested deeper than `maximumJsonDepth` or with an array longer than
 * `maximumJsonArrayItems`, before anything recursive (validation, serialisation) walks it: a body
 * nested 10,000 deep or with 300,000 messages is a cheap 400, not a stack overflow or a second of
 * validation. Iterative, and it visits only arrays and objects (a few dozen in a chat request).
 */
export function checkJsonStructure(value: unknown): void {
  if (value === null || typeof value !== 'object') return;
  const pending: { node: object; depth: number }[] = [{ node: value, depth: 1 }];
  while (pending.length > 0) {
    const { node, depth } = pending.pop()!;
    if (depth > maximumJsonDepth) {
      throw new InvalidRequestError(`The request body is nested deeper than ${maximumJsonDepth} levels.`, { code: 'invalid_json' });
    }
    if (Array.isArray(node)) {
      if (node.length > maximumJsonArrayItems) {
        throw new InvalidRequestError(`An array in the request body has more than ${maximumJsonArrayItems} items.`, {
          code: 'request_too_large',
        });
      }
      for (const item of node) if (item !== null && typeof item === 'object') pending.push({ node: item as object, depth: depth + 1 });
    } else {
      const record = node as Record<string, unknown>;
      for (const key in record) {
        const item = record[key];
        if (item !== null && typeof item === 'object') pending.push({ node: item, depth: depth + 1 });
      }
    }
  }
}
