/** The Converse wire shapes this plugin sends and reads (the subset it uses), as the Bedrock API reference names them. */

export interface BedrockCachePoint {
  cachePoint: { type: 'default'; ttl?: '5m' | '1h' };
}

export type BedrockImageFormat = 'png' | 'jpeg' | 'gif' | 'webp';
export type BedrockDocumentFormat = 'pdf' | 'csv' | 'doc' | 'docx' | 'xls' | 'xlsx' | 'html' | 'txt' | 'md';
export type BedrockSource = { bytes: string } | { s3Location: { uri: string } };

export interface BedrockImageBlock {
  image: { format: BedrockImageFormat; source: BedrockSource };
}
export interface BedrockDocumentBlock {
  document: { format: BedrockDocumentFormat; name: string; source: BedrockSource };
}
export type BedrockToolResultContent = { text: string } | { json: unknown } | BedrockImageBlock | BedrockDocumentBlock;

export type BedrockContentBlock =
  | { text: string }
  | BedrockImageBlock
  | BedrockDocumentBlock
  | { toolUse: { toolUseId: string; name: string; input: unknown } }
  | { toolResult: { toolUseId: string; content: BedrockToolResultContent[]; status?: 'success' | 'error' } }
  | { reasoningContent: { reasoningText: { text: string; signature?: string } } | { redactedContent: string } }
  | BedrockCachePoint;

export interface BedrockMessage {
  role: 'user' | 'assistant';
  content: BedrockContentBlock[];
}

export type BedrockSystemBlock = { text: string } | BedrockCachePoint;

export interface BedrockToolSpec {
  toolSpec: { name: string; description?: string; inputSchema: { json: Record<string, unknown> }; strict?: boolean };
}

export interface BedrockConverseRequest {
  messages: BedrockMessage[];
  system?: BedrockSystemBlock[];
  inferenceConfig?: { maxTokens?: number; temperature?: number; topP?: number; stopSequences?: string[] };
  toolConfig?: {
    tools: (BedrockToolSpec | BedrockCachePoint)[];
    toolChoice?: { auto: Record<string, never> } | { any: Record<string, never> } | { tool: { name: string } };
  };
  additionalModelRequestFields?: Record<string, unknown>;
  outputConfig?: { textFormat: { type: 'json_schema'; structure: { jsonSchema: { schema: string; name: string; description?: string } } } };
  requestMetadata?: Record<string, string>;
  [field: string]: unknown;
}

export interface BedrockUsage {
  inputTokens?: number;
  outputTokens?: number;
  totalTokens?: number;
  cacheReadInputTokens?: number;
  cacheWriteInputTokens?: number;
}

/** A content block of an answer: text, a tool call, or reasoning. */
export interface BedrockResponseBlock {
  text?: string;
  toolUse?: { toolUseId: string; name: string; input: unknown };
  reasoningContent?: { reasoningText?: { text?: string; signature?: string }; redactedContent?: string };
}

export interface BedrockConverseResponse {
  output?: { message?: { role?: string; content?: BedrockResponseBlock[] } };
  stopReason?: string;
  usage?: BedrockUsage;
  metrics?: { latencyMs?: number };
}
