import type { ErrorCode, FieldError } from '@autofin/contracts';

/**
 * The only error the domain throws. It carries a registry code (never an HTTP status: the
 * HTTP layer maps codes to statuses) and, for bad input, the fields at fault.
 */
export class DomainError extends Error {
  readonly code: ErrorCode;
  readonly errors: FieldError[];

  constructor(code: ErrorCode, message: string, errors: FieldError[] = []) {
    super(message);
    this.name = 'DomainError';
    this.code = code;
    this.errors = errors;
  }
}

export function isDomainError(value: unknown): value is DomainError {
  return value instanceof DomainError;
}
