import { mistralConformanceUpstream, recordOutgoingBodies } from '@modelgate/testkit';
import { describe, expect, it } from 'vitest';
import { MistralProvider } from './mistral-provider.js';

/** What the Mistral plugin sends upstream for each canonical request of the testkit's translation matrix. */
describe('Mistral translation matrix', () => {
  it('sends each canonical request as a Mistral chat body (the mock refuses what Mistral refuses)', async () => {
    const bodies = await recordOutgoingBodies({
      upstream: mistralConformanceUpstream(),
      createProvider: ({ baseURL, apiKey, environment }) => new MistralProvider({ baseURL, apiKey, environment }),
      modelId: 'mistral-small-latest',
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
            "model": "mistral-small-latest",
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
            "model": "mistral-small-latest",
            "response_format": {
              "json_schema": {
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
                "strict": true,
              },
              "type": "json_schema",
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
                    "document_name": "report.pdf",
                    "document_url": "data:application/pdf;base64,JVBERi0xLjQK",
                    "type": "document_url",
                  },
                  {
                    "text": "Summarise the report.",
                    "type": "text",
                  },
                ],
                "role": "user",
              },
            ],
            "model": "mistral-small-latest",
          },
          "warnings": [],
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
            "model": "mistral-small-latest",
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
                    "image_url": "https://example.com/cat.png",
                    "type": "image_url",
                  },
                ],
                "role": "user",
              },
            ],
            "model": "mistral-small-latest",
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
                "content": "Checking both.",
                "role": "assistant",
                "tool_calls": [
                  {
                    "function": {
                      "arguments": "{"city":"Oslo"}",
                      "name": "get_weather",
                    },
                    "id": "e1Q2jX4A8",
                    "type": "function",
                  },
                  {
                    "function": {
                      "arguments": "{"city":"Lima"}",
                      "name": "get_weather",
                    },
                    "id": "Tk8W1agaG",
                    "type": "function",
                  },
                ],
              },
              {
                "content": "{"celsius":-3}",
                "name": "get_weather",
                "role": "tool",
                "tool_call_id": "e1Q2jX4A8",
              },
              {
                "content": "unavailable",
                "name": "get_weather",
                "role": "tool",
                "tool_call_id": "Tk8W1agaG",
              },
            ],
            "model": "mistral-small-latest",
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
        "provider options for two providers": {
          "body": {
            "messages": [
              {
                "content": "Hello.",
                "role": "user",
              },
            ],
            "model": "mistral-small-latest",
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
                "content": "391",
                "role": "assistant",
              },
              {
                "content": "And 18 × 23?",
                "role": "user",
              },
            ],
            "model": "mistral-small-latest",
            "reasoning_effort": "medium",
          },
          "warnings": [],
        },
        "sampling settings": {
          "body": {
            "frequency_penalty": -0.25,
            "max_tokens": 100,
            "messages": [
              {
                "content": "Write a haiku.",
                "role": "user",
              },
            ],
            "model": "mistral-small-latest",
            "presence_penalty": 0.5,
            "random_seed": 42,
            "stop": [
              "

      ",
              "END",
            ],
            "temperature": 0.7,
            "top_p": 0.9,
          },
          "warnings": [
            {
              "message": "Mistral has no top-k sampling; topK was dropped.",
              "setting": "topK",
              "type": "unsupported-setting",
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
            "model": "mistral-small-latest",
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
            "model": "mistral-small-latest",
            "tool_choice": "auto",
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
            "model": "mistral-small-latest",
            "tool_choice": "none",
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
            "model": "mistral-small-latest",
            "tool_choice": "any",
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
            "model": "mistral-small-latest",
            "tool_choice": {
              "function": {
                "name": "get_weather",
              },
              "type": "function",
            },
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

  it('streams without stream_options (Mistral sends the usage by itself)', async () => {
    const bodies = await recordOutgoingBodies({
      upstream: mistralConformanceUpstream(),
      createProvider: ({ baseURL, apiKey }) => new MistralProvider({ baseURL, apiKey }),
      modelId: 'mistral-small-latest',
      call: 'stream',
      cases: [
        {
          name: 'seed and settings',
          request: {
            model: 'alias',
            messages: [{ role: 'user', content: [{ type: 'text', text: 'Hi.' }] }],
            seed: 42,
            maxOutputTokens: 100,
            temperature: 0.3,
            topP: 0.9,
            stopSequences: ['END'],
            presencePenalty: 0.1,
            frequencyPenalty: 0.2,
            providerOptions: { mistral: { safe_prompt: true } },
          },
        },
      ],
    });
    expect(bodies).toMatchInlineSnapshot(`
      {
        "seed and settings": {
          "frequency_penalty": 0.2,
          "max_tokens": 100,
          "messages": [
            {
              "content": "Hi.",
              "role": "user",
            },
          ],
          "model": "mistral-small-latest",
          "presence_penalty": 0.1,
          "random_seed": 42,
          "safe_prompt": true,
          "stop": [
            "END",
          ],
          "stream": true,
          "temperature": 0.3,
          "top_p": 0.9,
        },
      }
    `);
  });
});
