import type { ChatRequestV1 } from '@modelgate/core';
import { bedrockConformanceUpstream, recordOutgoingBodies, translationMatrix, type TranslationCase } from '@modelgate/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBedrockProvider } from './create-bedrock-provider.js';
import { servePixel } from './test-fixtures/serve-pixel.js';

let media: Awaited<ReturnType<typeof servePixel>>;
beforeAll(async () => {
  media = await servePixel();
});
afterAll(async () => {
  await media.close();
});

const provider =
  (modelId: string) =>
  ({ baseURL, apiKey }: { baseURL: string; apiKey: string }) =>
    createBedrockProvider({
      baseURL,
      region: 'us-east-1',
      accessKeyId: 'AKIAMODELGATETEST001',
      secretAccessKey: apiKey,
      // The matrix's image URL is served on loopback here, which only an operator's setting allows.
      mediaFetch: { allowPrivateNetwork: true },
      environment: {},
      name: `bedrock-${modelId.length}`,
    });

/** The matrix with its public image URL pointed at the loopback server (no live network in tests). */
function localMatrix(): TranslationCase[] {
  return JSON.parse(
    JSON.stringify(translationMatrix).replaceAll('https://example.com/cat.png', `${media.url}/cat.png`),
  ) as TranslationCase[];
}

