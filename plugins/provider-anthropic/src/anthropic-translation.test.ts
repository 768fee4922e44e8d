import { anthropicConformanceUpstream, recordOutgoingBodies, translationMatrix } from '@modelgate/testkit';
import { describe, expect, it } from 'vitest';
import { createAnthropicProvider } from './create-anthropic-provider.js';

/** What the Anthropic plugin sends upstream for each canonical request of the testkit's translation matrix. */
describe('Anthropic translation matrix', () => {
  it('sends each canonical request as an Anthropic Messages body (a model with structured outputs)', async () => {
    const bodies = await recordOutgoingBodies({
      upstream: anthropicConformanceUpstream(),
      createProvider: ({ baseURL, apiKey, environment }) => createAnthropicProvider({ baseURL, apiKey, environment }),
      modelId: 'claude-sonnet-4-5-20250929',
      includeWarnings: true,
    });
    expect(bodies).toMatchInlineSnapshot(`
      {
        "JSON response format": {
          "body": {
            "max_tokens": 64000,
            "messages": [
              {
                "content": [
                  {
                    "text": "Any JSON object.",
                    "type": "text",
                  },
                ],
                "role": "user",
              },
            ],
            "model": "claude-sonnet-4-5-20250929",
            "system": [
              {
                "text": "Answer with one valid JSON object and nothing else: no prose, no code fences.",
                "type": "text",
              },
            ],
          },
          "warnings": [],
        },
        "JSON schema response format": {
          "body": {
            "max_tokens": 64000,
            "messages": [
              {
                "content": [
                  {
                    "text": "Give me a city.",
                    "type": "text",
                  },
                ],
                "role": "user",
              },
            ],
            "model": "claude-sonnet-4-5-20250929",
            "output_config": {
              "format": {
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
                "type": "json_schema",
              },
            },
          },
          "warnings": [],
        },
        "PDF file": {
          "body": {
            "max_tokens": 64000,
            "messages": [
              {
                "content": [
                  {
                    "source": {
                      "data": "JVBERi0xLjQK",
                      "media_type": "application/pdf",
                      "type": "base64",
                    },
                    "title": "report.pdf",
                    "type": "document",
                  },
                  {
                    "text": "Summarise the report.",
                    "type": "text",
                  },
                ],
                "role": "user",
              },
            ],
            "model": "claude-sonnet-4-5-20250929",
          },
          "warnings": [],
        },
        "image as inline data": {
          "body": {
            "max_tokens": 64000,
            "messages": [
              {
                "content": [
                  {
                    "source": {
                      "data": "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=",
                      "media_type": "image/png",
                      "type": "base64",
                    },
                    "type": "image",
                  },
                  {
                    "text": "Describe it.",
                    "type": "text",
                  },
                ],
                "role": "user",
              },
            ],
            "model": "claude-sonnet-4-5-20250929",
          },
          "warnings": [
            {
              "message": "Anthropic has no image detail setting: messages[0].content[0].detail was dropped.",
              "setting": "messages[0].content[0].detail",
              "type": "unsupported-setting",
            },
          ],
        },
        "image by URL": {
          "body": {
            "max_tokens": 64000,
            "messages": [
              {
                "content": [
                  {
                    "text": "What is this?",
                    "type": "text",
                  },
                  {
                    "source": {
                      "type": "url",
                      "url": "https://example.com/cat.png",
                    },
                    "type": "image",
                  },
                ],
                "role": "user",
              },
            ],
            "model": "claude-sonnet-4-5-20250929",
          },
          "warnings": [],
        },
        "multi-turn with an assistant tool call and its result": {
          "body": {
            "max_tokens": 64000,
            "messages": [
              {
                "content": [
                  {
                    "text": "Weather in Oslo and Lima?",
                    "type": "text",
                  },
                ],
                "role": "user",
              },
              {
                "content": [
                  {
                    "text": "Checking both.",
                    "type": "text",
                  },
                  {
                    "id": "call_oslo",
                    "input": {
                      "city": "Oslo",
                    },
                    "name": "get_weather",
                    "type": "tool_use",
                  },
                  {
                    "id": "call_lima",
                    "input": {
                      "city": "Lima",
                    },
                    "name": "get_weather",
                    "type": "tool_use",
                  },
                ],
                "role": "assistant",
              },
              {
                "content": [
                  {
                    "content": "{"celsius":-3}",
                    "tool_use_id": "call_oslo",
                    "type": "tool_result",
                  },
                  {
                    "content": "unavailable",
                    "is_error": true,
                    "tool_use_id": "call_lima",
                    "type": "tool_result",
                  },
                ],
                "role": "user",
              },
            ],
            "model": "claude-sonnet-4-5-20250929",
            "tools": [
              {
                "description": "The current weather in a city.",
                "input_schema": {
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
                "name": "get_weather",
              },
            ],
          },
          "warnings": [],
        },
        "provider options for two providers": {
          "body": {
            "max_tokens": 64000,
            "messages": [
              {
                "content": [
                  {
                    "text": "Hello.",
                    "type": "text",
                  },
                ],
                "role": "user",
              },
            ],
            "model": "claude-sonnet-4-5-20250929",
            "thinking": {
              "budget_tokens": 1024,
              "type": "enabled",
            },
          },
          "warnings": [],
        },
        "reasoning with a signature and a redacted block": {
          "body": {
            "max_tokens": 64000,
            "messages": [
              {
                "content": [
                  {
                    "text": "What is 17 × 23?",
                    "type": "text",
                  },
                ],
                "role": "user",
              },
              {
                "content": [
                  {
                    "signature": "sig-abc123",
                    "thinking": "17 × 23 = 17 × 20 + 17 × 3 = 391.",
                    "type": "thinking",
                  },
                  {
                    "data": "redacted-opaque-xyz",
                    "type": "redacted_thinking",
                  },
                  {
                    "text": "391",
                    "type": "text",
                  },
                ],
                "role": "assistant",
              },
              {
                "content": [
                  {
                    "text": "And 18 × 23?",
                    "type": "text",
                  },
                ],
                "role": "user",
              },
            ],
            "model": "claude-sonnet-4-5-20250929",
            "thinking": {
              "budget_tokens": 2048,
              "type": "enabled",
            },
          },
          "warnings": [],
        },
        "sampling settings": {
          "body": {
            "max_tokens": 100,
            "messages": [
              {
                "content": [
                  {
                    "text": "Write a haiku.",
                    "type": "text",
                  },
                ],
                "role": "user",
              },
            ],
            "model": "claude-sonnet-4-5-20250929",
            "stop_sequences": [
              "

      ",
              "END",
            ],
            "temperature": 0.7,
            "top_k": 40,
          },
          "warnings": [
            {
              "message": "Anthropic models take temperature or top_p, not both: topP was dropped.",
              "setting": "topP",
              "type": "unsupported-setting",
            },
            {
              "message": "Anthropic has no seed: seed was dropped.",
              "setting": "seed",
              "type": "unsupported-setting",
            },
            {
              "message": "Anthropic has no presence penalty: presencePenalty was dropped.",
              "setting": "presencePenalty",
              "type": "unsupported-setting",
            },
            {
              "message": "Anthropic has no frequency penalty: frequencyPenalty was dropped.",
              "setting": "frequencyPenalty",
              "type": "unsupported-setting",
            },
          ],
        },
        "system and user text": {
          "body": {
            "max_tokens": 64000,
            "messages": [
              {
                "content": [
                  {
                    "text": "Say hello.",
                    "type": "text",
                  },
                ],
                "role": "user",
              },
            ],
            "model": "claude-sonnet-4-5-20250929",
            "system": [
              {
                "text": "You are terse.",
                "type": "text",
              },
            ],
          },
          "warnings": [],
        },
        "tool choice auto": {
          "body": {
            "max_tokens": 64000,
            "messages": [
              {
                "content": [
                  {
                    "text": "Weather in Oslo?",
                    "type": "text",
                  },
                ],
                "role": "user",
              },
            ],
            "model": "claude-sonnet-4-5-20250929",
            "tool_choice": {
              "type": "auto",
            },
            "tools": [
              {
                "description": "The current weather in a city.",
                "input_schema": {
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
                "name": "get_weather",
              },
            ],
          },
          "warnings": [],
        },
        "tool choice none": {
          "body": {
            "max_tokens": 64000,
            "messages": [
              {
                "content": [
                  {
                    "text": "Weather in Oslo?",
                    "type": "text",
                  },
                ],
                "role": "user",
              },
            ],
            "model": "claude-sonnet-4-5-20250929",
            "tool_choice": {
              "type": "none",
            },
            "tools": [
              {
                "description": "The current weather in a city.",
                "input_schema": {
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
                "name": "get_weather",
              },
            ],
          },
          "warnings": [],
        },
        "tool choice required": {
          "body": {
            "max_tokens": 64000,
            "messages": [
              {
                "content": [
                  {
                    "text": "Weather in Oslo?",
                    "type": "text",
                  },
                ],
                "role": "user",
              },
            ],
            "model": "claude-sonnet-4-5-20250929",
            "tool_choice": {
              "type": "any",
            },
            "tools": [
              {
                "description": "The current weather in a city.",
                "input_schema": {
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
                "name": "get_weather",
              },
            ],
          },
          "warnings": [],
        },
        "tool choice tool": {
          "body": {
            "max_tokens": 64000,
            "messages": [
              {
                "content": [
                  {
                    "text": "Weather in Oslo?",
                    "type": "text",
                  },
                ],
                "role": "user",
              },
            ],
            "model": "claude-sonnet-4-5-20250929",
            "tool_choice": {
              "name": "get_weather",
              "type": "tool",
            },
            "tools": [
              {
                "description": "The current weather in a city.",
                "input_schema": {
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
                "name": "get_weather",
              },
            ],
          },
          "warnings": [],
        },
      }
    `);
  });

  it('streams with `stream: true` and carries JSON Schema output on a forced tool for a model without structured outputs', async () => {
    const bodies = await recordOutgoingBodies({
      upstream: anthropicConformanceUpstream(),
      createProvider: ({ baseURL, apiKey, environment }) => createAnthropicProvider({ baseURL, apiKey, environment }),
      modelId: 'claude-3-7-sonnet-20250219',
      call: 'stream',
      includeWarnings: true,
      cases: translationMatrix.filter((testCase) =>
        ['system and user text', 'JSON schema response format', 'sampling settings'].includes(testCase.name),
      ),
    });
    expect(bodies).toMatchInlineSnapshot(`
      {
        "JSON schema response format": {
          "body": {
            "max_tokens": 64000,
            "messages": [
              {
                "content": [
                  {
                    "text": "Give me a city.",
                    "type": "text",
                  },
                ],
                "role": "user",
              },
            ],
            "model": "claude-3-7-sonnet-20250219",
            "stream": true,
            "tool_choice": {
              "name": "json_response",
              "type": "tool",
            },
            "tools": [
              {
                "description": "Give the answer as this tool call: its input is the JSON answer.",
                "input_schema": {
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
                "name": "json_response",
              },
            ],
          },
          "warnings": [],
        },
        "sampling settings": {
          "body": {
            "max_tokens": 100,
            "messages": [
              {
                "content": [
                  {
                    "text": "Write a haiku.",
                    "type": "text",
                  },
                ],
                "role": "user",
              },
            ],
            "model": "claude-3-7-sonnet-20250219",
            "stop_sequences": [
              "

      ",
              "END",
            ],
            "stream": true,
            "temperature": 0.7,
            "top_k": 40,
          },
          "warnings": [
            {
              "message": "Anthropic models take temperature or top_p, not both: topP was dropped.",
              "setting": "topP",
              "type": "unsupported-setting",
            },
            {
              "message": "Anthropic has no seed: seed was dropped.",
              "setting": "seed",
              "type": "unsupported-setting",
            },
            {
              "message": "Anthropic has no presence penalty: presencePenalty was dropped.",
              "setting": "presencePenalty",
              "type": "unsupported-setting",
            },
            {
              "message": "Anthropic has no frequency penalty: frequencyPenalty was dropped.",
              "setting": "frequencyPenalty",
              "type": "unsupported-setting",
            },
          ],
        },
        "system and user text": {
          "body": {
            "max_tokens": 64000,
            "messages": [
              {
                "content": [
                  {
                    "text": "Say hello.",
                    "type": "text",
                  },
                ],
                "role": "user",
              },
            ],
            "model": "claude-3-7-sonnet-20250219",
            "stream": true,
            "system": [
              {
                "text": "You are terse.",
                "type": "text",
              },
            ],
          },
          "warnings": [],
        },
      }
    `);
  });
});
