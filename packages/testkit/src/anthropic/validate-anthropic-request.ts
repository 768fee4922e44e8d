const toolIdPattern = /^[a-zA-Z0-9_-]+$/;

/**
 * The 400s Anthropic documents for a Messages body, as the mock checks them: the message of the first
 * problem found, or `undefined` for a body the API would take. Only what gateways are known to get wrong
 * is checked (required fields, roles, empty text blocks, unpaired tool calls, temperature, thinking budget).
 */
export function anthropicRequestProblem(body: unknown): string | undefined {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return 'The request body is not valid JSON.';
  const request = body as Record<string, unknown>;
  if (typeof request.model !== 'string') return 'model: Field required';
  if (typeof request.max_tokens !== 'number') return 'max_tokens: Field required';
  if (!Array.isArray(request.messages)) return 'messages: Field required';
  if (typeof request.temperature === 'number' && (request.temperature < 0 || request.temperature > 1)) {
    return 'temperature: Input should be less than or equal to 1';
  }
  const thinking = request.thinking as { type?: unknown; budget_tokens?: unknown } | undefined;
  if (thinking?.type === 'enabled') {
    if (typeof thinking.budget_tokens !== 'number' || thinking.budget_tokens < 1024)
      return 'thinking.enabled.budget_tokens: Input should be greater than or equal to 1024';
    if (thinking.budget_tokens >= request.max_tokens) return '`max_tokens` must be greater than `thinking.budget_tokens`.';
  }
  if (Array.isArray(request.system)) {
    for (const [index, block] of request.system.entries()) {
      const text = (block as { text?: unknown } | null)?.text;
      if (typeof text !== 'string' || text.trim() === '')
        return `system.${index}.text: text content blocks must contain non-whitespace text`;
    }
  }
  const messages = request.messages as unknown[];
  let pending: string[] = [];
  for (const [index, item] of messages.entries()) {
    const message = item as { role?: unknown; content?: unknown } | null;
    if (message?.role !== 'user' && message?.role !== 'assistant') return `messages.${index}.role: Input should be 'user' or 'assistant'`;
    const content = typeof message.content === 'string' ? [{ type: 'text', text: message.content }] : message.content;
    if (!Array.isArray(content)) return `messages.${index}.content: Field required`;
    if (pending.length > 0) {
      const answered = new Set(
        message.role === 'user'
          ? content.filter((block) => block?.type === 'tool_result').map((block) => (block as { tool_use_id?: unknown }).tool_use_id)
          : [],
      );
      const missing = pending.filter((id) => !answered.has(id));
      if (missing.length > 0) {
        return (
          `messages.${index - 1}: \`tool_use\` ids were found without \`tool_result\` blocks immediately after: ${missing.join(', ')}. ` +
          'Each `tool_use` block must have a corresponding `tool_result` block in the next message.'
        );
      }
    }
    pending = [];
    for (const [blockIndex, block] of content.entries()) {
      const typed = block as { type?: unknown; text?: unknown; id?: unknown } | null;
      if (typed?.type === 'text' && (typeof typed.text !== 'string' || typed.text.length === 0)) {
        return `messages.${index}.content.${blockIndex}.text: text content blocks must be non-empty`;
      }
      if (typed?.type === 'text' && typeof typed.text === 'string' && typed.text.trim() === '') {
        return `messages.${index}.content.${blockIndex}.text: text content blocks must contain non-whitespace text`;
      }
      if (typed?.type === 'tool_use' && (typeof typed.id !== 'string' || !toolIdPattern.test(typed.id))) {
        return `messages.${index}.content.${blockIndex}.tool_use.id: String should match pattern '^[a-zA-Z0-9_-]+$'`;
      }
      if (typed?.type === 'tool_use' && message.role === 'assistant') pending.push(typed.id as string);
    }
  }
  return undefined;
}
