import { InvalidRequestError } from '@modelgate/core';
import { checkJsonStructure } from '../http/check-json-structure.js';
import { infraPlugin } from './infra-plugin.js';

/** Says what is wrong with a body fastify's parser refused (only runs on that error path). */
function describeInvalidJson(body: string): InvalidRequestError {
  let problem: string;
  try {
    JSON.parse(body);
    problem = 'it contains a forbidden "__proto__" or "constructor.prototype" key';
  } catch (error) {
    problem = error instanceof Error ? error.message : String(error);
  }
  return new InvalidRequestError(`We could not parse the JSON body of your request: ${problem}.`, { code: 'invalid_json' });
}

/**
 * Fastify's own JSON parser (secure against prototype poisoning, limited by `bodyLimit`), with an
 * error that names the problem (`Unexpected end of JSON input`, a position) instead of a generic one,
 * and a bounded structure (depth, array length). JSON is the only body type: fastify's `text/plain`
 * parser is removed, so such bodies get a 415 like any other type.
 */
export const jsonBodyPlugin = infraPlugin((app, _options, done) => {
  const parse = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  app.removeContentTypeParser('text/plain');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, next) => {
    parse(request, String(body), (error, value) => {
      if (error && (error as { code?: string }).code === 'FST_ERR_CTP_INVALID_JSON_BODY') {
        next(describeInvalidJson(String(body)), undefined);
        return;
      }
      if (error) {
        next(error, undefined);
        return;
      }
      try {
        checkJsonStructure(value);
      } catch (structureError) {
        next(structureError as Error, undefined);
        return;
      }
      next(null, value);
    });
  });
  done();
}, 'modelgate-json-body');
