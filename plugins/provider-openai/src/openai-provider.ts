import type { ChatModelV1, NativeChatPathV1 } from '@modelgate/core';
import {
  HttpPools,
  OpenAICompatibleChatModel,
  OpenAICompatibleClient,
  OpenAICompatibleProvider,
  type OpenAICompatibleProviderSettings,
} from '@modelgate/plugin-kit';
import { OpenAIResponsesNativePath } from './openai-responses-native-path.js';

/** A chat model of OpenAI itself: Chat Completions like any compatible host, and the Responses API natively. */
class OpenAIChatModel extends OpenAICompatibleChatModel {
  private readonly responses: OpenAIResponsesNativePath;

  constructor(modelId: string, client: OpenAICompatibleClient) {
    super(modelId, client);
    this.responses = new OpenAIResponsesNativePath(modelId, client);
  }

  override nativePath(format: string): NativeChatPathV1 | undefined {
    return format === this.responses.format ? this.responses : super.nativePath(format);
  }
}

/**
 * The provider for `type: openai`: an OpenAI-compatible provider whose chat models also forward
 * OpenAI's Responses API (`/v1/responses`) untouched.
 */
export class OpenAIProvider extends OpenAICompatibleProvider {
  private readonly responsesClient: OpenAICompatibleClient;
  private readonly ownPools: HttpPools | undefined;

  constructor(settings: OpenAICompatibleProviderSettings) {
    const idleTimeoutMs = settings.limits?.idleTimeoutMs;
    const pools = settings.pools ?? new HttpPools(idleTimeoutMs === undefined ? {} : { bodyTimeout: idleTimeoutMs });
    super({ ...settings, pools });
    this.ownPools = settings.pools === undefined ? pools : undefined;
    this.responsesClient = new OpenAICompatibleClient({ ...settings, pools }, pools);
  }

  override chat(modelId: string): ChatModelV1 {
    return this.chatModels.get(modelId, (id) => new OpenAIChatModel(id, this.responsesClient));
  }

  override async close(): Promise<void> {
    await super.close();
    await this.ownPools?.close();
  }
}
