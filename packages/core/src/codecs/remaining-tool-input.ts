/**
 * What a tool call's streamed input deltas left out of its complete input, so that a surface's deltas always
 * add up to the whole: the rest when the deltas sent are the start of it (all of it when none were sent),
 * nothing when they went astray (the surface's closing event or block carries the complete input then).
 */
export function remainingToolInput(sent: string, input: string): string {
  return input.startsWith(sent) ? input.slice(sent.length) : '';
}
