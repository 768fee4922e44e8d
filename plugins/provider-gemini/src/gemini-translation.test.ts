import type { TranslationCase } from '@modelgate/testkit';
import { geminiConformanceUpstream, recordOutgoingBodies } from '@modelgate/testkit';
import { describe, expect, it } from 'vitest';
import { createGeminiProvider } from './create-gemini-provider.js';
import type { GeminiMediaFetcher } from './convert-gemini-media.js';

/** A 1×1 PNG, as the fake media server serves it. */
const pixel = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=', 'base64');
/** Stands in for the download of `https://…` media, so that no test reaches the network. */
const fetchMedia: GeminiMediaFetcher = async (url) => ({
  data: new Uint8Array(pixel),
  mediaType: url.endsWith('.png') ? 'image/png' : undefined,
});

function record(options: { modelId?: string; cases?: readonly TranslationCase[]; call?: 'generate' | 'stream' } = {}) {
  return recordOutgoingBodies({
    upstream: geminiConformanceUpstream(),
    createProvider: ({ baseURL, apiKey, environment }) => createGeminiProvider({ baseURL, apiKey, environment, fetchMedia }),
    modelId: options.modelId ?? 'gemini-2.5-flash',
    includeWarnings: true,
    ...(options.cases === undefined ? {} : { cases: options.cases }),
    ...(options.call === undefined ? {} : { call: options.call }),
  });
}

const user = (text: string) => ({ role: 'user' as const, content: [{ type: 'text' as const, text }] });
const model = 'alias';