describe('Bedrock translation matrix', () => {
  it('sends each canonical request as a Converse body for Claude', async () => {
    const modelId = 'us.anthropic.claude-sonnet-4-5-20250929-v1:0';
    const bodies = await recordOutgoingBodies({
      upstream: bedrockConformanceUpstream(),
      createProvider: provider(modelId),
      modelId,
      cases: localMatrix(),
      includeWarnings: true,
    });
    expect(bodies).toMatchInlineSnapshot(`
      {
        "JSON response format": {
          "body": {
            "messages": [
              {
                "content": [
                  {
                    "text": "Any JSON object.",
                  },
                ],
                "role": "user",
              },
            ],
          },
          "warnings": [
            {
              "message": "Converse has no JSON mode without a schema (give a JSON Schema instead); it was dropped.",
              "setting": "responseFormat",
              "type": "unsupported-setting",
            },
          ],
        },
        "JSON schema response format": {
          "body": {
            "messages": [
              {
                "content": [
                  {
                    "text": "Give me a city.",
                  },
                ],
                "role": "user",
              },
            ],
            "outputConfig": {
              "textFormat": {
                "structure": {
                  "jsonSchema": {
                    "name": "city",
                    "schema": "{"type":"object","properties":{"name":{"type":"string"}},"required":["name"],"additionalProperties":false}",
                  },
                },
                "type": "json_schema",
              },
            },
          },
          "warnings": [],
        },
        "PDF file": {
          "body": {
            "messages": [
              {
                "content": [
                  {
                    "document": {
                      "format": "pdf",
                      "name": "report",
                      "source": {
                        "bytes": "JVBERi0xLjQK",
                      },
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
            "messages": [
              {
                "content": [
                  {
                    "image": {
                      "format": "png",
                      "source": {
                        "bytes": "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=",
                      },
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
          "warnings": [
            {
              "message": "Bedrock has no image detail setting; it was dropped.",
              "setting": "messages[0].content[0].detail",
              "type": "unsupported-setting",
            },
          ],
        },
        "image by URL": {
          "body": {
            "messages": [
              {
                "content": [
                  {
                    "text": "What is this?",
                  },
                  {
                    "image": {
                      "format": "png",
                      "source": {
                        "bytes": "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=",
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
        "multi-turn with an assistant tool call and its result": {
          "body": {
            "messages": [
              {
                "content": [
                  {
                    "text": "Weather in Oslo and Lima?",
                  },
                ],
                "role": "user",
              },
              {
                "content": [
                  {
                    "text": "Checking both.",
                  },
                  {
                    "toolUse": {
                      "input": {
                        "city": "Oslo",
                      },
                      "name": "get_weather",
                      "toolUseId": "call_oslo",
                    },
                  },
                  {
                    "toolUse": {
                      "input": {
                        "city": "Lima",
                      },
                      "name": "get_weather",
                      "toolUseId": "call_lima",
                    },
                  },
                ],
                "role": "assistant",
              },
              {
                "content": [
                  {
                    "toolResult": {
                      "content": [
                        {
                          "json": {
                            "celsius": -3,
                          },
                        },
                      ],
                      "toolUseId": "call_oslo",
                    },
                  },
                  {
                    "toolResult": {
                      "content": [
                        {
                          "text": "unavailable",
                        },
                      ],
                      "status": "error",
                      "toolUseId": "call_lima",
                    },
                  },
                ],
                "role": "user",
              },
            ],
            "toolConfig": {
              "tools": [
                {
                  "toolSpec": {
                    "description": "The current weather in a city.",
                    "inputSchema": {
                      "json": {
                        "additionalProperties": false,
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
                    "name": "get_weather",
                  },
                },
              ],
            },
          },
          "warnings": [],
        },
        "provider options for two providers": {
          "body": {
            "messages": [
              {
                "content": [
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
            "additionalModelRequestFields": {
              "thinking": {
                "budget_tokens": 2048,
                "type": "enabled",
              },
            },
            "inferenceConfig": {
              "maxTokens": 6144,
            },
            "messages": [
              {
                "content": [
                  {
                    "text": "What is 17 × 23?",
                  },
                ],
                "role": "user",
              },
              {
                "content": [
                  {
                    "reasoningContent": {
                      "reasoningText": {
                        "signature": "sig-abc123",
                        "text": "17 × 23 = 17 × 20 + 17 × 3 = 391.",
                      },
                    },
                  },
                  {
                    "reasoningContent": {
                      "redactedContent": "redacted-opaque-xyz",
                    },
                  },
                  {
                    "text": "391",
                  },
                ],
                "role": "assistant",
              },
              {
                "content": [
                  {
                    "text": "And 18 × 23?",
                  },
                ],
                "role": "user",
              },
            ],
          },
          "warnings": [],
        },
        "sampling settings": {
          "body": {
            "additionalModelRequestFields": {
              "top_k": 40,
            },
            "inferenceConfig": {
              "maxTokens": 100,
              "stopSequences": [
                "

      ",
                "END",
              ],
              "temperature": 0.7,
              "topP": 0.9,
            },
            "messages": [
              {
                "content": [
                  {
                    "text": "Write a haiku.",
                  },
                ],
                "role": "user",
              },
            ],
          },
          "warnings": [
            {
              "message": "Converse has no seed; it was dropped.",
              "setting": "seed",
              "type": "unsupported-setting",
            },
            {
              "message": "Converse has no presencePenalty; it was dropped.",
              "setting": "presencePenalty",
              "type": "unsupported-setting",
            },
            {
              "message": "Converse has no frequencyPenalty; it was dropped.",
              "setting": "frequencyPenalty",
              "type": "unsupported-setting",
            },
          ],
        },
        "system and user text": {
          "body": {
            "messages": [
              {
                "content": [
                  {
                    "text": "Say hello.",
                  },
                ],
                "role": "user",
              },
            ],
            "system": [
              {
                "text": "You are terse.",
              },
            ],
          },
          "warnings": [],
        },
        "tool choice auto": {
          "body": {
            "messages": [
              {
                "content": [
                  {
                    "text": "Weather in Oslo?",
                  },
                ],
                "role": "user",
              },
            ],
            "toolConfig": {
              "toolChoice": {
                "auto": {},
              },
              "tools": [
                {
                  "toolSpec": {
                    "description": "The current weather in a city.",
                    "inputSchema": {
                      "json": {
                        "additionalProperties": false,
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
                    "name": "get_weather",
                  },
                },
              ],
            },
          },
          "warnings": [],
        },
        "tool choice none": {
          "body": {
            "messages": [
              {
                "content": [
                  {
                    "text": "Weather in Oslo?",
                  },
                ],
                "role": "user",
              },
            ],
          },
          "warnings": [],
        },
        "tool choice required": {
          "body": {
            "messages": [
              {
                "content": [
                  {
                    "text": "Weather in Oslo?",
                  },
                ],
                "role": "user",
              },
            ],
            "toolConfig": {
              "toolChoice": {
                "any": {},
              },
              "tools": [
                {
                  "toolSpec": {
                    "description": "The current weather in a city.",
                    "inputSchema": {
                      "json": {
                        "additionalProperties": false,
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
                    "name": "get_weather",
                  },
                },
              ],
            },
          },
          "warnings": [],
        },
        "tool choice tool": {
          "body": {
            "messages": [
              {
                "content": [
                  {
                    "text": "Weather in Oslo?",
                  },
                ],
                "role": "user",
              },
            ],
            "toolConfig": {
              "toolChoice": {
                "tool": {
                  "name": "get_weather",
                },
              },
              "tools": [
                {
                  "toolSpec": {
                    "description": "The current weather in a city.",
                    "inputSchema": {
                      "json": {
                        "additionalProperties": false,
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
                    "name": "get_weather",
                  },
                },
              ],
            },
          },
          "warnings": [],
        },
      }
    `);
  });
});

