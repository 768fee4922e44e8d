export { createExampleProvider, exampleApiKeyEnvironmentVariable, type ExampleProviderSettings } from './example-provider.js';
export { convertToExampleRequest, type ExamplePart, type ExampleTurn } from './convert-to-example-request.js';
export { readExampleStream, type ReadExampleStreamOptions } from './read-example-stream.js';
export { collectChatResponse } from './collect-chat-response.js';
