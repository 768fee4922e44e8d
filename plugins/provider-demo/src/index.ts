import { demoPlugin } from './demo-plugin.js';

export default demoPlugin;
export { demoPlugin } from './demo-plugin.js';
export { createDemoProvider, demoModelIds, type DemoProviderSettings } from './create-demo-provider.js';
export { DemoChatModel, type DemoAnswerFunction } from './demo-chat-model.js';
export { answerDemoRequest, demoAnswerPrefix } from './answer-demo-request.js';
export type { DemoAnswer, DemoToolCall } from './demo-answer.js';
export { countDemoTokens } from './count-demo-tokens.js';
export { defaultDemoEmbeddingDimensions, demoEmbedding } from './demo-embedding.js';
export { demoSettingsSchema, type DemoSettings } from './demo-settings-schema.js';
