import type { ProviderOptionsV1 } from '@modelgate/core';

/** The provider-options key of the Google family (Gemini and Vertex share it). */
export const googleOptionsKey = 'google';

/** The Google options of a request or a part: the family's key, then the instance name's (which wins). */
export function googleOptionsOf(options: ProviderOptionsV1 | undefined, instanceName: string): Record<string, unknown> {
  if (options === undefined) return {};
  return { ...options[googleOptionsKey], ...(instanceName === googleOptionsKey ? {} : options[instanceName]) };
}

/** The thought signature a part carries from an earlier Gemini answer, if any. */
export function thoughtSignatureOf(options: ProviderOptionsV1 | undefined, instanceName: string): string | undefined {
  const signature = googleOptionsOf(options, instanceName).thoughtSignature;
  return typeof signature === 'string' && signature.length > 0 ? signature : undefined;
}

/** The provider options an answer part carries so that its signature goes back on the next turn. */
export function signatureOptions(signature: string | undefined): { providerOptions?: ProviderOptionsV1 } {
  return signature === undefined ? {} : { providerOptions: { [googleOptionsKey]: { thoughtSignature: signature } } };
}
