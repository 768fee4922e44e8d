/** A JSON-RPC 2.0 message as MCP sends it. */
export type JsonRpcMessage = Record<string, unknown> & { jsonrpc: '2.0' };

/** A connection to one upstream MCP server. */
export interface McpTransportV1 {
  readonly specificationVersion: 'v1';
  start(): Promise<void>;
  send(message: JsonRpcMessage): Promise<void>;
  close(): Promise<void>;
  onmessage?: (message: JsonRpcMessage) => void;
  onerror?: (error: Error) => void;
  onclose?: () => void;
}

export interface McpTransportFactoryV1 {
  readonly specificationVersion: 'v1';
  readonly name: string;
  create(server: { name: string; [setting: string]: unknown }): McpTransportV1;
}
