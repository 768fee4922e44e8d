/** Mistral's error body: `{"object":"error","message","type","param","code"}` (the code a numeric string or null). */
export interface MistralErrorBody {
  object: 'error';
  message: unknown;
  type: string;
  param: string | null;
  code: string | null;
}

export function mistralErrorBody(
  message: unknown,
  type: string,
  code: string | null = null,
  param: string | null = null,
): MistralErrorBody {
  return { object: 'error', message, type, param, code };
}

/** One entry of a 422's `message.detail`, as Mistral's (pydantic) validation reports it. */
export interface MistralValidationDetail {
  type: string;
  loc: (string | number)[];
  msg: string;
  input?: unknown;
}

/** 422 for a body that does not validate: unknown fields, wrong types, missing fields. */
export function mistralValidationBody(detail: MistralValidationDetail[]): MistralErrorBody {
  return mistralErrorBody({ detail }, 'invalid_request_message_error');
}

/** 400 for a tool-call id that is not 9 letters and digits, word for word Mistral's message. */
export function mistralToolCallIdBody(id: string): MistralErrorBody {
  return mistralErrorBody(`Tool call id was ${id} but must be a-z, A-Z, 0-9, with a length of 9.`, 'invalid_function_call', '3280');
}

/** 400 when the tool messages do not answer the calls of the assistant message before them. */
export function mistralToolResultsBody(): MistralErrorBody {
  return mistralErrorBody('Not the same number of function calls and responses', 'invalid_request_message_error', '3230');
}

/** 401: Mistral's gateway answers a missing or wrong key with a flat body. */
export function mistralUnauthorizedBody(requestId: string): { message: string; request_id: string } {
  return { message: 'Unauthorized', request_id: requestId };
}

export function mistralRateLimitBody(): MistralErrorBody {
  return mistralErrorBody('Requests rate limit exceeded', 'rate_limited', '1300');
}

/** The error type Mistral uses for a status. */
export function mistralErrorType(status: number): string {
  if (status === 429) return 'rate_limited';
  if (status >= 500) return 'internal_server_error';
  return 'invalid_request_error';
}
