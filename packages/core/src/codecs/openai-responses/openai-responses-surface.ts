import { InvalidRequestError } from '../../errors/invalid-request-error.js';
import { NotFoundError } from '../../errors/not-found-error.js';
import type { ChatOutcome, RequestContext } from '../../gateway/call-metadata.js';
import type { Gateway } from '../../gateway/gateway.js';
import type { ResponseContentPartV1 } from '../../specification/chat/chat-content-v1.js';
import type { ChatMessageV1 } from '../../specification/chat/chat-prompt-v1.js';
import type { ChatCodecV1 } from '../../specification/chat-codec-v1.js';
import type { Principal } from '../../specification/principal.js';
import { decodeOpenAIResponsesItems } from './decode-openai-responses-items.js';
import { createOpenAIResponsesCodec, type OpenAIResponsesCodecEncoding } from './openai-responses-codec.js';
import type { CompletedOpenAIResponse } from './openai-responses-stream-encoder.js';
import type { OpenAIResponsesInputItem, OpenAIResponsesResponse } from './openai-responses-wire-types.js';
import type { ResponseStore, StoredResponse } from './response-store.js';

export interface OpenAIResponsesCreated {
  /** The codec that encodes this request's answer (it stores the answer when it completes). */
  codec: ChatCodecV1<OpenAIResponsesCodecEncoding>;
  outcome: ChatOutcome<OpenAIResponsesCodecEncoding>;
}

export interface OpenAIResponsesSurfaceOptions {
  /** Called when storing an answer failed (the answer itself still goes out). */
  onStoreError?: (error: unknown) => void;
}

/** The owner of what a principal stores: its id, or `''` when the gateway runs without authentication. */
function ownerOf(principal: Principal | undefined): string {
  return principal?.id ?? '';
}

const storedItemTypes = new Set(['message', 'function_call', 'reasoning']);

/** The output of a forwarded answer in the canonical model (items the gateway has no form for are left out). */
function forwardedContent(response: OpenAIResponsesResponse): ChatMessageV1[] {
  const items = (Array.isArray(response.output) ? response.output : []).filter((item) => storedItemTypes.has(item.type));
  return decodeOpenAIResponsesItems(items as unknown as OpenAIResponsesInputItem[]);
}

function withAnswer(conversation: ChatMessageV1[], completed: CompletedOpenAIResponse): ChatMessageV1[] {
  if (completed.content === undefined) return [...conversation, ...forwardedContent(completed.response)];
  const content = completed.content.filter((part): part is Exclude<ResponseContentPartV1, { type: 'file' }> => part.type !== 'file');
  return [...conversation, { role: 'assistant', content }];
}

/**
 * OpenAI's Responses API over the gateway: `create` runs a request (with the stored conversation of
 * `previous_response_id`, scoped to the principal) and stores its answer unless `store: false`;
 * `retrieve` and `delete` work on stored answers of the same principal only.
 */
export class OpenAIResponsesSurface {
  constructor(
    private readonly gateway: Gateway,
    private readonly store: ResponseStore,
    private readonly options: OpenAIResponsesSurfaceOptions = {},
  ) {}

  async create(body: unknown, context: RequestContext = {}): Promise<OpenAIResponsesCreated> {
    const owner = ownerOf(context.principal);
    const previousId = (body as { previous_response_id?: unknown } | null)?.previous_response_id;
    let history: ChatMessageV1[] | undefined;
    if (typeof previousId === 'string' && previousId.length > 0) {
      const previous = await this.find(previousId, owner);
      if (previous === undefined) {
        throw new InvalidRequestError(`Previous response with id '${previousId}' not found.`, {
          param: 'previous_response_id',
          code: 'previous_response_not_found',
        });
      }
      history = previous.messages;
    }
    const codec = createOpenAIResponsesCodec({
      ...(history === undefined ? {} : { history }),
      onComplete: (completed, conversation) => this.save(owner, completed, conversation),
    });
    const outcome = await this.gateway.runChat(codec, body, context);
    return { codec, outcome };
  }

  async retrieve(id: string, principal: Principal | undefined): Promise<OpenAIResponsesResponse> {
    const stored = await this.find(id, ownerOf(principal));
    if (stored === undefined) throw notFound(id);
    return stored.response;
  }

  async delete(id: string, principal: Principal | undefined): Promise<{ id: string; object: 'response'; deleted: true }> {
    const stored = await this.find(id, ownerOf(principal));
    if (stored === undefined || !(await this.store.delete(id))) throw notFound(id);
    return { id, object: 'response', deleted: true };
  }

  /** Another principal's answer is as unknown as a missing one. */
  private async find(id: string, owner: string): Promise<StoredResponse | undefined> {
    const stored = await this.store.get(id);
    return stored?.owner === owner ? stored : undefined;
  }

  private save(owner: string, completed: CompletedOpenAIResponse, conversation: () => ChatMessageV1[]): void {
    const { response } = completed;
    try {
      const stored: StoredResponse = { id: response.id, owner, response, messages: withAnswer(conversation(), completed) };
      this.store.put(stored).catch((error: unknown) => this.options.onStoreError?.(error));
    } catch (error) {
      this.options.onStoreError?.(error);
    }
  }
}

function notFound(id: string): NotFoundError {
  return new NotFoundError(`Response with id '${id}' not found.`, { param: 'response_id', code: 'response_not_found' });
}
