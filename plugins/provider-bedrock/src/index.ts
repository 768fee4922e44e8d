import { bedrockPlugin } from './bedrock-plugin.js';

export default bedrockPlugin;
export { bedrockPlugin } from './bedrock-plugin.js';
export { createBedrockProvider, type BedrockProviderSettings } from './create-bedrock-provider.js';
export {
  bedrockMediaFetchSchema,
  bedrockSettingsSchema,
  type BedrockMediaFetchSettings,
  type BedrockSettings,
} from './bedrock-settings-schema.js';
export { bedrockEnvironment } from './bedrock-credentials.js';
export { bedrockModels, findBedrockModelMetadata } from './bedrock-model-metadata.js';
export { convertToBedrockRequest } from './convert-to-bedrock-request.js';
export { decodeEventStream, EventStreamFramingError, type EventStreamMessage } from './decode-event-stream.js';
