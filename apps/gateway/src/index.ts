export { buildApp, effectiveMasterKey, type BuildAppOptions, type LogLevel } from './app.js';
export { JsonLineLogger } from './logging/json-line-logger.js';
export { assertSafeBinding, startServer, type RunningServer, type StartServerOptions } from './server.js';
export { bundledPlugins, createAppGateway, type CreateAppGatewayOptions } from './create-app-gateway.js';
export { errorResponseOf, openAIErrorBody, type ErrorResponse, type OpenAIErrorBody } from './http/openai-error-body.js';
export { runCli } from './cli/run-cli.js';
export { checkConfig, summarizeConfig } from './cli/check-config-command.js';
export type { CliIo } from './cli/cli-io.js';
