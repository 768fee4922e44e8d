import type { ReasoningPartV1 } from '../../specification/chat/chat-content-v1.js';
import type { ChatResponseV1, FinishReasonV1 } from '../../specification/chat/chat-response-v1.js';
import type { EncodeContextV1 } from '../../specification/chat-codec-v1.js';
import { openAIResponsesId } from './openai-responses-ids.js';
import { encodeOpenAIResponsesUsage } from './openai-responses-usage.js';
import { encodeReasoningEnvelope } from './reasoning-envelope.js';
import type {
  OpenAIResponsesOutputItem,
  OpenAIResponsesOutputReasoning,
  OpenAIResponsesRequest,
  OpenAIResponsesResponse,
} from './openai-responses-wire-types.js';

/** What every encoded answer of one request needs: its id, its time and the settings a `response` object repeats. */
export interface OpenAIResponsesEncoding {
  id: string;
  /** Unix time in seconds. */
  createdAt: number;
  /** Whether the answer is kept for `previous_response_id` and `GET /v1/responses/{id}`. */
  store: boolean;
  echo: Pick<
    OpenAIResponsesResponse,
    | 'instructions'
    | 'max_output_tokens'
    | 'metadata'
    | 'parallel_tool_calls'
    | 'previous_response_id'
    | 'reasoning'
    | 'temperature'
    | 'text'
    | 'tool_choice'
    | 'tools'
    | 'top_p'
    | 'user'
  >;
}

/** The encoding of a validated request: a fresh `resp_…` id and the request's settings as OpenAI echoes them. */
export function openAIResponsesEncodingOf(request: OpenAIResponsesRequest): OpenAIResponsesEncoding {
  return {
    id: openAIResponsesId('resp'),
    createdAt: Math.floor(Date.now() / 1000),
    store: request.store !== false,
    echo: {
      instructions: request.instructions ?? null,
      max_output_tokens: request.max_output_tokens ?? null,
      metadata: request.metadata ?? {},
      parallel_tool_calls: request.parallel_tool_calls ?? true,
      previous_response_id: request.previous_response_id ?? null,
      reasoning: { effort: request.reasoning?.effort ?? null, summary: null },
      temperature: request.temperature ?? null,
      text: { format: request.text?.format ?? { type: 'text' } },
      tool_choice: request.tool_choice ?? 'auto',
      tools: (request.tools ?? []).map((tool) => ({
        type: 'function',
        name: tool.name,
        description: tool.description ?? null,
        parameters: tool.parameters ?? null,
        strict: tool.strict ?? true,
      })),
      top_p: request.top_p ?? null,
      user: request.user ?? null,
    },
  };
}

/** A `response` object with no output yet, in the given status. */
export function openAIResponseShell(
  context: EncodeContextV1<OpenAIResponsesEncoding>,
  model: string,
  status: OpenAIResponsesResponse['status'],
): OpenAIResponsesResponse {
  const { encoding } = context;
  return {
    id: encoding.id,
    object: 'response',
    created_at: encoding.createdAt,
    status,
    error: null,
    incomplete_details: null,
    model,
    output: [],
    store: encoding.store,
    truncation: 'disabled',
    usage: null,
    ...encoding.echo,
  };
}

/** `completed`, or `incomplete` with its reason, from how the model stopped. */
export function applyFinishReason(response: OpenAIResponsesResponse, finishReason: FinishReasonV1): void {
  if (finishReason.unified === 'length') {
    response.status = 'incomplete';
    response.incomplete_details = { reason: 'max_output_tokens' };
  } else if (finishReason.unified === 'content-filter') {
    response.status = 'incomplete';
    response.incomplete_details = { reason: 'content_filter' };
  } else {
    response.status = 'completed';
  }
}

/**
 * A canonical reasoning part as a reasoning item: its text as the summary; as `encrypted_content`,
 * OpenAI's own when it came from OpenAI, else the signature, redacted data or provider options (a Google
 * backend's thought signature) another provider needs back.
 */
export function encodeReasoningItem(part: ReasoningPartV1, status: 'in_progress' | 'completed'): OpenAIResponsesOutputReasoning {
  const options = part.providerOptions?.openai;
  const itemId = typeof options?.['itemId'] === 'string' ? options['itemId'] : openAIResponsesId('rs');
  const item: OpenAIResponsesOutputReasoning = {
    type: 'reasoning',
    id: itemId,
    summary: part.text.length === 0 ? [] : [{ type: 'summary_text', text: part.text }],
    status,
  };
  const { openai: _openai, ...others } = part.providerOptions ?? {};
  const carried = Object.keys(others).length > 0;
  if (typeof options?.['encryptedContent'] === 'string') item.encrypted_content = options['encryptedContent'];
  else if (part.signature !== undefined || part.redactedData !== undefined || carried) {
    item.encrypted_content = encodeReasoningEnvelope({
      ...(part.signature === undefined ? {} : { signature: part.signature }),
      ...(part.redactedData === undefined ? {} : { redactedData: part.redactedData }),
      ...(carried ? { providerOptions: others } : {}),
    });
  }
  return item;
}

/** The output items of a canonical answer, in the order the model produced them (files have no Responses form). */
export function encodeOpenAIResponsesOutput(response: ChatResponseV1): OpenAIResponsesOutputItem[] {
  const output: OpenAIResponsesOutputItem[] = [];
  for (const part of response.content) {
    if (part.type === 'text') {
      output.push({
        type: 'message',
        id: openAIResponsesId('msg'),
        role: 'assistant',
        status: 'completed',
        content: [{ type: 'output_text', text: part.text, annotations: [] }],
      });
    } else if (part.type === 'reasoning') {
      output.push(encodeReasoningItem(part, 'completed'));
    } else if (part.type === 'tool-call') {
      output.push({
        type: 'function_call',
        id: openAIResponsesId('fc'),
        call_id: part.toolCallId,
        name: part.toolName,
        arguments: part.input,
        status: 'completed',
      });
    }
  }
  return output;
}

/** A canonical answer as a Responses `response` object. */
export function encodeOpenAIResponsesResponse(
  response: ChatResponseV1,
  context: EncodeContextV1<OpenAIResponsesEncoding>,
): OpenAIResponsesResponse {
  const encoded = openAIResponseShell(context, response.metadata.model ?? context.model, 'completed');
  applyFinishReason(encoded, response.finishReason);
  encoded.output = encodeOpenAIResponsesOutput(response);
  if (response.usage !== undefined) encoded.usage = encodeOpenAIResponsesUsage(response.usage);
  return encoded;
}