const model = 'translation-client-alias';
const weather = {
  type: 'function' as const,
  name: 'get_weather',
  inputSchema: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
};
const toolTurns: ChatRequestV1['messages'] = [
  { role: 'user', content: [{ type: 'text', text: 'Weather in Oslo and Bergen?' }] },
  {
    role: 'assistant',
    content: [
      { type: 'text', text: '' },
      { type: 'tool-call', toolCallId: 'call_oslo', toolName: 'get_weather', input: '{"city":"Oslo"}' },
      { type: 'tool-call', toolCallId: 'call_bergen', toolName: 'get_weather', input: '{"city":"Bergen"}' },
    ],
  },
  // Two tool messages (one per result), as some clients send them: Bedrock needs both results in one user turn.
  { role: 'tool', content: [{ type: 'tool-result', toolCallId: 'call_oslo', output: { type: 'text', value: '4°C' } }] },
  {
    role: 'tool',
    content: [{ type: 'tool-result', toolCallId: 'call_bergen', output: { type: 'json', value: { error: 'no station' } }, isError: true }],
  },
];

/** One case per known translation bug that applies to Converse (provider-formats §12), and Bedrock's own rules. */
const bedrockCases: TranslationCase[] = [
  {
    name: '#6 parallel tool results in one user turn, ids paired, error status',
    request: { model, messages: toolTurns, tools: [weather] },
  },
  { name: '#7 toolConfig kept for a tool history without tools', request: { model, messages: toolTurns } },
  {
    name: '#7 tool choice none with a tool history',
    request: { model, messages: toolTurns, tools: [weather], toolChoice: { type: 'none' } },
  },
  {
    name: '#7 tool choice none without a tool history drops the tools',
    request: { model, messages: [toolTurns[0]!], tools: [weather], toolChoice: { type: 'none' } },
  },
  {
    name: '#5 system messages anywhere join the top-level system; roles alternate',
    request: {
      model,
      messages: [
        { role: 'system', content: [{ type: 'text', text: 'Be brief.', cacheControl: { type: 'ephemeral' } }] },
        { role: 'user', content: [{ type: 'text', text: 'One.' }] },
        { role: 'user', content: [{ type: 'text', text: 'Two.' }] },
        { role: 'system', content: [{ type: 'text', text: 'Answer in French.' }] },
        { role: 'assistant', content: [{ type: 'text', text: 'Un.' }] },
        { role: 'assistant', content: [{ type: 'text', text: '   ' }] },
        { role: 'user', content: [{ type: 'text', text: 'Three.', cacheControl: { type: 'ephemeral', ttl: '1h' } }] },
      ],
    },
  },
  {
    name: '#12 tool ids Bedrock rejects are mapped the same on both sides',
    request: {
      model,
      messages: [
        { role: 'user', content: [{ type: 'text', text: 'Go.' }] },
        {
          role: 'assistant',
          content: [{ type: 'tool-call', toolCallId: 'functions.get_weather:0', toolName: 'get_weather', input: '{}' }],
        },
        {
          role: 'tool',
          content: [{ type: 'tool-result', toolCallId: 'functions.get_weather:0', output: { type: 'text', value: 'sunny' } }],
        },
        { role: 'user', content: [{ type: 'text', text: 'Thanks.' }] },
      ],
      tools: [{ ...weather, cacheControl: { type: 'ephemeral' } }],
    },
  },
  {
    name: 'Claude thinking from an effort level drops sampling settings',
    request: { model, messages: [toolTurns[0]!], reasoning: { effort: 'low' }, temperature: 0.2, topK: 5, maxOutputTokens: 1000 },
  },
  {
    name: 'a PDF by URL and a document name Bedrock accepts',
    request: {
      model,
      messages: [
        {
          role: 'user',
          content: [
            { type: 'file', source: { type: 'url', url: 'REPORT_URL' }, mediaType: 'application/pdf', filename: 'Q3_report.v2.pdf' },
            { type: 'file', source: { type: 'data', data: 'aGVsbG8=' }, mediaType: 'text/plain', filename: 'Q3_report.v2.txt' },
            { type: 'text', text: 'Compare.' },
          ],
        },
      ],
      metadata: { team: 'search' },
    },
  },
];

