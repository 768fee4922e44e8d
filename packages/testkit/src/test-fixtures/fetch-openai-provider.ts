import {
  MissingCredentialError,
  UpstreamError,
  type CallOptions,
  type ChatRequestV1,
  type ChatResponseV1,
  type ChatStreamPartV1,
  type ProviderV1,
  type UnifiedFinishReasonV1,
  type UsageV1,
} from '@modelgate/core';

/** Mistakes a real provider could make, switched on to prove that the conformance suite catches them. */
export interface ProviderFaults {
  /** Does not ask for usage in streams (`stream_options.include_usage`), so the finish has none. */
  omitIncludeUsage?: boolean;
  /** Reports a dropped stream as a normal finish. */
  finishOnDrop?: boolean;
  /** Skips in-stream error events and finishes normally. */
  ignoreErrorEvents?: boolean;
  /** Ignores the abort signal. */
  ignoreSignal?: boolean;
  /** Ignores `retry-after`. */
  ignoreRetryAfter?: boolean;
  /** Reports `inputTokens` without the cached tokens (Anthropic's meaning, not the canonical one). */
  inputWithoutCache?: boolean;
  /** Drops the raw finish reason. */
  dropRawFinishReason?: boolean;
  /** Sends text deltas without opening a text block first. */
  skipTextStart?: boolean;
  /** Gives every tool call the same id. */
  reuseToolCallIds?: boolean;
}

export interface FetchOpenAIProviderSettings {
  baseURL: string;
  apiKey?: string;
  environment: Record<string, string | undefined>;
  faults?: ProviderFaults;
}

interface WireUsage {
  prompt_tokens: number;
  completion_tokens: number;
  prompt_tokens_details?: { cached_tokens?: number };
  completion_tokens_details?: { reasoning_tokens?: number };
}
interface WireToolCall {
  index?: number;
  id?: string;
  function?: { name?: string; arguments?: string };
}
interface WireChoice {
  message?: { content?: string | null; tool_calls?: WireToolCall[] };
  delta?: { content?: string | null; tool_calls?: WireToolCall[] };
  finish_reason?: string | null;
}
interface WireBody {
  choices?: WireChoice[];
  usage?: WireUsage | null;
  error?: { message: string };
  data?: Array<{ embedding: number[] }>;
}

const unified: Record<string, UnifiedFinishReasonV1> = {
  stop: 'stop',
  length: 'length',
  tool_calls: 'tool-calls',
  content_filter: 'content-filter',
};