/** What the Gemini plugin sends upstream for each canonical request of the testkit's translation matrix. */
describe('Gemini translation matrix', () => {
  it('sends each canonical request as a generateContent body', async () => {
    expect(await record()).toMatchInlineSnapshot(`
      {
        "JSON response format": {
          "body": {
            "contents": [
              {
                "parts": [
                  {
                    "text": "Any JSON object.",
                  },
                ],
                "role": "user",
              },
            ],
            "generationConfig": {
              "responseMimeType": "application/json",
            },
          },
          "warnings": [],
        },
        "JSON schema response format": {
          "body": {
            "contents": [
              {
                "parts": [
                  {
                    "text": "Give me a city.",
                  },
                ],
                "role": "user",
              },
            ],
            "generationConfig": {
              "responseMimeType": "application/json",
              "responseSchema": {
                "properties": {
                  "name": {
                    "type": "string",
                  },
                },
                "required": [
                  "name",
                ],
                "type": "object",
              },
            },
          },
          "warnings": [],
        },
        "PDF file": {
          "body": {
            "contents": [
              {
                "parts": [
                  {
                    "inlineData": {
                      "data": "JVBERi0xLjQK",
                      "mimeType": "application/pdf",
                    },
                  },
                  {
                    "text": "Summarise the report.",
                  },
                ],
                "role": "user",
              },
            ],
          },
          "warnings": [],
        },
        "image as inline data": {
          "body": {
            "contents": [
              {
                "parts": [
                  {
                    "inlineData": {
                      "data": "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=",
                      "mimeType": "image/png",
                    },
                  },
                  {
                    "text": "Describe it.",
                  },
                ],
                "role": "user",
              },
            ],
          },
          "warnings": [],
        },
        "image by URL": {
          "body": {
            "contents": [
              {
                "parts": [
                  {
                    "text": "What is this?",
                  },
                  {
                    "inlineData": {
                      "data": "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=",
                      "mimeType": "image/png",
                    },
                  },
                ],
                "role": "user",
              },
            ],
          },
          "warnings": [],
        },
        "multi-turn with an assistant tool call and its result": {
          "body": {
            "contents": [
              {
                "parts": [
                  {
                    "text": "Weather in Oslo and Lima?",
                  },
                ],
                "role": "user",
              },
              {
                "parts": [
                  {
                    "text": "Checking both.",
                  },
                  {
                    "functionCall": {
                      "args": {
                        "city": "Oslo",
                      },
                      "id": "call_oslo",
                      "name": "get_weather",
                    },
                  },
                  {
                    "functionCall": {
                      "args": {
                        "city": "Lima",
                      },
                      "id": "call_lima",
                      "name": "get_weather",
                    },
                  },
                ],
                "role": "model",
              },
              {
                "parts": [
                  {
                    "functionResponse": {
                      "id": "call_oslo",
                      "name": "get_weather",
                      "response": {
                        "output": {
                          "celsius": -3,
                        },
                      },
                    },
                  },
                  {
                    "functionResponse": {
                      "id": "call_lima",
                      "name": "get_weather",
                      "response": {
                        "error": "unavailable",
                      },
                    },
                  },
                ],
                "role": "user",
              },
            ],
            "tools": [
              {
                "functionDeclarations": [
                  {
                    "description": "The current weather in a city.",
                    "name": "get_weather",
                    "parameters": {
                      "properties": {
                        "city": {
                          "type": "string",
                        },
                      },
                      "required": [
                        "city",
                      ],
                      "type": "object",
                    },
                  },
                ],
              },
            ],
          },
          "warnings": [],
        },
        "provider options for two providers": {
          "body": {
            "contents": [
              {
                "parts": [
                  {
                    "text": "Hello.",
                  },
                ],
                "role": "user",
              },
            ],
          },
          "warnings": [],
        },
        "reasoning with a signature and a redacted block": {
          "body": {
            "contents": [
              {
                "parts": [
                  {
                    "text": "What is 17 × 23?",
                  },
                ],
                "role": "user",
              },
              {
                "parts": [
                  {
                    "text": "17 × 23 = 17 × 20 + 17 × 3 = 391.",
                    "thought": true,
                  },
                  {
                    "text": "391",
                  },
                ],
                "role": "model",
              },
              {
                "parts": [
                  {
                    "text": "And 18 × 23?",
                  },
                ],
                "role": "user",
              },
            ],
            "generationConfig": {
              "thinkingConfig": {
                "includeThoughts": true,
                "thinkingBudget": 2048,
              },
            },
          },
          "warnings": [
            {
              "message": "Gemini cannot take redacted reasoning from another provider; messages[1].content[1] was dropped.",
              "setting": "messages[1].content[1]",
              "type": "unsupported-content",
            },
          ],
        },
        "sampling settings": {
          "body": {
            "contents": [
              {
                "parts": [
                  {
                    "text": "Write a haiku.",
                  },
                ],
                "role": "user",
              },
            ],
            "generationConfig": {
              "frequencyPenalty": -0.25,
              "maxOutputTokens": 100,
              "presencePenalty": 0.5,
              "seed": 42,
              "stopSequences": [
                "

      ",
                "END",
              ],
              "temperature": 0.7,
              "topK": 40,
              "topP": 0.9,
            },
          },
          "warnings": [],
        },
        "system and user text": {
          "body": {
            "contents": [
              {
                "parts": [
                  {
                    "text": "Say hello.",
                  },
                ],
                "role": "user",
              },
            ],
            "systemInstruction": {
              "parts": [
                {
                  "text": "You are terse.",
                },
              ],
            },
          },
          "warnings": [],
        },
        "tool choice auto": {
          "body": {
            "contents": [
              {
                "parts": [
                  {
                    "text": "Weather in Oslo?",
                  },
                ],
                "role": "user",
              },
            ],
            "toolConfig": {
              "functionCallingConfig": {
                "mode": "AUTO",
              },
            },
            "tools": [
              {
                "functionDeclarations": [
                  {
                    "description": "The current weather in a city.",
                    "name": "get_weather",
                    "parameters": {
                      "properties": {
                        "city": {
                          "type": "string",
                        },
                      },
                      "required": [
                        "city",
                      ],
                      "type": "object",
                    },
                  },
                ],
              },
            ],
          },
          "warnings": [],
        },
        "tool choice none": {
          "body": {
            "contents": [
              {
                "parts": [
                  {
                    "text": "Weather in Oslo?",
                  },
                ],
                "role": "user",
              },
            ],
            "toolConfig": {
              "functionCallingConfig": {
                "mode": "NONE",
              },
            },
            "tools": [
              {
                "functionDeclarations": [
                  {
                    "description": "The current weather in a city.",
                    "name": "get_weather",
                    "parameters": {
                      "properties": {
                        "city": {
                          "type": "string",
                        },
                      },
                      "required": [
                        "city",
                      ],
                      "type": "object",
                    },
                  },
                ],
              },
            ],
          },
          "warnings": [],
        },
        "tool choice required": {
          "body": {
            "contents": [
              {
                "parts": [
                  {
                    "text": "Weather in Oslo?",
                  },
                ],
                "role": "user",
              },
            ],
            "toolConfig": {
              "functionCallingConfig": {
                "mode": "ANY",
              },
            },
            "tools": [
              {
                "functionDeclarations": [
                  {
                    "description": "The current weather in a city.",
                    "name": "get_weather",
                    "parameters": {
                      "properties": {
                        "city": {
                          "type": "string",
                        },
                      },
                      "required": [
                        "city",
                      ],
                      "type": "object",
                    },
                  },
                ],
              },
            ],
          },
          "warnings": [],
        },
        "tool choice tool": {
          "body": {
            "contents": [
              {
                "parts": [
                  {
                    "text": "Weather in Oslo?",
                  },
                ],
                "role": "user",
              },
            ],
            "toolConfig": {
              "functionCallingConfig": {
                "allowedFunctionNames": [
                  "get_weather",
                ],
                "mode": "ANY",
              },
            },
            "tools": [
              {
                "functionDeclarations": [
                  {
                    "description": "The current weather in a city.",
                    "name": "get_weather",
                    "parameters": {
                      "properties": {
                        "city": {
                          "type": "string",
                        },
                      },
                      "required": [
                        "city",
                      ],
                      "type": "object",
                    },
                  },
                ],
              },
            ],
          },
          "warnings": [],
        },
      }
    `);
  });

  it('sends Gemini-specific shapes: system placement, media by URI, schemas, signatures, stop sequences', async () => {
    const cases: TranslationCase[] = [
      {
        name: 'system only (sent as the user turn)',
        request: { model, messages: [{ role: 'system', content: [{ type: 'text', text: 'Only a system prompt.' }] }] },
      },
      {
        name: 'system messages between turns (all kept, in order)',
        request: {
          model,
          messages: [
            { role: 'system', content: [{ type: 'text', text: 'First rule.' }] },
            user('Hi.'),
            { role: 'assistant', content: [{ type: 'text', text: 'Hello.' }] },
            { role: 'system', content: [{ type: 'text', text: 'Second rule.' }] },
            user('Again.'),
          ],
        },
      },
      {
        name: 'media by gs:// URI, Files API URI and file id',
        request: {
          model,
          messages: [
            {
              role: 'user',
              content: [
                { type: 'image', source: { type: 'url', url: 'gs://bucket/cat.jpg' }, mediaType: 'image/jpeg' },
                {
                  type: 'file',
                  source: { type: 'url', url: 'https://generativelanguage.googleapis.com/v1beta/files/abc123' },
                  mediaType: 'application/pdf',
                },
                { type: 'file', source: { type: 'file-id', fileId: 'files/xyz789' }, mediaType: 'audio/mpeg' },
                { type: 'text', text: 'Compare them.' },
              ],
            },
          ],
        },
      },
      {
        name: 'tool schema with keywords Gemini rejects',
        request: {
          model,
          messages: [user('Book it.')],
          tools: [
            {
              type: 'function',
              name: 'book',
              inputSchema: {
                $schema: 'http://json-schema.org/draft-07/schema#',
                type: 'object',
                additionalProperties: false,
                $defs: { date: { type: 'string', format: 'date-time', description: 'When.' } },
                properties: {
                  when: { $ref: '#/$defs/date' },
                  seats: { type: ['integer', 'null'], default: 1, minimum: 1, exclusiveMaximum: 10 },
                  kind: { const: 'flight' },
                  contact: { type: 'string', format: 'email' },
                  tags: { type: 'array', items: { type: 'string' }, uniqueItems: true },
                },
                required: ['when', 'missing'],
              },
            },
            { type: 'function', name: 'ping', description: 'No arguments.', inputSchema: { type: 'object', properties: {} } },
          ],
        },
      },
      {
        name: 'thought signatures sent back on their parts',
        request: {
          model,
          messages: [
            user('Weather?'),
            {
              role: 'assistant',
              content: [
                { type: 'reasoning', text: 'Need the tool.', providerOptions: { google: { thoughtSignature: 'sig-thought' } } },
                { type: 'text', text: 'Checking.', providerOptions: { google: { thoughtSignature: 'sig-text' } } },
                {
                  type: 'tool-call',
                  toolCallId: 'gemini_call_0_abc',
                  toolName: 'get_weather',
                  input: '{"city":"Oslo"}',
                  providerOptions: { google: { thoughtSignature: 'sig-call' } },
                },
              ],
            },
            {
              role: 'tool',
              content: [{ type: 'tool-result', toolCallId: 'gemini_call_0_abc', output: { type: 'json', value: { celsius: 4 } } }],
            },
          ],
        },
      },
      {
        name: 'stop sequences past five, user, metadata, parallel flag',
        request: {
          model,
          messages: [user('Go.')],
          stopSequences: ['a', 'b', 'c', 'd', 'e', 'f'],
          user: 'u-1',
          metadata: { team: 'x' },
          parallelToolCalls: false,
        },
      },
      { name: 'reasoning effort none', request: { model, messages: [user('Quick.')], reasoning: { effort: 'none' } } },
      {
        name: 'provider options: safety settings and a generation config entry',
        request: {
          model,
          messages: [user('Hello.')],
          providerOptions: {
            google: {
              safetySettings: [{ category: 'HARM_CATEGORY_HARASSMENT', threshold: 'BLOCK_NONE' }],
              generationConfig: { candidateCount: 1 },
            },
            openai: { logprobs: true },
          },
        },
      },
    ];
    expect(await record({ cases })).toMatchInlineSnapshot(`
      {
        "media by gs:// URI, Files API URI and file id": {
          "body": {
            "contents": [
              {
                "parts": [
                  {
                    "fileData": {
                      "fileUri": "gs://bucket/cat.jpg",
                      "mimeType": "image/jpeg",
                    },
                  },
                  {
                    "fileData": {
                      "fileUri": "https://generativelanguage.googleapis.com/v1beta/files/abc123",
                      "mimeType": "application/pdf",
                    },
                  },
                  {
                    "fileData": {
                      "fileUri": "https://generativelanguage.googleapis.com/v1beta/files/xyz789",
                      "mimeType": "audio/mpeg",
                    },
                  },
                  {
                    "text": "Compare them.",
                  },
                ],
                "role": "user",
              },
            ],
          },
          "warnings": [],
        },
        "provider options: safety settings and a generation config entry": {
          "body": {
            "contents": [
              {
                "parts": [
                  {
                    "text": "Hello.",
                  },
                ],
                "role": "user",
              },
            ],
            "generationConfig": {
              "candidateCount": 1,
            },
            "safetySettings": [
              {
                "category": "HARM_CATEGORY_HARASSMENT",
                "threshold": "BLOCK_NONE",
              },
            ],
          },
          "warnings": [],
        },
        "reasoning effort none": {
          "body": {
            "contents": [
              {
                "parts": [
                  {
                    "text": "Quick.",
                  },
                ],
                "role": "user",
              },
            ],
            "generationConfig": {
              "thinkingConfig": {
                "includeThoughts": false,
                "thinkingBudget": 0,
              },
            },
          },
          "warnings": [],
        },
        "stop sequences past five, user, metadata, parallel flag": {
          "body": {
            "contents": [
              {
                "parts": [
                  {
                    "text": "Go.",
                  },
                ],
                "role": "user",
              },
            ],
            "generationConfig": {
              "stopSequences": [
                "a",
                "b",
                "c",
                "d",
                "e",
              ],
            },
          },
          "warnings": [
            {
              "message": "Gemini takes at most 5 stop sequences; the first 5 are sent.",
              "setting": "stopSequences",
              "type": "clamped-setting",
            },
            {
              "message": "Gemini cannot be told to make one call at a time; parallelToolCalls was dropped.",
              "setting": "parallelToolCalls",
              "type": "unsupported-setting",
            },
            {
              "message": "Gemini takes no end-user id; user was dropped.",
              "setting": "user",
              "type": "unsupported-setting",
            },
            {
              "message": "The Gemini API takes no request metadata; metadata was dropped.",
              "setting": "metadata",
              "type": "unsupported-setting",
            },
          ],
        },
        "system messages between turns (all kept, in order)": {
          "body": {
            "contents": [
              {
                "parts": [
                  {
                    "text": "Hi.",
                  },
                ],
                "role": "user",
              },
              {
                "parts": [
                  {
                    "text": "Hello.",
                  },
                ],
                "role": "model",
              },
              {
                "parts": [
                  {
                    "text": "Again.",
                  },
                ],
                "role": "user",
              },
            ],
            "systemInstruction": {
              "parts": [
                {
                  "text": "First rule.",
                },
                {
                  "text": "Second rule.",
                },
              ],
            },
          },
          "warnings": [],
        },
        "system only (sent as the user turn)": {
          "body": {
            "contents": [
              {
                "parts": [
                  {
                    "text": "Only a system prompt.",
                  },
                ],
                "role": "user",
              },
            ],
          },
          "warnings": [],
        },
        "thought signatures sent back on their parts": {
          "body": {
            "contents": [
              {
                "parts": [
                  {
                    "text": "Weather?",
                  },
                ],
                "role": "user",
              },
              {
                "parts": [
                  {
                    "text": "Need the tool.",
                    "thought": true,
                    "thoughtSignature": "sig-thought",
                  },
                  {
                    "text": "Checking.",
                    "thoughtSignature": "sig-text",
                  },
                  {
                    "functionCall": {
                      "args": {
                        "city": "Oslo",
                      },
                      "name": "get_weather",
                    },
                    "thoughtSignature": "sig-call",
                  },
                ],
                "role": "model",
              },
              {
                "parts": [
                  {
                    "functionResponse": {
                      "name": "get_weather",
                      "response": {
                        "output": {
                          "celsius": 4,
                        },
                      },
                    },
                  },
                ],
                "role": "user",
              },
            ],
          },
          "warnings": [],
        },
        "tool schema with keywords Gemini rejects": {
          "body": {
            "contents": [
              {
                "parts": [
                  {
                    "text": "Book it.",
                  },
                ],
                "role": "user",
              },
            ],
            "tools": [
              {
                "functionDeclarations": [
                  {
                    "name": "book",
                    "parameters": {
                      "properties": {
                        "contact": {
                          "type": "string",
                        },
                        "kind": {
                          "enum": [
                            "flight",
                          ],
                          "type": "string",
                        },
                        "seats": {
                          "minimum": 1,
                          "nullable": true,
                          "type": "integer",
                        },
                        "tags": {
                          "items": {
                            "type": "string",
                          },
                          "type": "array",
                        },
                        "when": {
                          "description": "When.",
                          "format": "date-time",
                          "type": "string",
                        },
                      },
                      "required": [
                        "when",
                      ],
                      "type": "object",
                    },
                  },
                  {
                    "description": "No arguments.",
                    "name": "ping",
                  },
                ],
              },
            ],
          },
          "warnings": [],
        },
      }
    `);
  });

  it('fills a missing signature on Gemini 3 and reasoning level for Gemini 3', async () => {
    const cases: TranslationCase[] = [
      {
        name: 'history from another provider',
        request: {
          model,
          messages: [
            user('Weather?'),
            {
              role: 'assistant',
              content: [
                { type: 'tool-call', toolCallId: 'call_openai_1', toolName: 'get_weather', input: '{"city":"Oslo"}' },
                { type: 'tool-call', toolCallId: 'call_openai_2', toolName: 'get_weather', input: '{"city":"Lima"}' },
              ],
            },
            {
              role: 'tool',
              content: [
                { type: 'tool-result', toolCallId: 'call_openai_1', output: { type: 'text', value: 'cold' } },
                { type: 'tool-result', toolCallId: 'call_openai_2', output: { type: 'text', value: 'mild' } },
              ],
            },
          ],
          reasoning: { effort: 'high' },
        },
      },
    ];
    expect(await record({ modelId: 'gemini-3-pro-preview', cases })).toMatchInlineSnapshot(`
      {
        "history from another provider": {
          "body": {
            "contents": [
              {
                "parts": [
                  {
                    "text": "Weather?",
                  },
                ],
                "role": "user",
              },
              {
                "parts": [
                  {
                    "functionCall": {
                      "args": {
                        "city": "Oslo",
                      },
                      "id": "call_openai_1",
                      "name": "get_weather",
                    },
                    "thoughtSignature": "skip_thought_signature_validator",
                  },
                  {
                    "functionCall": {
                      "args": {
                        "city": "Lima",
                      },
                      "id": "call_openai_2",
                      "name": "get_weather",
                    },
                  },
                ],
                "role": "model",
              },
              {
                "parts": [
                  {
                    "functionResponse": {
                      "id": "call_openai_1",
                      "name": "get_weather",
                      "response": {
                        "output": "cold",
                      },
                    },
                  },
                  {
                    "functionResponse": {
                      "id": "call_openai_2",
                      "name": "get_weather",
                      "response": {
                        "output": "mild",
                      },
                    },
                  },
                ],
                "role": "user",
              },
            ],
            "generationConfig": {
              "thinkingConfig": {
                "includeThoughts": true,
                "thinkingLevel": "high",
              },
            },
          },
          "warnings": [],
        },
      }
    `);
  });

  it('puts the system text into the first user turn for Gemma, and streams with alt=sse', async () => {
    const bodies = await record({
      modelId: 'gemma-3-27b-it',
      call: 'stream',
      cases: [
        { name: 'gemma', request: { model, messages: [{ role: 'system', content: [{ type: 'text', text: 'Be brief.' }] }, user('Hi.')] } },
      ],
    });
    expect(bodies).toMatchInlineSnapshot(`
      {
        "gemma": {
          "body": {
            "contents": [
              {
                "parts": [
                  {
                    "text": "Be brief.",
                  },
                  {
                    "text": "Hi.",
                  },
                ],
                "role": "user",
              },
            ],
          },
          "warnings": [],
        },
      }
    `);
  });
});
