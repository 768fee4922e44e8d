import { formatZodIssues, InvalidRequestError } from '@modelgate/core';
import type { FastifySchemaCompiler } from 'fastify';
import type { z } from 'zod';
import { infraPlugin } from './infra-plugin.js';

const passThrough = (data: unknown) => ({ value: data });

/**
 * Route schemas are zod schemas. Params, query and headers are checked here; bodies are only
 * declared, because core's `runChat` / `runEmbeddings` validate them (once, on the hot path) and
 * throw an `InvalidRequestError` naming the field.
 */
export const zodValidatorCompiler: FastifySchemaCompiler<z.ZodType> = ({ schema, httpPart }) => {
  if (httpPart === 'body') return passThrough;
  return (data: unknown) => {
    const result = schema.safeParse(data);
    if (result.success) return { value: result.data };
    const first = formatZodIssues(result.error)[0]!;
    const part = httpPart === 'querystring' ? 'query' : (httpPart ?? 'request');
    const param = first.path === '(root)' ? part : first.path;
    return { error: new InvalidRequestError(`Invalid ${part} value for '${param}': ${first.message}`, { param }) };
  };
};

export const zodValidationPlugin = infraPlugin((app, _options, done) => {
  app.setValidatorCompiler(zodValidatorCompiler);
  done();
}, 'modelgate-zod-validation');
