import { azureConformanceUpstream, recordOutgoingBodies } from '@modelgate/testkit';
import { describe, expect, it } from 'vitest';
import { AzureOpenAIProvider } from './azure-openai-provider.js';

/** What the Azure plugin sends upstream for each canonical request of the testkit's translation matrix. */
describe('Azure translation matrix', () => {
  it('sends each canonical request as an OpenAI Chat Completions body to the deployment', async () => {
    const bodies = await recordOutgoingBodies({
      upstream: azureConformanceUpstream(),
      createProvider: ({ baseURL, apiKey, environment }) =>
        new AzureOpenAIProvider({ baseURL, apiKey, environment, apiVersion: '2024-10-21' }),
      modelId: 'chat-prod',
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
            "model": "chat-prod",
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
            "model": "chat-prod",
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
                    "file": {
                      "file_data": "data:application/pdf;base64,JVBERi0xLjQK",
                      "filename": "report.pdf",
                    },
                    "type": "file",
                  },
                  {
                    "text": "Summarise the report.",
                    "type": "text",
                  },
                ],
                "role": "user",
              },
            ],
            "model": "chat-prod",
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
            "model": "chat-prod",
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
            "model": "chat-prod",
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
            "model": "chat-prod",
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
            "logprobs": true,
            "messages": [
              {
                "content": "Hello.",
                "role": "user",
              },
            ],
            "model": "chat-prod",
            "top_logprobs": 2,
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
            "model": "chat-prod",
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
            "model": "chat-prod",
            "presence_penalty": 0.5,
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
          "warnings": [],
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
            "model": "chat-prod",
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
            "model": "chat-prod",
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
            "model": "chat-prod",
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
            "model": "chat-prod",
            "tool_choice": "required",
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
            "model": "chat-prod",
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

  it('streams with usage asked for on recent API versions and without stream_options on older ones', async () => {
    const recent = await recordOutgoingBodies({
      upstream: azureConformanceUpstream(),
      createProvider: ({ baseURL, apiKey }) => new AzureOpenAIProvider({ baseURL, apiKey, apiVersion: '2024-10-21' }),
      modelId: 'chat-prod',
      call: 'stream',
      cases: [{ name: 'text', request: { model: 'alias', messages: [{ role: 'user', content: [{ type: 'text', text: 'Hi.' }] }] } }],
    });
    const older = await recordOutgoingBodies({
      upstream: azureConformanceUpstream(),
      createProvider: ({ baseURL, apiKey }) => new AzureOpenAIProvider({ baseURL, apiKey, apiVersion: '2024-06-01' }),
      modelId: 'chat-prod',
      call: 'stream',
      cases: [{ name: 'text', request: { model: 'alias', messages: [{ role: 'user', content: [{ type: 'text', text: 'Hi.' }] }] } }],
    });
    expect({ recent, older }).toMatchInlineSnapshot(`
      {
        "older": {
          "text": {
            "messages": [
              {
                "content": "Hi.",
                "role": "user",
              },
            ],
            "model": "chat-prod",
            "stream": true,
          },
        },
        "recent": {
          "text": {
            "messages": [
              {
                "content": "Hi.",
                "role": "user",
              },
            ],
            "model": "chat-prod",
            "stream": true,
            "stream_options": {
              "include_usage": true,
            },
          },
        },
      }
    `);
  });
});
