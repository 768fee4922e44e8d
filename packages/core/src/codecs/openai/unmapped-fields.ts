/**
 * The fields of a wire request that the codec did not map to a canonical setting, for
 * `providerOptions.openai` (an OpenAI upstream takes them back; other providers ignore them).
 */
export function unmappedFields(wire: Readonly<Record<string, unknown>>, mapped: ReadonlySet<string>): Record<string, unknown> | undefined {
  let options: Record<string, unknown> | undefined;
  for (const field in wire) {
    if (mapped.has(field) || wire[field] === undefined) continue;
    options ??= {};
    options[field] = wire[field];
  }
  return options;
}
