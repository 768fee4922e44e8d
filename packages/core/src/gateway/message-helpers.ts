import type {
  OpenAIChatMessage as ChatMessage,
  OpenAIContentPart as ContentPart,
  OpenAIToolCall as ToolCall,
} from '../codecs/openai/openai-chat-wire-types.js';

export function systemMessage(content: string): ChatMessage {
  return { role: 'system', content };
}

export function userMessage(content: string | ContentPart[]): ChatMessage {
  return { role: 'user', content };
}

export function assistantMessage(content: string | null, toolCalls?: ToolCall[]): ChatMessage {
  return toolCalls === undefined ? { role: 'assistant', content } : { role: 'assistant', content, tool_calls: toolCalls };
}

export function toolMessage(toolCallId: string, content: string): ChatMessage {
  return { role: 'tool', tool_call_id: toolCallId, content };
}
