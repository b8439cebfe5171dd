import type { Command } from 'commander';
import { quoteRequestSchema } from '@autofin/contracts';
import { isDomainError, quoteLoan } from '@autofin/domain';
import { CliError } from '../cli-error.ts';
import { readStdin } from '../read-stdin.ts';

interface SchemaLike<T> {
  safeParse(data: unknown):
    | { success: true; data: T }
    | { success: false; error: { issues: ReadonlyArray<{ path: readonly PropertyKey[]; message: string }> } };
}

/** A zod issue path as users see the field: `payments[0].date`. */
export function fieldPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const part of path) out += typeof part === 'number' ? `[${part}]` : out === '' ? String(part) : `.${String(part)}`;
  return out || '(input)';
}

/** JSON text → schema-checked value; a bad document becomes a CliError naming each field. */
export function parseJsonInput<T>(text: string, schema: SchemaLike<T>): T {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    throw new CliError(`input is not valid JSON: ${err instanceof Error ? err.message : String(err)}`);
  }
  const result = schema.safeParse(data);
  if (!result.success) {
    throw new CliError(`invalid input: ${result.error.issues.map((i) => `${fieldPath(i.path)}: ${i.message}`).join('; ')}`);
  }
  return result.data;
}

/** Runs a domain computation, turning its DomainError into a clear CLI error. */
export function runDomain<T>(compute: () => T): T {
  try {
    return compute();
  } catch (err) {
    if (isDomainError(err)) {
      const fields = err.errors.map((e) => `${e.field}: ${e.message}`).join('; ');
      throw new CliError(`${err.code}: ${fields || err.message}`);
    }
    throw err;
  }
}

export function registerQuote(program: Command): void {
  program
    .command('quote')
    .description('print the repayment schedule, totals and APRs of a loan or lease read as JSON from stdin')
    .addHelpText(
      'after',
      `
Input (stdin), e.g.:
  {"principal":"100000.00","annualRate":"4.5","term":36,"method":"equal-installment",
   "dayCount":"30/360","disbursementDate":"2026-01-15","firstPaymentDate":"2026-02-15"}
Methods: equal-installment, equal-principal, interest-only, balloon, stepped, seasonal,
flat-fee, subsidised, interest-free, lease. Optional fields: every, graceMonths,
monthlyFeeRate, upfrontFee, financedFees, periodicFee, fees[], balloonAmount,
balloonPercent + vehiclePrice, residualAmount, deposit, steps[], customerRate (see docs/finance.md).`,
    )
    .action(async () => {
      const request = parseJsonInput(await readStdin(), quoteRequestSchema);
      const response = runDomain(() => quoteLoan(request));
      process.stdout.write(`${JSON.stringify(response, null, 2)}\n`);
    });
}
