import { createHash } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import { pause, writeChunk } from '../mock-server/write-chunks.js';
import { randomId } from './mock-answer.js';
import type { MockScenario } from './mock-scenario.js';
import { missingParameterBody } from './openai-error-body.js';
import { sendJson, serveScenario } from './serve-scenario.js';

/** The endpoints of OpenAI's API besides chat, embeddings and models that the mock serves. */
export type OpenAIEndpoint = 'completions' | 'images' | 'speech' | 'transcriptions' | 'moderations';

export const openAIEndpointPaths: Readonly<Record<string, OpenAIEndpoint>> = {
  '/v1/completions': 'completions',
  '/v1/images/generations': 'images',
  '/v1/audio/speech': 'speech',
  '/v1/audio/transcriptions': 'transcriptions',
  '/v1/moderations': 'moderations',
};

/** Words the mock's moderation flags, with the category they fall in. */
const flaggedWords: Readonly<Record<string, string>> = { kill: 'violence', attack: 'violence', hate: 'hate' };
const categories = ['harassment', 'hate', 'self-harm', 'sexual', 'violence'];

const speechMediaTypes: Readonly<Record<string, string>> = {
  mp3: 'audio/mpeg',
  opus: 'audio/ogg',
  aac: 'audio/aac',
  flac: 'audio/flac',
  wav: 'audio/wav',
  pcm: 'audio/pcm',
};

/** The audio the mock "speaks": `MOCK-AUDIO:<format>:` and the input text, so that a test can check it went through whole. */
export function mockSpeechAudio(input: string, format = 'mp3'): Buffer {
  return Buffer.from(`MOCK-AUDIO:${format}:${input}`, 'utf8');
}

/** The text the mock "hears" in an upload: its file name and size. */
export function mockTranscript(filename: string, bytes: number): string {
  return `Transcript of ${filename} (${bytes} bytes).`;
}

interface FormPart {
  name: string;
  filename?: string;
  contentType?: string;
  value: string;
}

/** A forgiving multipart reader for the mock (the recorded body is text; binary file bytes may be mangled, their count is kept). */
export function readMultipartForm(rawBody: string, contentType: string | undefined): FormPart[] | undefined {
  const boundary = /boundary=(?:"([^"]+)"|([^;]+))/.exec(contentType ?? '');
  const marker = boundary?.[1] ?? boundary?.[2];
  if (marker === undefined) return undefined;
  return rawBody
    .split(`--${marker}`)
    .slice(1, -1)
    .map((chunk) => {
      const separator = chunk.indexOf('\r\n\r\n');
      const head = chunk.slice(0, separator);
      const value = chunk.slice(separator + 4, chunk.length - 2);
      const name = /name="([^"]*)"/.exec(head)?.[1] ?? '';
      const filename = /filename="([^"]*)"/.exec(head)?.[1];
      const type = /content-type:\s*([^\r\n]+)/i.exec(head)?.[1];
      return { name, value, ...(filename === undefined ? {} : { filename }), ...(type === undefined ? {} : { contentType: type }) };
    });
}

function completionsBody(body: Record<string, unknown>, text: string, promptTokens: number) {
  const completionTokens = text.split(/\s+/).filter(Boolean).length;
  return {
    id: randomId('cmpl-'),
    object: 'text_completion',
    created: Math.floor(Date.now() / 1000),
    model: String(body['model']),
    choices: [{ text, index: 0, logprobs: null, finish_reason: 'stop' }],
    usage: { prompt_tokens: promptTokens, completion_tokens: completionTokens, total_tokens: promptTokens + completionTokens },
  };
}

async function serveCompletions(
  response: ServerResponse,
  body: Record<string, unknown>,
  scenario: MockScenario | undefined,
  isClosed: () => boolean,
  markDropped: () => void,
) {
  const prompt = Array.isArray(body['prompt']) ? body['prompt'].join(' ') : String(body['prompt'] ?? '');
  const text = scenario?.type === 'text' ? scenario.content : ` and so the story of "${prompt}" goes on.`;
  const complete = completionsBody(body, text, Math.max(1, Math.ceil(prompt.length / 4)));
  if (body['stream'] !== true) return sendJson(response, 200, complete);
  response.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
  const words = text.match(/\s*\S+/g) ?? [text];
  const chunk = (delta: string, finish: string | null) => ({
    id: complete.id,
    object: 'text_completion',
    created: complete.created,
    model: complete.model,
    choices: [{ text: delta, index: 0, logprobs: null, finish_reason: finish }],
  });
  const events = words.map((word, index) => `data: ${JSON.stringify(chunk(word, index === words.length - 1 ? 'stop' : null))}\n\n`);
  if ((body['stream_options'] as { include_usage?: unknown } | undefined)?.include_usage === true) {
    events.push(`data: ${JSON.stringify({ ...chunk('', null), choices: [], usage: complete.usage })}\n\n`);
  }
  const limit = scenario?.type === 'drop' ? scenario.afterChunks : events.length;
  for (const event of events.slice(0, limit)) {
    if (isClosed()) return;
    await writeChunk(response, event);
  }
  if (scenario?.type === 'drop') {
    markDropped();
    response.socket?.destroy();
    return;
  }
  if (!isClosed()) response.end('data: [DONE]\n\n');
}

