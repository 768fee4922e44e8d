import { vertexPlugin } from './vertex-plugin.js';

export default vertexPlugin;
export { vertexPlugin } from './vertex-plugin.js';
export { createVertexProvider, type VertexProviderSettings } from './create-vertex-provider.js';
export { VertexProvider, vertexCountTokensBody } from './vertex-provider.js';
export { vertexSettingsSchema, type VertexSettings } from './vertex-settings-schema.js';
export { credentialsVariable, defaultVertexBaseURL, VertexEndpoint, type VertexEndpointOptions } from './vertex-endpoint.js';
export { VertexEmbeddingModel } from './vertex-embedding-model.js';
export { GoogleAccessTokenSource, type GoogleAccessTokenSourceOptions } from './google-access-token-source.js';
export { signServiceAccountJwt, cloudPlatformScope } from './sign-service-account-jwt.js';
export { defaultTokenURI, readServiceAccountKey, type ServiceAccountCredentials } from './service-account-key.js';
