import type { ChatRequestV1, FunctionToolV1 } from '@modelgate/core';

/**
 * The tool the demo model calls, or none: the one `toolChoice` names; the first when `toolChoice` is
 * `required`; with `auto` (or none given), a tool the last user text names, else the first tool when the text
 * says "tool". Never with `toolChoice: none`, and never when the last message is already a tool result.
 */
export function chooseDemoTool(request: ChatRequestV1, text: string): FunctionToolV1 | undefined {
  const tools = request.tools ?? [];
  const choice = request.toolChoice ?? { type: 'auto' };
  if (tools.length === 0 || choice.type === 'none' || request.messages.at(-1)?.role === 'tool') return undefined;
  if (choice.type === 'tool') return tools.find((tool) => tool.name === choice.toolName);
  if (choice.type === 'required') return tools[0];
  const lower = text.toLowerCase();
  const named = tools.find((tool) => lower.includes(tool.name.toLowerCase()));
  if (named !== undefined) return named;
  return /\btools?\b/.test(lower) ? tools[0] : undefined;
}

function propertiesOf(tool: FunctionToolV1): [string, Record<string, unknown>][] {
  const properties = tool.inputSchema.properties;
  if (typeof properties !== 'object' || properties === null) return [];
  return Object.entries(properties).flatMap(([name, schema]) =>
    typeof schema === 'object' && schema !== null ? [[name, schema as Record<string, unknown>]] : [],
  );
}

/**
 * The demo call's arguments, built from the text: every string property gets the text, every number or
 * integer property the text's word count, every boolean `true`; a schema without properties gets `{ "text": … }`.
 */
export function demoToolInput(tool: FunctionToolV1, text: string, words: number): string {
  const properties = propertiesOf(tool);
  if (properties.length === 0) return JSON.stringify({ text });
  const input: Record<string, unknown> = {};
  for (const [name, schema] of properties) {
    if (schema.type === 'string') input[name] = text;
    else if (schema.type === 'number' || schema.type === 'integer') input[name] = words;
    else if (schema.type === 'boolean') input[name] = true;
  }
  return JSON.stringify(input);
}
