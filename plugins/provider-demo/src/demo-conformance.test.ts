import { providerConformanceSuite } from '@modelgate/testkit';
import { describe, expect, it } from 'vitest';
import { createDemoProvider } from './create-demo-provider.js';
import { demoConformanceAnswer, demoConformanceUpstream } from './test-fixtures/demo-conformance-upstream.js';

// The demo's answers are fixed by design, so the kit's scripted scenarios reach it through its `answer` hook:
// the kit then proves the delivery (content parts, finish reasons, usage, stream blocks), which is the demo's own code.
describe('demo provider conformance', () => {
  providerConformanceSuite(
    { it, expect },
    {
      name: 'demo',
      modelId: 'demo-smart',
      upstream: demoConformanceUpstream(),
      createProvider: ({ baseURL }) => createDemoProvider({ answer: demoConformanceAnswer(baseURL) }),
      areas: ['generate', 'stream'],
    },
  );
});
