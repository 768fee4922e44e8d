import { validateRequest, type RerankRequestV1, type RerankResponseV1 } from '@modelgate/core';
import type { FastifyPluginCallback, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { callHeaders } from '../http/call-headers.js';
import { clientCancellation } from '../http/client-cancellation.js';
import { noteAccessLogUsage } from '../plugins/access-log-plugin.js';
import type { GatewayRouteOptions } from './gateway-route-options.js';

/** Cohere's rerank request: documents as strings or `{text}` objects (API v1 took both; v2 strings). */
export const rerankRequestSchema = z.looseObject({
  model: z.string().min(1),
  query: z.string().min(1),
  documents: z
    .array(z.union([z.string(), z.looseObject({ text: z.string() })]))
    .min(1)
    .max(10_000),
  top_n: z.number().int().positive().optional(),
  return_documents: z.boolean().optional(),
  max_tokens_per_doc: z.number().int().positive().optional(),
});
type RerankRequest = z.output<typeof rerankRequestSchema>;

const mappedFields = new Set(['model', 'query', 'documents', 'top_n', 'return_documents', 'max_tokens_per_doc']);

/** Cohere's shape → the canonical request; fields it does not map (`priority`…) go on as `providerOptions.cohere`. */
function toCanonical(wire: RerankRequest): RerankRequestV1 {
  const request: RerankRequestV1 = {
    model: wire.model,
    query: wire.query,
    documents: wire.documents.map((document) => (typeof document === 'string' ? document : document.text)),
  };
  if (wire.top_n !== undefined) request.topN = wire.top_n;
  if (wire.max_tokens_per_doc !== undefined) request.maxTokensPerDocument = wire.max_tokens_per_doc;
  let options: Record<string, unknown> | undefined;
  for (const field in wire) {
    if (mappedFields.has(field) || wire[field] === undefined) continue;
    options ??= {};
    options[field] = wire[field];
  }
  if (options !== undefined) request.providerOptions = { cohere: options };
  return request;
}

/** The canonical answer in Cohere's shape: `{ id, results: [{ index, relevance_score, document? }], meta }`. */
function toWire(response: RerankResponseV1, request: RerankRequestV1, returnDocuments: boolean, requestId: string) {
  return {
    id: response.metadata.id ?? requestId,
    results: response.results.map((result) => ({
      index: result.index,
      relevance_score: result.relevanceScore,
      ...(returnDocuments ? { document: { text: request.documents[result.index] ?? '' } } : {}),
    })),
    meta: {
      api_version: { version: '2' },
      billed_units: {
        ...(response.usage?.searchUnits === undefined ? {} : { search_units: response.usage.searchUnits }),
        ...(response.usage?.inputTokens === undefined ? {} : { input_tokens: response.usage.inputTokens }),
      },
    },
  };
}

/**
 * `POST /v1/rerank` and `POST /v2/rerank` (where Cohere's v2 SDK sends it): Cohere's rerank request and answer
 * shape, over the gateway's rerank routing. A bad body is a 400 in the OpenAI error shape naming the field; a
 * model whose deployments cannot rerank, a 400 naming the provider.
 */
export const rerankRoute: FastifyPluginCallback<GatewayRouteOptions> = (app, { gateway }, done) => {
  app.post<{ Body: unknown }>('/v1/rerank', { schema: { body: rerankRequestSchema } }, handle);
  app.post<{ Body: unknown }>('/v2/rerank', { schema: { body: rerankRequestSchema } }, handle);
  async function handle(request: FastifyRequest<{ Body: unknown }>, reply: FastifyReply) {
    const started = performance.now();
    const wire = validateRequest(rerankRequestSchema, request.body);
    const canonical = toCanonical(wire);
    const { response, metadata } = await gateway.runRerank(canonical, {
      principal: request.principal ?? undefined,
      cancellation: clientCancellation(reply),
      requestId: request.id,
    });
    noteAccessLogUsage(request, undefined, metadata.costUsd);
    reply.headers(callHeaders(metadata, started, app.secretRedactor));
    return toWire(response, canonical, wire.return_documents === true, request.id);
  }
  done();
};
