import type { OpenAIChatCompletion, OpenAIChatRequest } from '../codecs/openai/openai-chat-wire-types.js';
import type { GatewayConfigInput } from '../config/gateway-config-schema.js';
import type { RequestContext } from './call-metadata.js';
import { createGateway, type CreateGatewayOptions } from './create-gateway.js';

export interface CompletionOptions extends CreateGatewayOptions, RequestContext {
  /** A full config; without it, `model` must be `<provider type>/<model>` and credentials come from the environment. */
  config?: GatewayConfigInput;
}

/**
 * One call without setting anything up: `completion({ model: 'groq/llama-3.3-70b', messages })`.
 * Builds a gateway for the call and closes it afterwards; keep a `createGateway` result for repeated calls.
 */
export async function completion(request: OpenAIChatRequest, options: CompletionOptions = {}): Promise<OpenAIChatCompletion> {
  const { config, signal, cancellation, principal, requestId, headers, ...gatewayOptions } = options;
  const provider = request.model.split('/')[0]!;
  const gateway = await createGateway(config ?? { providers: { [provider]: {} } }, gatewayOptions);
  try {
    return await gateway.completion(request, { signal, cancellation, principal, requestId, headers });
  } finally {
    await gateway.close();
  }
}
