import type { FastifyRequest } from 'fastify';
import type { FieldError } from '@autofin/contracts';
import { DomainError } from '@autofin/domain';

interface ValidationEntry {
  keyword: string;
  instancePath: string;
  message?: string;
  params?: { keys?: unknown; missingProperty?: unknown };
}

function fieldOf(context: string | undefined, pointer: string, leaf?: string): string {
  const parts = pointer.split('/').filter(Boolean);
  if (leaf) parts.push(leaf);
  let out = '';
  for (const part of parts) out += /^\d+$/.test(part) ? `[${part}]` : out ? `.${part}` : part;
  if (!out) return context ?? 'body';
  return context && context !== 'body' ? `${context}.${out}` : out;
}

/**
 * For routes declared with `attachValidation: true`: turns the zod validation failure into the
 * usual 400 problem, except that an unknown field is named itself (`applicant.nickname`: "is
 * not a field of this request") rather than its parent object — a partner's developer sees at
 * once which key to remove. Does nothing when the request was valid.
 */
export function throwIfInvalid(request: FastifyRequest): void {
  const error = request.validationError;
  if (!error) return;
  const context = error.validationContext;
  const entries = (error.validation ?? []) as ValidationEntry[];
  const errors: FieldError[] = entries.flatMap((v) => {
    if (v.keyword === 'unrecognized_keys' && Array.isArray(v.params?.keys)) {
      return (v.params.keys as unknown[]).map((k) => ({ field: fieldOf(context, v.instancePath, String(k)), message: 'is not a field of this request (unknown fields are rejected, not ignored)' }));
    }
    const missing = typeof v.params?.missingProperty === 'string' ? v.params.missingProperty : undefined;
    return [{ field: fieldOf(context, v.instancePath, missing), message: v.message ?? 'is not valid' }];
  });
  throw new DomainError('VALIDATION_FAILED', errors.map((e) => `${e.field}: ${e.message}`).join('; '), errors);
}