function serveImages(response: ServerResponse, body: Record<string, unknown>) {
  const prompt = String(body['prompt'] ?? '');
  const count = typeof body['n'] === 'number' ? body['n'] : 1;
  const digest = createHash('sha256').update(prompt).digest('hex').slice(0, 16);
  const asBase64 = body['response_format'] === 'b64_json';
  const data = Array.from({ length: count }, (_, index) =>
    asBase64
      ? { b64_json: Buffer.from(`MOCK-IMAGE:${index}:${prompt}`).toString('base64'), revised_prompt: `A picture of ${prompt}` }
      : { url: `https://images.example/${digest}-${index}.png`, revised_prompt: `A picture of ${prompt}` },
  );
  sendJson(response, 200, { created: Math.floor(Date.now() / 1000), data });
}

async function serveSpeech(response: ServerResponse, body: Record<string, unknown>) {
  const format = typeof body['response_format'] === 'string' ? body['response_format'] : 'mp3';
  const audio = mockSpeechAudio(String(body['input']), format);
  response.writeHead(200, { 'content-type': speechMediaTypes[format] ?? 'application/octet-stream', 'transfer-encoding': 'chunked' });
  // In three pieces, as audio streams.
  const third = Math.ceil(audio.length / 3);
  for (let start = 0; start < audio.length; start += third) {
    await writeChunk(response, audio.subarray(start, start + third));
    await pause(response, 1);
  }
  response.end();
}

function serveTranscriptions(response: ServerResponse, parts: FormPart[]) {
  const field = (name: string) => parts.find((part) => part.name === name && part.filename === undefined)?.value;
  const file = parts.find((part) => part.name === 'file' && part.filename !== undefined);
  if (field('model') === undefined) return sendJson(response, 400, missingParameterBody('model'));
  if (file === undefined) return sendJson(response, 400, missingParameterBody('file'));
  const text = mockTranscript(file.filename!, Buffer.byteLength(file.value, 'utf8'));
  const format = field('response_format') ?? 'json';
  if (format === 'text') {
    response.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' });
    response.end(text);
    return;
  }
  if (format !== 'verbose_json') return sendJson(response, 200, { text, usage: { type: 'duration', seconds: 2 } });
  const granularities = parts.filter((part) => part.name === 'timestamp_granularities[]').map((part) => part.value);
  const words = text.split(' ').map((word, index) => ({ word, start: index * 0.5, end: index * 0.5 + 0.4 }));
  return sendJson(response, 200, {
    task: 'transcribe',
    language: field('language') ?? 'english',
    duration: words.length * 0.5,
    text,
    ...(granularities.length === 0 || granularities.includes('segment')
      ? {
          segments: [
            {
              id: 0,
              seek: 0,
              start: 0,
              end: words.length * 0.5,
              text,
              tokens: [],
              temperature: 0,
              avg_logprob: -0.1,
              compression_ratio: 1,
              no_speech_prob: 0,
            },
          ],
        }
      : {}),
    ...(granularities.includes('word') ? { words } : {}),
  });
}

function moderate(text: string) {
  const hits = new Set(
    Object.entries(flaggedWords)
      .filter(([word]) => text.toLowerCase().includes(word))
      .map(([, category]) => category),
  );
  return {
    flagged: hits.size > 0,
    categories: Object.fromEntries(categories.map((category) => [category, hits.has(category)])),
    category_scores: Object.fromEntries(categories.map((category) => [category, hits.has(category) ? 0.97 : 0.001])),
  };
}

function serveModerations(response: ServerResponse, body: Record<string, unknown>) {
  const input = body['input'];
  const texts = typeof input === 'string' ? [input] : Array.isArray(input) ? input : [];
  const results =
    texts.length > 0 && typeof texts[0] === 'object'
      ? [moderate((texts as { type?: string; text?: string }[]).map((part) => part.text ?? '').join(' '))]
      : (texts as string[]).map((text) => moderate(String(text)));
  sendJson(response, 200, { id: randomId('modr-'), model: String(body['model'] ?? 'omni-moderation-latest'), results });
}

export interface EndpointExchange {
  response: ServerResponse;
  body: Record<string, unknown> | undefined;
  rawBody: string;
  contentType: string | undefined;
  isClosed(): boolean;
  markDropped(): void;
}

/**
 * Answers one of the extra endpoints in OpenAI's format. A queued `error`, `rate_limit` or
 * `server_error` scenario answers instead; `text` sets a completion's text and `drop` cuts its stream.
 */
export async function serveOpenAIEndpoint(
  endpoint: OpenAIEndpoint,
  exchange: EndpointExchange,
  scenario: MockScenario | undefined,
): Promise<void> {
  const { response } = exchange;
  if (scenario !== undefined && (scenario.type === 'error' || scenario.type === 'rate_limit' || scenario.type === 'server_error')) {
    return serveScenario(scenario, {
      response,
      route: 'chat',
      body: exchange.body ?? {},
      isClosed: exchange.isClosed,
      markDropped: exchange.markDropped,
    });
  }
  if (endpoint === 'transcriptions') {
    const parts = readMultipartForm(exchange.rawBody, exchange.contentType);
    if (parts === undefined) return sendJson(response, 400, missingParameterBody('file'));
    return serveTranscriptions(response, parts);
  }
  const body = exchange.body ?? {};
  if (endpoint !== 'moderations' && body['model'] === undefined) return sendJson(response, 400, missingParameterBody('model'));
  switch (endpoint) {
    case 'completions':
      if (body['prompt'] === undefined) return sendJson(response, 400, missingParameterBody('prompt'));
      return serveCompletions(response, body, scenario, exchange.isClosed, exchange.markDropped);
    case 'images':
      return serveImages(response, body);
    case 'speech':
      return serveSpeech(response, body);
    case 'moderations':
      return serveModerations(response, body);
  }
}
