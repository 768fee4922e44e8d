/**
 * OpenAI Chat Completions on the wire, as the OpenAI surface speaks it to clients and as
 * OpenAI-compatible hosts speak it upstream, with the common extensions (`reasoning_content`).
 * Not the canonical model: that is `ChatRequestV1` and friends.
 */

export type OpenAIChatRole = 'system' | 'developer' | 'user' | 'assistant' | 'tool' | 'function';

export interface OpenAITextContentPart {
  type: 'text';
  text: string;
}

export interface OpenAIImageContentPart {
  type: 'image_url';
  image_url: { url: string; detail?: 'auto' | 'low' | 'high' };
}

export interface OpenAIAudioContentPart {
  type: 'input_audio';
  input_audio: { data: string; format: string };
}

export interface OpenAIFileContentPart {
  type: 'file';
  file: { file_id?: string; file_data?: string; filename?: string };
}

export type OpenAIContentPart = OpenAITextContentPart | OpenAIImageContentPart | OpenAIAudioContentPart | OpenAIFileContentPart;

/** A reasoning block on the OpenAI surface (an extension, in the shape LiteLLM uses). */
export type OpenAIThinkingBlock = { type: 'thinking'; thinking: string; signature?: string } | { type: 'redacted_thinking'; data: string };

export interface OpenAIToolCall {
  id: string;
  type: 'function';
  function: { name: string; arguments: string };
}

export interface OpenAIChatMessage {
  role: OpenAIChatRole;
  content?: string | OpenAIContentPart[] | null;
  name?: string;
  tool_calls?: OpenAIToolCall[];
  tool_call_id?: string;
  refusal?: string | null;
  /** Extension: reasoning text produced by the model on an earlier turn. */
  reasoning_content?: string;
  /** Extension (LiteLLM's name): the reasoning blocks with their signatures, to send back on the next turn. */
  thinking_blocks?: OpenAIThinkingBlock[];
  [field: string]: unknown;
}

export interface OpenAIFunctionTool {
  type: 'function';
  function: { name: string; description?: string; parameters?: Record<string, unknown>; strict?: boolean };
}

export type OpenAIToolChoice = 'none' | 'auto' | 'required' | { type: 'function'; function: { name: string } };

export interface OpenAIChatRequest {
  model: string;
  messages: OpenAIChatMessage[];
  stream?: boolean;
  stream_options?: { include_usage?: boolean } | null;
  max_tokens?: number | null;
  max_completion_tokens?: number | null;
  temperature?: number | null;
  top_p?: number | null;
  n?: number | null;
  stop?: string | string[] | null;
  presence_penalty?: number | null;
  frequency_penalty?: number | null;
  logit_bias?: Record<string, number> | null;
  logprobs?: boolean | null;
  top_logprobs?: number | null;
  seed?: number | null;
  response_format?: { type: string; json_schema?: Record<string, unknown> } | null;
  tools?: OpenAIFunctionTool[];
  tool_choice?: OpenAIToolChoice;
  parallel_tool_calls?: boolean;
  reasoning_effort?: string;
  user?: string;
  metadata?: Record<string, string>;
  /** Any other field is passed to providers that accept it. */
  [field: string]: unknown;
}

export type OpenAIFinishReason = 'stop' | 'length' | 'tool_calls' | 'content_filter' | 'function_call';

export interface OpenAIUsage {
  prompt_tokens: number;
  completion_tokens: number;
  total_tokens: number;
  /** `cached_tokens` is included in `prompt_tokens`; `cache_write_tokens` is an extension. */
  prompt_tokens_details?: { cached_tokens?: number; audio_tokens?: number; cache_write_tokens?: number };
  /** `reasoning_tokens` is included in `completion_tokens`. */
  completion_tokens_details?: {
    reasoning_tokens?: number;
    audio_tokens?: number;
    accepted_prediction_tokens?: number;
    rejected_prediction_tokens?: number;
  };
  /** The gateway's extension (OpenRouter's field): what the call cost in US dollars, when its prices are known. */
  cost?: number;
  [field: string]: unknown;
}

export interface OpenAIAssistantMessage {
  role: 'assistant';
  content: string | null;
  refusal?: string | null;
  tool_calls?: OpenAIToolCall[];
  reasoning_content?: string;
  thinking_blocks?: OpenAIThinkingBlock[];
  [field: string]: unknown;
}

export interface OpenAIChatChoice {
  index: number;
  message: OpenAIAssistantMessage;
  logprobs?: unknown;
  finish_reason: OpenAIFinishReason | null;
}

export interface OpenAIChatCompletion {
  id: string;
  object: 'chat.completion';
  created: number;
  model: string;
  choices: OpenAIChatChoice[];
  usage?: OpenAIUsage;
  system_fingerprint?: string | null;
  service_tier?: string | null;
  [field: string]: unknown;
}

export interface OpenAIToolCallDelta {
  index: number;
  id?: string;
  type?: 'function';
  function?: { name?: string; arguments?: string };
}

export interface OpenAIChatDelta {
  role?: 'assistant';
  content?: string | null;
  refusal?: string | null;
  tool_calls?: OpenAIToolCallDelta[];
  reasoning_content?: string;
  thinking_blocks?: OpenAIThinkingBlock[];
  [field: string]: unknown;
}

export interface OpenAIChatChunkChoice {
  index: number;
  delta: OpenAIChatDelta;
  logprobs?: unknown;
  finish_reason: OpenAIFinishReason | null;
}

export interface OpenAIChatCompletionChunk {
  id: string;
  object: 'chat.completion.chunk';
  created: number;
  model: string;
  choices: OpenAIChatChunkChoice[];
  usage?: OpenAIUsage | null;
  system_fingerprint?: string | null;
  [field: string]: unknown;
}
