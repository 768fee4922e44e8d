import { exampleConformanceUpstream, recordOutgoingBodies, translationMatrix } from '@modelgate/testkit';
import { describe, expect, it } from 'vitest';
import { createExampleProvider } from './example-provider.js';

const record = (options: { cases?: Parameters<typeof recordOutgoingBodies>[0]['cases']; call?: 'generate' | 'stream' } = {}) =>
  recordOutgoingBodies({
    upstream: exampleConformanceUpstream(),
    createProvider: ({ baseURL, apiKey }) => createExampleProvider({ baseURL, apiKey }),
    modelId: 'example-large',
    includeWarnings: true,
    ...options,
  });

describe('example provider translation matrix', () => {
  it('sends each canonical request in the example wire format', async () => {
    expect(await record()).toMatchInlineSnapshot(`
      {
        "JSON response format": {
          "body": {
            "format": "json",
            "model": "example-large",
            "prompt": [
              {
                "parts": [
                  {
                    "text": "Any JSON object.",
                  },
                ],
                "role": "user",
              },
            ],
          },
          "warnings": [],
        },
        "JSON schema response format": {
          "body": {
            "format": {
              "name": "city",
              "schema": {
                "additionalProperties": false,
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
            "model": "example-large",
            "prompt": [
              {
                "parts": [
                  {
                    "text": "Give me a city.",
                  },
                ],
                "role": "user",
              },
            ],
          },
          "warnings": [],
        },
        "PDF file": {
          "body": {
            "model": "example-large",
            "prompt": [
              {
                "parts": [
                  {
                    "media": {
                      "data": "JVBERi0xLjQK",
                      "type": "application/pdf",
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
            "model": "example-large",
            "prompt": [
              {
                "parts": [
                  {
                    "media": {
                      "data": "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=",
                      "type": "image/png",
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
              "message": "The example wire format has no image detail; it was dropped.",
              "setting": "messages.content.detail",
              "type": "unsupported-setting",
            },
          ],
        },
        "image by URL": {
          "body": {
            "model": "example-large",
            "prompt": [
              {
                "parts": [
                  {
                    "text": "What is this?",
                  },
                  {
                    "media": {
                      "type": "image/png",
                      "url": "https://example.com/cat.png",
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
            "model": "example-large",
            "prompt": [
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
                    "call": {
                      "id": "call_oslo",
                      "input": "{"city":"Oslo"}",
                      "name": "get_weather",
                    },
                  },
                  {
                    "call": {
                      "id": "call_lima",
                      "input": "{"city":"Lima"}",
                      "name": "get_weather",
                    },
                  },
                ],
                "role": "assistant",
              },
              {
                "parts": [
                  {
                    "result": {
                      "id": "call_oslo",
                      "output": "{"celsius":-3}",
                    },
                  },
                  {
                    "result": {
                      "error": true,
                      "id": "call_lima",
                      "output": "unavailable",
                    },
                  },
                ],
                "role": "tool",
              },
            ],
            "tools": [
              {
                "description": "The current weather in a city.",
                "name": "get_weather",
                "schema": {
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
            ],
          },
          "warnings": [],
        },
        "provider options for two providers": {
          "body": {
            "model": "example-large",
            "prompt": [
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
            "model": "example-large",
            "prompt": [
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
                    "signature": "sig-abc123",
                    "thinking": "17 × 23 = 17 × 20 + 17 × 3 = 391.",
                  },
                  {
                    "redacted": "redacted-opaque-xyz",
                  },
                  {
                    "text": "391",
                  },
                ],
                "role": "assistant",
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
          },
          "warnings": [
            {
              "message": "The example wire format has no reasoning; it was dropped.",
              "setting": "reasoning",
              "type": "unsupported-setting",
            },
          ],
        },
        "sampling settings": {
          "body": {
            "max_tokens": 100,
            "model": "example-large",
            "prompt": [
              {
                "parts": [
                  {
                    "text": "Write a haiku.",
                  },
                ],
                "role": "user",
              },
            ],
            "seed": 42,
            "stop": [
              "

      ",
              "END",
            ],
            "temperature": 0.7,
            "top_k": 40,
            "top_p": 0.9,
          },
          "warnings": [
            {
              "message": "The example wire format has no presencePenalty; it was dropped.",
              "setting": "presencePenalty",
              "type": "unsupported-setting",
            },
            {
              "message": "The example wire format has no frequencyPenalty; it was dropped.",
              "setting": "frequencyPenalty",
              "type": "unsupported-setting",
            },
          ],
        },
        "system and user text": {
          "body": {
            "model": "example-large",
            "prompt": [
              {
                "parts": [
                  {
                    "text": "Say hello.",
                  },
                ],
                "role": "user",
              },
            ],
            "system": "You are terse.",
          },
          "warnings": [],
        },
        "tool choice auto": {
          "body": {
            "model": "example-large",
            "prompt": [
              {
                "parts": [
                  {
                    "text": "Weather in Oslo?",
                  },
                ],
                "role": "user",
              },
            ],
            "tool_choice": "auto",
            "tools": [
              {
                "description": "The current weather in a city.",
                "name": "get_weather",
                "schema": {
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
            ],
          },
          "warnings": [],
        },
        "tool choice none": {
          "body": {
            "model": "example-large",
            "prompt": [
              {
                "parts": [
                  {
                    "text": "Weather in Oslo?",
                  },
                ],
                "role": "user",
              },
            ],
            "tool_choice": "none",
            "tools": [
              {
                "description": "The current weather in a city.",
                "name": "get_weather",
                "schema": {
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
            ],
          },
          "warnings": [],
        },
        "tool choice required": {
          "body": {
            "model": "example-large",
            "prompt": [
              {
                "parts": [
                  {
                    "text": "Weather in Oslo?",
                  },
                ],
                "role": "user",
              },
            ],
            "tool_choice": "any",
            "tools": [
              {
                "description": "The current weather in a city.",
                "name": "get_weather",
                "schema": {
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
            ],
          },
          "warnings": [],
        },
        "tool choice tool": {
          "body": {
            "model": "example-large",
            "prompt": [
              {
                "parts": [
                  {
                    "text": "Weather in Oslo?",
                  },
                ],
                "role": "user",
              },
            ],
            "tool_choice": {
              "name": "get_weather",
            },
            "tools": [
              {
                "description": "The current weather in a city.",
                "name": "get_weather",
                "schema": {
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
            ],
          },
          "warnings": [],
        },
      }
    `);
  });

  it('sends the same bodies from stream as from generate', async () => {
    expect(await record({ call: 'stream' })).toEqual(await record());
  });

  it('merges its own providerOptions into the body', async () => {
    const [base] = translationMatrix;
    if (!base) throw new Error('the matrix is empty');
    const cases = [
      {
        name: 'example options',
        request: { ...base.request, providerOptions: { example: { safety: 'strict' }, openai: { logprobs: true } } },
      },
    ];
    expect(await record({ cases })).toMatchInlineSnapshot(`
      {
        "example options": {
          "body": {
            "model": "example-large",
            "prompt": [
              {
                "parts": [
                  {
                    "text": "Say hello.",
                  },
                ],
                "role": "user",
              },
            ],
            "safety": "strict",
            "system": "You are terse.",
          },
          "warnings": [],
        },
      }
    `);
  });
});
