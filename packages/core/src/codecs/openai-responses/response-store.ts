import type { ChatMessageV1 } from '../../specification/chat/chat-prompt-v1.js';
import type { OpenAIResponsesResponse } from './openai-responses-wire-types.js';

/** One stored answer of `POST /v1/responses`. */
export interface StoredResponse {
  id: string;
  /** The principal that created it (`''` when the gateway runs without authentication); nobody else reads it. */
  owner: string;
  /** The `response` object as the client received it, for `GET /v1/responses/{id}`. */
  response: OpenAIResponsesResponse;
  /**
   * The conversation up to and including this answer, in the canonical model (without instructions):
   * what a request with `previous_response_id` continues.
   */
  messages: ChatMessageV1[];
}

/**
 * Where the Responses surface keeps answers for `previous_response_id`, `GET` and `DELETE`. Small on
 * purpose: an in-memory implementation ships; a shared one (for several instances) can follow the
 * same three methods.
 */
export interface ResponseStore {
  /** The stored answer, or `undefined` when it is unknown, deleted, evicted or expired. */
  get(id: string): Promise<StoredResponse | undefined>;
  put(response: StoredResponse): Promise<void>;
  /** Whether there was something to delete. */
  delete(id: string): Promise<boolean>;
}
