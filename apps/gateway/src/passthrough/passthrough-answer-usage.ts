import { PassthroughStreamUsage } from './passthrough-stream-usage.js';
import { passthroughUsageOf, type PassthroughUsage } from './passthrough-usage.js';

/** A JSON answer larger than this is passed on without its usage being read. */
const maximumUsageBytes = 4 * 1024 * 1024;

/** What reads an answer's usage from its chunks, once each has been passed on. */
export interface PassthroughAnswerUsage {
  push(chunk: Uint8Array): void;
  usage(): PassthroughUsage | undefined;
}

function isJson(contentType: string): boolean {
  return /^application\/(?:[\w.+-]+\+)?json\b/i.test(contentType);
}

function isEventStream(contentType: string): boolean {
  return /^text\/event-stream\b/i.test(contentType);
}

/** A JSON answer's bytes kept aside (up to `maximumUsageBytes`), read once it ended. */
function jsonUsage(): PassthroughAnswerUsage {
  let kept: Uint8Array[] = [];
  let keptBytes = 0;
  return {
    push(chunk) {
      if (keptBytes > maximumUsageBytes) return;
      keptBytes += chunk.byteLength;
      if (keptBytes <= maximumUsageBytes) kept.push(chunk);
      else kept = [];
    },
    usage() {
      if (keptBytes > maximumUsageBytes) return undefined;
      try {
        return passthroughUsageOf(JSON.parse(Buffer.concat(kept).toString('utf8')));
      } catch {
        return undefined;
      }
    },
  };
}

/** The reader of an answer's usage by its content type: JSON, an event stream, or none (Bedrock's binary event stream, files). */
export function passthroughAnswerUsage(contentType: string | undefined): PassthroughAnswerUsage | undefined {
  const type = contentType?.trim() ?? '';
  if (isJson(type)) return jsonUsage();
  if (isEventStream(type)) return new PassthroughStreamUsage();
  return undefined;
}
