import { MissingCredentialError } from '@modelgate/core';
import { captureRejection } from './capture-rejection.js';
import { chatRequest, describeError, type ProviderHarness } from './provider-conformance-harness.js';

/** Credentials are read at call time: a missing one is a typed error sent nowhere; the environment is the fallback. */
export function registerProviderCredentialTests(harness: ProviderHarness, environmentVariable: string): void {
  const { expect, test, settleTimeoutMs } = harness;
  const { modelId } = harness.options;

  test(
    `a missing key rejects generate and stream with MissingCredentialError naming ${environmentVariable}, sending nothing`,
    [],
    async (upstream, provider) => {
      const model = provider.chat(modelId);
      for (const [call, start] of [
        ['generate', () => model.generate(chatRequest(), {})],
        ['stream', () => model.stream(chatRequest(), {})],
      ] as const) {
        const error = await captureRejection(start(), call, settleTimeoutMs);
        expect(MissingCredentialError.isInstance(error), `${call}: MissingCredentialError.isInstance(${describeError(error)})`).toBe(true);
        if (!MissingCredentialError.isInstance(error)) return;
        expect(error.environmentVariable, `${call}: environmentVariable`).toBe(environmentVariable);
        expect(error.message, `${call}: the message`).toContain(environmentVariable);
      }
      expect(upstream.requests, 'requests the upstream received').toHaveLength(0);
    },
    () => ({ apiKey: '', environment: {} }),
  );

  test(
    `the key is read from ${environmentVariable} when the settings have none`,
    ['text'],
    async (upstream, provider) => {
      upstream.enqueue({ type: 'text', text: 'Key from the environment.' });
      const { response } = await provider.chat(modelId).generate(chatRequest(), {});
      expect(
        response.content.map((part) => (part.type === 'text' ? part.text : part.type)),
        'content',
      ).toEqual(['Key from the environment.']);
      const [request] = upstream.requests;
      expect(request !== undefined && upstream.hasCredential(request), 'the request carried the key from the environment').toBe(true);
    },
    (upstream) => ({ apiKey: '', environment: { [environmentVariable]: upstream.apiKey } }),
  );
}
