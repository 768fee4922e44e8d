/** A2A message and task shapes are kept open here; the A2A gateway issue pins them down. */
export type A2aMessage = Record<string, unknown>;
export type A2aTask = Record<string, unknown>;
export type A2aAgentCard = Record<string, unknown>;

/** Talks to one kind of agent platform. */
export interface A2aAdapterV1 {
  readonly specificationVersion: 'v1';
  readonly name: string;
  sendMessage(message: A2aMessage, options: { signal?: AbortSignal }): Promise<A2aTask | A2aMessage>;
  streamMessage(message: A2aMessage, options: { signal?: AbortSignal }): AsyncIterable<A2aTask | A2aMessage>;
  getTask(taskId: string, options: { signal?: AbortSignal }): Promise<A2aTask>;
  cancelTask(taskId: string, options: { signal?: AbortSignal }): Promise<A2aTask>;
  getCard(options: { signal?: AbortSignal }): Promise<A2aAgentCard>;
  checkHealth?(options: { signal?: AbortSignal }): Promise<{ healthy: boolean; message?: string }>;
}