/** A small OpenAI-wire provider on the canonical model over `fetch`, the reference the testkit's suite is checked against. */
export function createFetchOpenAIProvider(settings: FetchOpenAIProviderSettings): ProviderV1 {
  const faults = settings.faults ?? {};
  const usageOf = (usage: WireUsage | null | undefined): UsageV1 | undefined => {
    if (!usage) return undefined;
    const cached = usage.prompt_tokens_details?.cached_tokens;
    const inputTokens = faults.inputWithoutCache ? usage.prompt_tokens - (cached ?? 0) : usage.prompt_tokens;
    const reasoning = usage.completion_tokens_details?.reasoning_tokens;
    return {
      inputTokens,
      outputTokens: usage.completion_tokens,
      totalTokens: inputTokens + usage.completion_tokens,
      ...(cached === undefined ? {} : { cacheReadTokens: cached }),
      ...(reasoning === undefined ? {} : { reasoningTokens: reasoning }),
    };
  };
  const finishOf = (raw: string | undefined) => ({
    unified: unified[raw ?? ''] ?? 'other',
    ...(faults.dropRawFinishReason || raw === undefined ? {} : { raw }),
  });

  async function post(path: string, body: Record<string, unknown>, options: CallOptions): Promise<Response> {
    const key = settings.apiKey || settings.environment['OPENAI_API_KEY'];
    if (!key) throw new MissingCredentialError({ provider: 'fetch-openai', setting: 'api_key', environmentVariable: 'OPENAI_API_KEY' });
    let response: Response;
    try {
      response = await fetch(`${settings.baseURL}${path}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
        signal: faults.ignoreSignal ? null : (options.signal ?? null),
      });
    } catch (error) {
      if (options.signal?.aborted) throw options.signal.reason;
      throw new UpstreamError('The upstream could not be reached.', { cause: error });
    }
    if (response.ok) return response;
    const text = await response.text();
    const retryAfter = Number(response.headers.get('retry-after'));
    throw new UpstreamError((JSON.parse(text) as WireBody).error?.message ?? text, {
      upstreamStatus: response.status,
      body: text,
      ...(Number.isFinite(retryAfter) && retryAfter > 0 && !faults.ignoreRetryAfter ? { retryAfterMs: retryAfter * 1000 } : {}),
    });
  }

  const wireMessages = (request: ChatRequestV1) =>
    request.messages.map((message) => ({
      role: message.role,
      content: message.content.map((part) => (part.type === 'text' ? part.text : '')).join(''),
    }));

  async function* parts(response: Response): AsyncGenerator<ChatStreamPartV1> {
    const decoder = new TextDecoder();
    const calls = new Map<number, { id: string; name: string; input: string }>();
    let buffer = '';
    let text = false;
    let usage: UsageV1 | undefined;
    let raw: string | undefined;
    try {
      for await (const bytes of response.body as AsyncIterable<Uint8Array>) {
        buffer += decoder.decode(bytes, { stream: true });
        for (let end = buffer.indexOf('\n\n'); end >= 0; end = buffer.indexOf('\n\n')) {
          const data = buffer.slice(0, end).replace(/^data: /, '');
          buffer = buffer.slice(end + 2);
          if (data === '[DONE]') {
            if (text) yield { type: 'text-end', id: 'text-0' };
            for (const call of calls.values()) {
              yield { type: 'tool-input-end', id: call.id };
              yield { type: 'tool-call', toolCallId: call.id, toolName: call.name, input: call.input };
            }
            yield { type: 'finish', finishReason: finishOf(raw), ...(usage ? { usage } : {}) };
            return;
          }
          const chunk = JSON.parse(data) as WireBody;
          if (chunk.error && !faults.ignoreErrorEvents) {
            yield { type: 'error', error: new UpstreamError(chunk.error.message) };
            return;
          }
          usage = usageOf(chunk.usage) ?? usage;
          const choice = chunk.choices?.[0];
          raw = choice?.finish_reason ?? raw;
          if (choice?.delta?.content) {
            if (!text && !faults.skipTextStart) yield { type: 'text-start', id: 'text-0' };
            text = true;
            yield { type: 'text-delta', id: 'text-0', delta: choice.delta.content };
          }
          for (const delta of choice?.delta?.tool_calls ?? []) {
            let call = calls.get(delta.index ?? 0);
            if (call === undefined) {
              call = { id: faults.reuseToolCallIds ? 'call_same' : (delta.id ?? ''), name: delta.function?.name ?? '', input: '' };
              calls.set(delta.index ?? 0, call);
              yield { type: 'tool-input-start', id: call.id, toolName: call.name };
            }
            const fragment = delta.function?.arguments ?? '';
            call.input += fragment;
            if (fragment) yield { type: 'tool-input-delta', id: call.id, delta: fragment };
          }
        }
      }
      if (faults.finishOnDrop || faults.ignoreErrorEvents) {
        if (text) yield { type: 'text-end', id: 'text-0' };
        yield { type: 'finish', finishReason: finishOf(raw) };
      } else yield { type: 'error', error: new UpstreamError('The upstream ended the stream without [DONE].') };
    } catch (error) {
      if (faults.finishOnDrop) {
        if (text) yield { type: 'text-end', id: 'text-0' };
        yield { type: 'finish', finishReason: finishOf(raw) };
      } else yield { type: 'error', error: new UpstreamError('The upstream stream failed.', { cause: error }) };
    }
  }

  return {
    specificationVersion: 'v1',
    name: 'fetch-openai',
    chat: (modelId) => ({
      specificationVersion: 'v1',
      provider: 'fetch-openai',
      modelId,
      generate: async (request, options) => {
        const answer = (await (
          await post('/chat/completions', { model: modelId, messages: wireMessages(request) }, options)
        ).json()) as WireBody;
        const choice = answer.choices?.[0];
        const content: ChatResponseV1['content'] = choice?.message?.content ? [{ type: 'text', text: choice.message.content }] : [];
        for (const call of choice?.message?.tool_calls ?? []) {
          const id = faults.reuseToolCallIds ? 'call_same' : (call.id ?? '');
          content.push({ type: 'tool-call', toolCallId: id, toolName: call.function?.name ?? '', input: call.function?.arguments ?? '' });
        }
        const usage = usageOf(answer.usage);
        return {
          response: {
            content,
            finishReason: finishOf(choice?.finish_reason ?? undefined),
            ...(usage ? { usage } : {}),
            metadata: {},
            warnings: [],
          },
        };
      },
      stream: async (request, options) => {
        const body = {
          model: modelId,
          messages: wireMessages(request),
          stream: true,
          ...(faults.omitIncludeUsage ? {} : { stream_options: { include_usage: true } }),
        };
        return { parts: parts(await post('/chat/completions', body, options)) };
      },
    }),
    embeddings: (modelId) => ({
      specificationVersion: 'v1',
      provider: 'fetch-openai',
      modelId,
      embed: async (request, options) => {
        const answer = (await (await post('/embeddings', { model: modelId, input: request.values }, options)).json()) as WireBody;
        return { response: { embeddings: (answer.data ?? []).map((item) => item.embedding) } };
      },
    }),
  };
}
