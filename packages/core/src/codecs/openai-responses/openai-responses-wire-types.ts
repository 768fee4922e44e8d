/**
 * OpenAI Responses API shapes, as far as the gateway reads or writes them (OpenAI's API reference and
 * the `openai` SDK's `resources/responses` types). Requests are validated by
 * `openAIResponsesRequestSchema` first; these types describe what passed.
 */

export type OpenAIResponsesInputContent =
  | { type: 'input_text'; text: string }
  | { type: 'output_text'; text: string; annotations?: unknown[] }
  | { type: 'refusal'; refusal: string }
  | { type: 'input_image'; image_url?: string | null; file_id?: string | null; detail?: 'auto' | 'low' | 'high' | 'original' }
  | { type: 'input_file'; file_id?: string | null; file_data?: string; file_url?: string; filename?: string };

export interface OpenAIResponsesMessageItem {
  type?: 'message';
  id?: string;
  role: 'user' | 'assistant' | 'system' | 'developer';
  content: string | OpenAIResponsesInputContent[];
  status?: string;
}

export interface OpenAIResponsesFunctionCallItem {
  type: 'function_call';
  id?: string;
  call_id: string;
  name: string;
  arguments: string;
  status?: string;
}

export interface OpenAIResponsesFunctionCallOutputItem {
  type: 'function_call_output';
  id?: string | null;
  call_id: string;
  output: string | OpenAIResponsesInputContent[];
  status?: string | null;
}

export interface OpenAIResponsesReasoningItem {
  type: 'reasoning';
  id?: string;
  summary: { type: 'summary_text'; text: string }[];
  content?: { type: 'reasoning_text'; text: string }[];
  encrypted_content?: string | null;
  status?: string;
}

export type OpenAIResponsesInputItem =
  | OpenAIResponsesMessageItem
  | OpenAIResponsesFunctionCallItem
  | OpenAIResponsesFunctionCallOutputItem
  | OpenAIResponsesReasoningItem;

export interface OpenAIResponsesFunctionTool {
  type: 'function';
  name: string;
  description?: string | null;
  parameters?: Record<string, unknown> | null;
  strict?: boolean | null;
}

export type OpenAIResponsesTextFormat =
  | { type: 'text' }
  | { type: 'json_object' }
  | { type: 'json_schema'; name: string; schema: Record<string, unknown>; description?: string; strict?: boolean | null };

export type OpenAIResponsesToolChoice = 'none' | 'auto' | 'required' | { type: 'function'; name: string };

export interface OpenAIResponsesRequest {
  model: string;
  input: string | OpenAIResponsesInputItem[];
  instructions?: string | null;
  tools?: OpenAIResponsesFunctionTool[];
  tool_choice?: OpenAIResponsesToolChoice;
  parallel_tool_calls?: boolean | null;
  text?: { format?: OpenAIResponsesTextFormat; [field: string]: unknown };
  reasoning?: { effort?: string | null; [field: string]: unknown } | null;
  max_output_tokens?: number | null;
  temperature?: number | null;
  top_p?: number | null;
  metadata?: Record<string, string> | null;
  user?: string;
  store?: boolean | null;
  previous_response_id?: string | null;
  stream?: boolean | null;
  [field: string]: unknown;
}

export interface OpenAIResponsesOutputText {
  type: 'output_text';
  text: string;
  annotations: unknown[];
}

export interface OpenAIResponsesOutputMessage {
  type: 'message';
  id: string;
  role: 'assistant';
  status: 'in_progress' | 'completed' | 'incomplete';
  content: OpenAIResponsesOutputText[];
}

export interface OpenAIResponsesOutputFunctionCall {
  type: 'function_call';
  id: string;
  call_id: string;
  name: string;
  arguments: string;
  status: 'in_progress' | 'completed' | 'incomplete';
}

export interface OpenAIResponsesOutputReasoning {
  type: 'reasoning';
  id: string;
  summary: { type: 'summary_text'; text: string }[];
  encrypted_content?: string;
  status?: 'in_progress' | 'completed' | 'incomplete';
}

export type OpenAIResponsesOutputItem = OpenAIResponsesOutputMessage | OpenAIResponsesOutputFunctionCall | OpenAIResponsesOutputReasoning;

export interface OpenAIResponsesUsage {
  input_tokens: number;
  input_tokens_details: { cached_tokens: number };
  output_tokens: number;
  output_tokens_details: { reasoning_tokens: number };
  total_tokens: number;
}

export type OpenAIResponsesStatus = 'completed' | 'incomplete' | 'failed' | 'in_progress';

/** The `response` object: what `POST /v1/responses` answers, `GET /v1/responses/{id}` returns and stream events carry. */
export interface OpenAIResponsesResponse {
  id: string;
  object: 'response';
  created_at: number;
  status: OpenAIResponsesStatus;
  error: { code: string; message: string } | null;
  incomplete_details: { reason: 'max_output_tokens' | 'content_filter' } | null;
  instructions: string | null;
  max_output_tokens: number | null;
  model: string;
  output: OpenAIResponsesOutputItem[];
  parallel_tool_calls: boolean;
  previous_response_id: string | null;
  reasoning: { effort: string | null; summary: string | null };
  store: boolean;
  temperature: number | null;
  text: { format: OpenAIResponsesTextFormat };
  tool_choice: OpenAIResponsesToolChoice;
  tools: OpenAIResponsesFunctionTool[];
  top_p: number | null;
  truncation: 'disabled';
  usage: OpenAIResponsesUsage | null;
  user: string | null;
  metadata: Record<string, string>;
}
