import { z } from 'zod';

/** One part of a Gemini `Content`: exactly one kind of data, and the flags that qualify it. */
export const geminiPartSchema = z
  .looseObject({
    text: z.string().optional(),
    inlineData: z.looseObject({ mimeType: z.string().min(1), data: z.string() }).optional(),
    fileData: z.looseObject({ mimeType: z.string().optional(), fileUri: z.string().min(1) }).optional(),
    functionCall: z
      .looseObject({ id: z.string().optional(), name: z.string().min(1), args: z.record(z.string(), z.unknown()).optional() })
      .optional(),
    functionResponse: z
      .looseObject({ id: z.string().optional(), name: z.string().min(1), response: z.record(z.string(), z.unknown()).optional() })
      .optional(),
    thought: z.boolean().optional(),
    thoughtSignature: z.string().optional(),
  })
  .superRefine((part, context) => {
    const kinds = (['text', 'inlineData', 'fileData', 'functionCall', 'functionResponse'] as const).filter(
      (kind) => part[kind] !== undefined,
    );
    if (kinds.length !== 1) {
      context.addIssue({
        code: 'custom',
        message:
          kinds.length === 0
            ? 'a part needs one of text, inlineData, fileData, functionCall or functionResponse.'
            : `a part holds one kind of data, not ${kinds.join(' and ')}.`,
      });
    }
  });
export type GeminiPart = z.infer<typeof geminiPartSchema>;

export const geminiContentSchema = z.looseObject({
  role: z.enum(['user', 'model']).optional(),
  parts: z.array(geminiPartSchema),
});
export type GeminiContent = z.infer<typeof geminiContentSchema>;

export const geminiFunctionDeclarationSchema = z.looseObject({
  name: z.string().min(1),
  description: z.string().optional(),
  parameters: z.record(z.string(), z.unknown()).optional(),
  parametersJsonSchema: z.record(z.string(), z.unknown()).optional(),
});
export type GeminiFunctionDeclaration = z.infer<typeof geminiFunctionDeclarationSchema>;

/** A tool: only function declarations are served; Google's own tools (search, code execution…) run only at Google. */
export const geminiToolSchema = z.looseObject({ functionDeclarations: z.array(geminiFunctionDeclarationSchema).optional() });
export type GeminiTool = z.infer<typeof geminiToolSchema>;

export const geminiToolConfigSchema = z.looseObject({
  functionCallingConfig: z
    .looseObject({
      mode: z.enum(['MODE_UNSPECIFIED', 'AUTO', 'ANY', 'NONE', 'VALIDATED']).optional(),
      allowedFunctionNames: z.array(z.string().min(1)).optional(),
    })
    .optional(),
});
export type GeminiToolConfig = z.infer<typeof geminiToolConfigSchema>;

export const geminiThinkingConfigSchema = z.looseObject({
  includeThoughts: z.boolean().optional(),
  thinkingBudget: z.number().int().min(-1).optional(),
  thinkingLevel: z.enum(['THINKING_LEVEL_UNSPECIFIED', 'MINIMAL', 'LOW', 'MEDIUM', 'HIGH']).optional(),
});

export const geminiGenerationConfigSchema = z.looseObject({
  temperature: z.number().min(0).max(2).optional(),
  topP: z.number().min(0).max(1).optional(),
  topK: z.number().int().positive().optional(),
  maxOutputTokens: z.number().int().positive().optional(),
  stopSequences: z.array(z.string()).max(5).optional(),
  candidateCount: z.literal(1, { error: 'only one candidate is served (candidateCount must be 1).' }).optional(),
  responseMimeType: z.string().optional(),
  responseSchema: z.record(z.string(), z.unknown()).optional(),
  responseJsonSchema: z.record(z.string(), z.unknown()).optional(),
  seed: z.number().int().optional(),
  presencePenalty: z.number().optional(),
  frequencyPenalty: z.number().optional(),
  thinkingConfig: geminiThinkingConfigSchema.optional(),
});
export type GeminiGenerationConfig = z.infer<typeof geminiGenerationConfigSchema>;

/** `generateContent` / `streamGenerateContent`: the body, with the model the route took from the path. */
export const geminiGenerateContentRequestSchema = z.looseObject({
  model: z.string().min(1),
  contents: z.array(geminiContentSchema).min(1),
  systemInstruction: z.union([z.string(), geminiContentSchema]).optional(),
  generationConfig: geminiGenerationConfigSchema.optional(),
  tools: z.array(geminiToolSchema).optional(),
  toolConfig: geminiToolConfigSchema.optional(),
});
export type GeminiGenerateContentRequest = z.infer<typeof geminiGenerateContentRequestSchema>;

/** `countTokens`: the contents alone, or a whole `generateContentRequest`. */
export const geminiCountTokensRequestSchema = z
  .looseObject({
    model: z.string().min(1),
    contents: z.array(geminiContentSchema).min(1).optional(),
    generateContentRequest: geminiGenerateContentRequestSchema.omit({ model: true }).extend({ model: z.string().optional() }).optional(),
  })
  .refine((body) => body.contents !== undefined || body.generateContentRequest !== undefined, {
    message: 'countTokens needs contents or generateContentRequest.',
    path: ['contents'],
  });
export type GeminiCountTokensRequest = z.infer<typeof geminiCountTokensRequestSchema>;

const embedContentFields = {
  content: z.looseObject({ parts: z.array(z.looseObject({ text: z.string() })).min(1) }),
  taskType: z.string().optional(),
  title: z.string().optional(),
  outputDimensionality: z.number().int().positive().optional(),
};

/** `embedContent`: one content, with the model the route took from the path. */
export const geminiEmbedContentRequestSchema = z.looseObject({ model: z.string().min(1), ...embedContentFields });
export type GeminiEmbedContentRequest = z.infer<typeof geminiEmbedContentRequestSchema>;

/** `batchEmbedContents`: several, each naming its model (the path's must match). */
export const geminiBatchEmbedContentsRequestSchema = z.looseObject({
  model: z.string().min(1),
  requests: z.array(z.looseObject({ model: z.string().optional(), ...embedContentFields })).min(1),
});
export type GeminiBatchEmbedContentsRequest = z.infer<typeof geminiBatchEmbedContentsRequestSchema>;
