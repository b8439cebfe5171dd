import fp from 'fastify-plugin';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import { errorRegistry, isErrorCode, type ErrorCode, type FieldError, type Problem } from '@autofin/contracts';
import { isDomainError } from '@autofin/domain';

const PROBLEM_BASE = 'https://autofin.dev/problems/';

export function problemOf(code: ErrorCode, detail: string | undefined, requestId: string, errors?: FieldError[]): Problem {
  const entry = errorRegistry[code];
  const problem: Problem = {
    type: `${PROBLEM_BASE}${code.toLowerCase().replaceAll('_', '-')}`,
    title: entry.title,
    status: entry.status,
    code,
    requestId,
  };
  if (detail) problem.detail = detail;
  if (errors && errors.length > 0) problem.errors = errors;
  return problem;
}

export function sendProblem(reply: FastifyReply, problem: Problem): FastifyReply {
  return reply.code(problem.status).type('application/problem+json; charset=utf-8').send(problem);
}

/** `/body/applicant/idNumber` → `applicant.idNumber`; `/payments/0/date` → `payments[0].date`. */
function fieldFromPointer(context: string | undefined, pointer: string, missingProperty?: unknown): string {
  const parts = pointer.split('/').filter(Boolean);
  if (typeof missingProperty === 'string') parts.push(missingProperty);
  let out = '';
  for (const part of parts) {
    if (/^\d+$/.test(part)) out += `[${part}]`;
    else out += out ? `.${part}` : part;
  }
  if (!out) return context ?? 'body';
  return context && context !== 'body' ? `${context}.${out}` : out;
}

/** Fastify's own error codes for request-shape problems, mapped onto the registry. */
const fastifyCodes: Record<string, ErrorCode> = {
  FST_ERR_CTP_INVALID_JSON_BODY: 'MALFORMED_JSON',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'MALFORMED_JSON',
  FST_ERR_CTP_BODY_TOO_LARGE: 'PAYLOAD_TOO_LARGE',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'UNSUPPORTED_MEDIA_TYPE',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'VALIDATION_FAILED',
  FST_ERR_VALIDATION: 'VALIDATION_FAILED',
  FST_ERR_NOT_FOUND: 'ROUTE_NOT_FOUND',
};

/**
 * RFC 9457 problem+json for every failure (DESIGN.md rule 4). Only this layer knows HTTP
 * statuses; the domain speaks in registry codes. A 5xx never leaks internals: the detail
 * names the request id the operator can find in the logs.
 */
export const problemPlugin = fp(async (app) => {
  app.setErrorHandler((error: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
    const requestId = String(request.id);

    if (hasZodFastifySchemaValidationErrors(error)) {
      const context = (error as { validationContext?: string }).validationContext;
      const errors = error.validation.map((v) => ({
        field: fieldFromPointer(context, v.instancePath, (v.params as { missingProperty?: unknown } | undefined)?.missingProperty),
        message: v.message ?? 'is not valid',
      }));
      const detail = errors.map((e) => `${e.field}: ${e.message}`).join('; ');
      return sendProblem(reply, problemOf('VALIDATION_FAILED', detail, requestId, errors));
    }
    if (isDomainError(error)) {
      if (errorRegistry[error.code].status >= 500) request.log.error({ err: error }, 'domain error');
      return sendProblem(reply, problemOf(error.code, error.message, requestId, error.errors));
    }
    if (isResponseSerializationError(error)) {
      request.log.error({ err: error, issues: error.cause.issues }, 'response did not match its contract');
      return sendProblem(reply, problemOf('INTERNAL', `Something went wrong on our side (request ${requestId}).`, requestId));
    }
    const mapped = error.code ? fastifyCodes[error.code] : undefined;
    if (mapped) {
      const detail =
        mapped === 'PAYLOAD_TOO_LARGE'
          ? `The request body is larger than the limit of ${request.routeOptions.bodyLimit ?? ''} bytes.`
          : mapped === 'MALFORMED_JSON'
            ? `The body could not be parsed as JSON: ${error.message}`
            : error.message;
      return sendProblem(reply, problemOf(mapped, detail, requestId));
    }
    if (typeof error.statusCode === 'number' && error.statusCode >= 400 && error.statusCode < 500) {
      const code: ErrorCode =
        error.statusCode === 404 ? 'NOT_FOUND' : error.statusCode === 413 ? 'PAYLOAD_TOO_LARGE' : error.statusCode === 415 ? 'UNSUPPORTED_MEDIA_TYPE' : error.statusCode === 429 ? 'RATE_LIMITED' : 'VALIDATION_FAILED';
      const problem = problemOf(code, error.message, requestId);
      problem.status = error.statusCode;
      return sendProblem(reply, problem);
    }
    if (error.code && isErrorCode(error.code)) {
      return sendProblem(reply, problemOf(error.code, error.message, requestId));
    }
    request.log.error({ err: error }, 'unhandled error');
    return sendProblem(reply, problemOf('INTERNAL', `Something went wrong on our side (request ${requestId}).`, requestId));
  });
});
