const reference = /\$?\$\{[^}\n]*\}/g;
const placeholder = /__modelgate_reference_(\d+)__/g;

/**
 * `${VAR}` is not valid YAML inside a flow mapping (`{ api_key: ${KEY} }`), so references are
 * swapped for plain-scalar placeholders before parsing and put back, as text, afterwards.
 */
export function protectReferences(text: string): { text: string; restore: (tree: unknown) => unknown } {
  const references: string[] = [];
  const protectedText = text.replace(reference, (match) => {
    references.push(match);
    return `__modelgate_reference_${references.length - 1}__`;
  });
  const restoreString = (value: string) => value.replace(placeholder, (_match, index: string) => references[Number(index)] ?? '');
  const restore = (node: unknown): unknown => {
    if (typeof node === 'string') return node.includes('__modelgate_reference_') ? restoreString(node) : node;
    if (Array.isArray(node)) return node.map(restore);
    if (node !== null && typeof node === 'object') {
      return Object.fromEntries(Object.entries(node).map(([key, value]) => [restoreString(key), restore(value)]));
    }
    return node;
  };
  return { text: protectedText, restore };
}
