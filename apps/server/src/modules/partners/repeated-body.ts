import type { FastifyBodyParser, FastifyInstance } from 'fastify';
import { validatorCompiler } from 'fastify-type-provider-zod';

/**
 * Partner systems and calculator widgets send the very same quote body again and again (a deal
 * re-quoted, a page refreshed). Parsing and validating those bytes is the same work every time
 * (JSON.parse + the strict zod schema: ~10 % of a repeated /v1/quotes request's CPU), so a route
 * may keep the outcome for the latest bodies:
 *
 * - `cachingJsonParser`: the raw body text → the object Fastify's own JSON parser made of it
 *   (the same prototype- and constructor-poisoning rules, the same errors), deeply frozen so the
 *   requests sharing it cannot change it under each other;
 * - `memoisedBodyValidator`: that parsed object (by identity) → the validated value, also frozen.
 *   Only successes are kept; a body that fails validation is validated, and answered, every time.
 *
 * Only small bodies are kept (a quote request is ~200 bytes), at most MAX_ENTRIES of them, least
 * recently used first out: a bounded few hundred kilobytes, whatever a client sends.
 */
const MAX_ENTRIES = 256;
const MAX_CACHED_BODY = 4096;

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}

/** Fastify's default JSON parser (as `app` has it), answering a body it parsed before with the same frozen object. */
export function cachingJsonParser(app: FastifyInstance): FastifyBodyParser<string> {
  const parse = app.getDefaultJsonParser('error', 'error');
  const parsed = new Map<string, unknown>();
  return (request, body, done) => {
    const hit = parsed.get(body);
    if (hit !== undefined) {
      // Most recently used last: the first key is the next to go.
      parsed.delete(body);
      parsed.set(body, hit);
      return done(null, hit);
    }
    parse(request, body, (err, value) => {
      if (err) return done(err, undefined);
      if (body.length <= MAX_CACHED_BODY && value !== null && typeof value === 'object') {
        parsed.set(body, deepFreeze(value));
        if (parsed.size > MAX_ENTRIES) parsed.delete(parsed.keys().next().value!);
      }
      done(null, value);
    });
  };
}

/** The zod body validator, answering an object it validated before (the parser hands out the same one) from memory. */
export const memoisedBodyValidator: typeof validatorCompiler = (route) => {
  const validate = validatorCompiler(route) as (data: unknown) => { value?: unknown; error?: Error };
  if (route.httpPart !== 'body') return validate;
  const valid = new WeakMap<object, unknown>();
  return (data: unknown) => {
    const frozen = data !== null && typeof data === 'object' && Object.isFrozen(data);
    if (frozen) {
      const hit = valid.get(data);
      if (hit !== undefined) return { value: hit };
    }
    const result = validate(data);
    if (frozen && !result.error) valid.set(data as object, deepFreeze(result.value));
    return result;
  };
};
