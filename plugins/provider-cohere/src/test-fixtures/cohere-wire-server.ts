import { cohereServerSentEvent, startRecordingServer, writeChunks, type CohereStreamEvent, type RecordingServer } from '@modelgate/testkit';

/** One recorded Cohere answer to replay: a JSON body with its status, or a list of stream events. */
export type WireAnswer = { json: unknown; status?: number } | { events: CohereStreamEvent[] };

/**
 * A loopback server that answers each request with the next given wire answer, exactly as written: for
 * shapes the scenario mock does not produce (thinking blocks, interleaved calls, cached tokens, citations).
 */
export async function startWireServer(...answers: WireAnswer[]): Promise<RecordingServer> {
  return startRecordingServer(async ({ response, isClosed }) => {
    const answer = answers.shift();
    if (answer === undefined) {
      response.writeHead(500, { 'content-type': 'application/json' });
      response.end('{"message":"no answer left"}');
    } else if ('json' in answer) {
      response.writeHead(answer.status ?? 200, { 'content-type': 'application/json' });
      response.end(JSON.stringify(answer.json));
    } else {
      response.writeHead(200, { 'content-type': 'text/event-stream' });
      await writeChunks(response, answer.events.map(cohereServerSentEvent), isClosed);
      response.end();
    }
  });
}
