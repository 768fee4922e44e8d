/**
 * The wire text of a run of forwarded server-sent events of one type (a native stream's `events` part):
 * each payload as one event, in order, in a single string.
 */
export function frameForwardedEvents(data: readonly string[], event?: string): string {
  const head = event === undefined ? 'data: ' : `event: ${event}\ndata: `;
  return `${head}${data.join(`\n\n${head}`)}\n\n`;
}
