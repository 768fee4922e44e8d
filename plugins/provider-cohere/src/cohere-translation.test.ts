import { cohereConformanceUpstream, recordOutgoingBodies } from '@modelgate/testkit';
import { describe, expect, it } from 'vitest';
import { createCohereProvider } from './create-cohere-provider.js';

const createProvider = ({ baseURL, apiKey }: { baseURL: string; apiKey: string }) => createCohereProvider({ baseURL, apiKey });

/** What the Cohere plugin sends upstream for each canonical request of the testkit's translation matrix. */
describe('Cohere translation matrix', () => {
  it('sends each canonical request as a Cohere v2 chat body', async () => {
    const bodies = await recordOutgoingBodies({
      upstream: cohereConformanceUpstream(),
      createProvider,
      modelId: 'command-a-03-2025',
      includeWarnings: true,
    });
    expect(bodies).toMatchInlineSnapshot(`
      {
        "JSON response format": {
          "body": {
            "messages": [
              {
                "content": "Any JSON object.",
                "role": "user",
              },
            ],
            "model": "command-a-03-2025",
            "response_format": {
              "type": "json_object",
            },
          },
          "warnings": [],
        },
        "JSON schema response format": {
          "body": {
            "messages": [
              {
                "content": "Give me a city.",
                "role": "user",
              },
            ],
            "model": "command-a-03-2025",
            "response_format": {
              "json_schema": {
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
              "type": "json_object",
            },
          },
          "warnings": [],
        },
        "PDF file": {
          "body": {
            "messages": [
              {
                "content": "Summarise the report.",
                "role": "user",
              },
            ],
            "model": "command-a-03-2025",
          },
          "warnings": [
            {
              "message": "Cohere takes images and inline text files only; a application/pdf part was dropped.",
              "setting": "messages[0].content[0]",
              "type": "unsupported-content",
            },
          ],
        },
        "image as inline data": {
          "body": {
            "messages": [
              {
                "content": [
                  {
                    "image_url": {
                      "detail": "low",
                      "url": "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=",
                    },
                    "type": "image_url",
                  },
                  {
                    "text": "Describe it.",
                    "type": "text",
                  },
                ],
                "role": "user",
              },
            ],
            "model": "command-a-03-2025",
          },
          "warnings": [],
        },
        "image by URL": {
          "body": {
            "messages": [
              {
                "content": [
                  {
                    "text": "What is this?",
                    "type": "text",
                  },
                  {
                    "image_url": {
                      "url": "https://example.com/cat.png",
                    },
                    "type": "image_url",
                  },
                ],
                "role": "user",
              },
            ],
            "model": "command-a-03-2025",
          },
          "warnings": [],
        },
        "multi-turn with an assistant tool call and its result": {
          "body": {
            "messages": [
              {
                "content": "Weather in Oslo and Lima?",
                "role": "user",
              },
              {
                "role": "assistant",
                "tool_calls": [
                  {
                    "function": {
                      "arguments": "{"city":"Oslo"}",
                      "name": "get_weather",
                    },
                    "id": "call_oslo",
                    "type": "function",
                  },
                  {
                    "function": {
                      "arguments": "{"city":"Lima"}",
                      "name": "get_weather",
                    },
                    "id": "call_lima",
                    "type": "function",
                  },
                ],
                "tool_plan": "Checking both.",
              },
              {
                "content": "{"celsius":-3}",
                "role": "tool",
                "tool_call_id": "call_oslo",
              },
              {
                "content": "unavailable",
                "role": "tool",
                "tool_call_id": "call_lima",
              },
            ],
            "model": "command-a-03-2025",
            "tools": [
              {
                "function": {
                  "description": "The current weather in a city.",
                  "name": "get_weather",
                  "parameters": {
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
                "type": "function",
              },
            ],
          },
          "warnings": [
            {
              "message": "Cohere has no error flag on tool results; the result was sent as an ordinary one.",
              "setting": "messages[2].content[1].isError",
              "type": "unsupported-content",
            },
          ],
        },
        "provider options for two providers": {
          "body": {
            "messages": [
              {
                "content": "Hello.",
                "role": "user",
              },
            ],
            "model": "command-a-03-2025",
          },
          "warnings": [],
        },
        "reasoning with a signature and a redacted block": {
          "body": {
            "messages": [
              {
                "content": "What is 17 × 23?",
                "role": "user",
              },
              {
                "content": [
                  {
                    "thinking": "17 × 23 = 17 × 20 + 17 × 3 = 391.",
                    "type": "thinking",
                  },
                  {
                    "text": "391",
                    "type": "text",
                  },
                ],
                "role": "assistant",
              },
              {
                "content": "And 18 × 23?",
                "role": "user",
              },
            ],
            "model": "command-a-03-2025",
          },
          "warnings": [
            {
              "message": "Cohere has no redacted reasoning; a redacted block from another provider was dropped.",
              "setting": "messages[1].content[1]",
              "type": "unsupported-content",
            },
            {
              "message": "command-a-03-2025 does not reason; the reasoning setting was dropped.",
              "setting": "reasoning",
              "type": "unsupported-setting",
            },
          ],
        },
        "sampling settings": {
          "body": {
            "frequency_penalty": 0,
            "k": 40,
            "max_tokens": 100,
            "messages": [
              {
                "content": "Write a haiku.",
                "role": "user",
              },
            ],
            "model": "command-a-03-2025",
            "p": 0.9,
            "presence_penalty": 0.5,
            "seed": 42,
            "stop_sequences": [
              "

      ",
              "END",
            ],
            "temperature": 0.7,
          },
          "warnings": [
            {
              "message": "Cohere takes frequencyPenalty from 0 to 1; -0.25 was sent as 0.",
              "setting": "frequencyPenalty",
              "type": "clamped-setting",
            },
          ],
        },
        "system and user text": {
          "body": {
            "messages": [
              {
                "content": "You are terse.",
                "role": "system",
              },
              {
                "content": "Say hello.",
                "role": "user",
              },
            ],
            "model": "command-a-03-2025",
          },
          "warnings": [],
        },
        "tool choice auto": {
          "body": {
            "messages": [
              {
                "content": "Weather in Oslo?",
                "role": "user",
              },
            ],
            "model": "command-a-03-2025",
            "tools": [
              {
                "function": {
                  "description": "The current weather in a city.",
                  "name": "get_weather",
                  "parameters": {
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
                "type": "function",
              },
            ],
          },
          "warnings": [],
        },
        "tool choice none": {
          "body": {
            "messages": [
              {
                "content": "Weather in Oslo?",
                "role": "user",
              },
            ],
            "model": "command-a-03-2025",
            "tool_choice": "NONE",
            "tools": [
              {
                "function": {
                  "description": "The current weather in a city.",
                  "name": "get_weather",
                  "parameters": {
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
                "type": "function",
              },
            ],
          },
          "warnings": [],
        },
        "tool choice required": {
          "body": {
            "messages": [
              {
                "content": "Weather in Oslo?",
                "role": "user",
              },
            ],
            "model": "command-a-03-2025",
            "tool_choice": "REQUIRED",
            "tools": [
              {
                "function": {
                  "description": "The current weather in a city.",
                  "name": "get_weather",
                  "parameters": {
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
                "type": "function",
              },
            ],
          },
          "warnings": [],
        },
        "tool choice tool": {
          "body": {
            "messages": [
              {
                "content": "Weather in Oslo?",
                "role": "user",
              },
            ],
            "model": "command-a-03-2025",
            "tool_choice": "REQUIRED",
            "tools": [
              {
                "function": {
                  "description": "The current weather in a city.",
                  "name": "get_weather",
                  "parameters": {
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
                "type": "function",
              },
            ],
          },
          "warnings": [],
        },
      }
    `);
  });

  it('streams the reasoning cases to a reasoning model as thinking, with stream: true', async () => {
    const bodies = await recordOutgoingBodies({
      upstream: cohereConformanceUpstream(),
      createProvider,
      modelId: 'command-a-reasoning-08-2025',
      call: 'stream',
      includeWarnings: true,
      cases: [
        {
          name: 'reasoning with a budget',
          request: {
            model: 'alias',
            messages: [{ role: 'user', content: [{ type: 'text', text: 'What is 17 × 23?' }] }],
            reasoning: { budgetTokens: 2048 },
          },
        },
        {
          name: 'reasoning off',
          request: {
            model: 'alias',
            messages: [{ role: 'user', content: [{ type: 'text', text: 'Hi.' }] }],
            reasoning: { effort: 'none' },
          },
        },
      ],
    });
    expect(bodies).toMatchInlineSnapshot(`
      {
        "reasoning off": {
          "body": {
            "messages": [
              {
                "content": "Hi.",
                "role": "user",
              },
            ],
            "model": "command-a-reasoning-08-2025",
            "stream": true,
            "thinking": {
              "type": "disabled",
            },
          },
          "warnings": [],
        },
        "reasoning with a budget": {
          "body": {
            "messages": [
              {
                "content": "What is 17 × 23?",
                "role": "user",
              },
            ],
            "model": "command-a-reasoning-08-2025",
            "stream": true,
            "thinking": {
              "token_budget": 2048,
              "type": "enabled",
            },
          },
          "warnings": [],
        },
      }
    `);
  });
});