/** What the provider sends upstream for one request to each of several models, by model id, warnings included. */
async function bodiesPerModel(request: ChatRequestV1, modelIds: readonly string[]): Promise<Record<string, unknown>> {
  const sent: Record<string, unknown> = {};
  for (const modelId of modelIds) {
    const bodies = await recordOutgoingBodies({
      upstream: bedrockConformanceUpstream(),
      createProvider: provider(modelId),
      modelId,
      cases: [{ name: modelId, request }],
      includeWarnings: true,
    });
    Object.assign(sent, bodies);
  }
  return sent;
}

describe('Bedrock translation of known gateway bugs', () => {
  it('sends Converse bodies that Bedrock accepts for each case', async () => {
    const modelId = 'anthropic.claude-sonnet-4-5-20250929-v1:0';
    const cases = JSON.parse(JSON.stringify(bedrockCases).replaceAll('REPORT_URL', `${media.url}/report.pdf`)) as TranslationCase[];
    const bodies = await recordOutgoingBodies({
      upstream: bedrockConformanceUpstream(),
      createProvider: provider(modelId),
      modelId,
      cases,
      includeWarnings: true,
    });
    expect(bodies).toMatchInlineSnapshot(`
      {
        "#12 tool ids Bedrock rejects are mapped the same on both sides": {
          "body": {
            "messages": [
              {
                "content": [
                  {
                    "text": "Go.",
                  },
                ],
                "role": "user",
              },
              {
                "content": [
                  {
                    "toolUse": {
                      "input": {},
                      "name": "get_weather",
                      "toolUseId": "tooluse_eawaqrIWsijHqyJBGyPM_jnLQgeIAeMs",
                    },
                  },
                ],
                "role": "assistant",
              },
              {
                "content": [
                  {
                    "toolResult": {
                      "content": [
                        {
                          "text": "sunny",
                        },
                      ],
                      "toolUseId": "tooluse_eawaqrIWsijHqyJBGyPM_jnLQgeIAeMs",
                    },
                  },
                  {
                    "text": "Thanks.",
                  },
                ],
                "role": "user",
              },
            ],
            "toolConfig": {
              "tools": [
                {
                  "toolSpec": {
                    "inputSchema": {
                      "json": {
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
                    "name": "get_weather",
                  },
                },
                {
                  "cachePoint": {
                    "type": "default",
                  },
                },
              ],
            },
          },
          "warnings": [],
        },
        "#5 system messages anywhere join the top-level system; roles alternate": {
          "body": {
            "messages": [
              {
                "content": [
                  {
                    "text": "One.",
                  },
                  {
                    "text": "Two.",
                  },
                ],
                "role": "user",
              },
              {
                "content": [
                  {
                    "text": "Un.",
                  },
                ],
                "role": "assistant",
              },
              {
                "content": [
                  {
                    "text": "Three.",
                  },
                  {
                    "cachePoint": {
                      "ttl": "1h",
                      "type": "default",
                    },
                  },
                ],
                "role": "user",
              },
            ],
            "system": [
              {
                "text": "Be brief.",
              },
              {
                "cachePoint": {
                  "type": "default",
                },
              },
              {
                "text": "Answer in French.",
              },
            ],
          },
          "warnings": [],
        },
        "#6 parallel tool results in one user turn, ids paired, error status": {
          "body": {
            "messages": [
              {
                "content": [
                  {
                    "text": "Weather in Oslo and Bergen?",
                  },
                ],
                "role": "user",
              },
              {
                "content": [
                  {
                    "toolUse": {
                      "input": {
                        "city": "Oslo",
                      },
                      "name": "get_weather",
                      "toolUseId": "call_oslo",
                    },
                  },
                  {
                    "toolUse": {
                      "input": {
                        "city": "Bergen",
                      },
                      "name": "get_weather",
                      "toolUseId": "call_bergen",
                    },
                  },
                ],
                "role": "assistant",
              },
              {
                "content": [
                  {
                    "toolResult": {
                      "content": [
                        {
                          "text": "4°C",
                        },
                      ],
                      "toolUseId": "call_oslo",
                    },
                  },
                  {
                    "toolResult": {
                      "content": [
                        {
                          "json": {
                            "error": "no station",
                          },
                        },
                      ],
                      "status": "error",
                      "toolUseId": "call_bergen",
                    },
                  },
                ],
                "role": "user",
              },
            ],
            "toolConfig": {
              "tools": [
                {
                  "toolSpec": {
                    "inputSchema": {
                      "json": {
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
                    "name": "get_weather",
                  },
                },
              ],
            },
          },
          "warnings": [],
        },
        "#7 tool choice none with a tool history": {
          "body": {
            "messages": [
              {
                "content": [
                  {
                    "text": "Weather in Oslo and Bergen?",
                  },
                ],
                "role": "user",
              },
              {
                "content": [
                  {
                    "toolUse": {
                      "input": {
                        "city": "Oslo",
                      },
                      "name": "get_weather",
                      "toolUseId": "call_oslo",
                    },
                  },
                  {
                    "toolUse": {
                      "input": {
                        "city": "Bergen",
                      },
                      "name": "get_weather",
                      "toolUseId": "call_bergen",
                    },
                  },
                ],
                "role": "assistant",
              },
              {
                "content": [
                  {
                    "toolResult": {
                      "content": [
                        {
                          "text": "4°C",
                        },
                      ],
                      "toolUseId": "call_oslo",
                    },
                  },
                  {
                    "toolResult": {
                      "content": [
                        {
                          "json": {
                            "error": "no station",
                          },
                        },
                      ],
                      "status": "error",
                      "toolUseId": "call_bergen",
                    },
                  },
                ],
                "role": "user",
              },
            ],
            "toolConfig": {
              "tools": [
                {
                  "toolSpec": {
                    "inputSchema": {
                      "json": {
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
                    "name": "get_weather",
                  },
                },
              ],
            },
          },
          "warnings": [
            {
              "message": "Converse has no tool choice "none", and must see the tools of a history with tool calls; the model may still call them.",
              "setting": "toolChoice",
              "type": "unsupported-setting",
            },
          ],
        },
        "#7 tool choice none without a tool history drops the tools": {
          "body": {
            "messages": [
              {
                "content": [
                  {
                    "text": "Weather in Oslo and Bergen?",
                  },
                ],
                "role": "user",
              },
            ],
          },
          "warnings": [],
        },
        "#7 toolConfig kept for a tool history without tools": {
          "body": {
            "messages": [
              {
                "content": [
                  {
                    "text": "Weather in Oslo and Bergen?",
                  },
                ],
                "role": "user",
              },
              {
                "content": [
                  {
                    "toolUse": {
                      "input": {
                        "city": "Oslo",
                      },
                      "name": "get_weather",
                      "toolUseId": "call_oslo",
                    },
                  },
                  {
                    "toolUse": {
                      "input": {
                        "city": "Bergen",
                      },
                      "name": "get_weather",
                      "toolUseId": "call_bergen",
                    },
                  },
                ],
                "role": "assistant",
              },
              {
                "content": [
                  {
                    "toolResult": {
                      "content": [
                        {
                          "text": "4°C",
                        },
                      ],
                      "toolUseId": "call_oslo",
                    },
                  },
                  {
                    "toolResult": {
                      "content": [
                        {
                          "json": {
                            "error": "no station",
                          },
                        },
                      ],
                      "status": "error",
                      "toolUseId": "call_bergen",
                    },
                  },
                ],
                "role": "user",
              },
            ],
            "toolConfig": {
              "tools": [
                {
                  "toolSpec": {
                    "description": "A tool used earlier in this conversation.",
                    "inputSchema": {
                      "json": {
                        "type": "object",
                      },
                    },
                    "name": "get_weather",
                  },
                },
              ],
            },
          },
          "warnings": [],
        },
        "Claude thinking from an effort level drops sampling settings": {
          "body": {
            "additionalModelRequestFields": {
              "thinking": {
                "budget_tokens": 2048,
                "type": "enabled",
              },
            },
            "inferenceConfig": {
              "maxTokens": 3048,
            },
            "messages": [
              {
                "content": [
                  {
                    "text": "Weather in Oslo and Bergen?",
                  },
                ],
                "role": "user",
              },
            ],
          },
          "warnings": [
            {
              "message": "Claude takes no temperature while thinking; it was dropped.",
              "setting": "temperature",
              "type": "unsupported-setting",
            },
            {
              "message": "Claude takes no topK while thinking; it was dropped.",
              "setting": "topK",
              "type": "unsupported-setting",
            },
          ],
        },
        "a PDF by URL and a document name Bedrock accepts": {
          "body": {
            "messages": [
              {
                "content": [
                  {
                    "document": {
                      "format": "pdf",
                      "name": "Q3 report v2",
                      "source": {
                        "bytes": "JVBERi0xLjQK",
                      },
                    },
                  },
                  {
                    "document": {
                      "format": "txt",
                      "name": "Q3 report v2 (2)",
                      "source": {
                        "bytes": "aGVsbG8=",
                      },
                    },
                  },
                  {
                    "text": "Compare.",
                  },
                ],
                "role": "user",
              },
            ],
            "requestMetadata": {
              "team": "search",
            },
          },
          "warnings": [],
        },
      }
    `);
  });

  it('sends top_k per family and drops what a family cannot take', async () => {
    const request: ChatRequestV1 = {
      model,
      messages: [{ role: 'user', content: [{ type: 'text', text: 'Hi.' }] }],
      topK: 20,
      toolChoice: { type: 'required' },
      tools: [weather],
    };
    const sent = await bodiesPerModel(request, [
      'amazon.nova-pro-v1:0',
      'meta.llama3-3-70b-instruct-v1:0',
      'mistral.mistral-large-2407-v1:0',
    ]);
    expect(sent).toMatchInlineSnapshot(`
      {
        "amazon.nova-pro-v1:0": {
          "body": {
            "additionalModelRequestFields": {
              "inferenceConfig": {
                "topK": 20,
              },
            },
            "messages": [
              {
                "content": [
                  {
                    "text": "Hi.",
                  },
                ],
                "role": "user",
              },
            ],
            "toolConfig": {
              "toolChoice": {
                "any": {},
              },
              "tools": [
                {
                  "toolSpec": {
                    "inputSchema": {
                      "json": {
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
                    "name": "get_weather",
                  },
                },
              ],
            },
          },
          "warnings": [],
        },
        "meta.llama3-3-70b-instruct-v1:0": {
          "body": {
            "messages": [
              {
                "content": [
                  {
                    "text": "Hi.",
                  },
                ],
                "role": "user",
              },
            ],
            "toolConfig": {
              "tools": [
                {
                  "toolSpec": {
                    "inputSchema": {
                      "json": {
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
                    "name": "get_weather",
                  },
                },
              ],
            },
          },
          "warnings": [
            {
              "message": "Bedrock takes topK only for Claude, Nova and Mistral models, not meta.llama3-3-70b-instruct-v1:0; it was dropped.",
              "setting": "topK",
              "type": "unsupported-setting",
            },
            {
              "message": "Bedrock forces a tool only for Claude, Nova and Mistral Large models, not meta.llama3-3-70b-instruct-v1:0; it was dropped.",
              "setting": "toolChoice",
              "type": "unsupported-setting",
            },
          ],
        },
        "mistral.mistral-large-2407-v1:0": {
          "body": {
            "additionalModelRequestFields": {
              "top_k": 20,
            },
            "messages": [
              {
                "content": [
                  {
                    "text": "Hi.",
                  },
                ],
                "role": "user",
              },
            ],
            "toolConfig": {
              "toolChoice": {
                "any": {},
              },
              "tools": [
                {
                  "toolSpec": {
                    "inputSchema": {
                      "json": {
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
                    "name": "get_weather",
                  },
                },
              ],
            },
          },
          "warnings": [],
        },
      }
    `);
  });

  it("clamps a temperature above 1 to 1, with a warning, for families whose range is 0 to 1, and leaves other models' alone", async () => {
    const request: ChatRequestV1 = { model, messages: [{ role: 'user', content: [{ type: 'text', text: 'Hi.' }] }], temperature: 1.5 };
    const sent = (await bodiesPerModel(request, [
      'anthropic.claude-3-5-haiku-20241022-v1:0',
      'amazon.nova-pro-v1:0',
      'meta.llama3-3-70b-instruct-v1:0',
      'ai21.jamba-1-5-large-v1:0',
    ])) as Record<string, { body: { inferenceConfig?: { temperature?: number } }; warnings?: { setting: string }[] }>;
    const temperatures = Object.fromEntries(Object.entries(sent).map(([id, { body }]) => [id, body.inferenceConfig?.temperature]));
    expect(temperatures).toEqual({
      'anthropic.claude-3-5-haiku-20241022-v1:0': 1,
      'amazon.nova-pro-v1:0': 1,
      'meta.llama3-3-70b-instruct-v1:0': 1,
      'ai21.jamba-1-5-large-v1:0': 1.5,
    });
    expect(sent['anthropic.claude-3-5-haiku-20241022-v1:0']!.warnings).toEqual([
      expect.objectContaining({ type: 'clamped-setting', setting: 'temperature' }),
    ]);
    expect(sent['ai21.jamba-1-5-large-v1:0']!.warnings ?? []).toEqual([]);
  });
});
