import type { Command } from 'commander';
import { aprMethodSchema, aprRequestSchema } from '@autofin/contracts';
import { computeIrrApr, computeRegzApr } from '@autofin/domain';
import { CliError } from '../cli-error.ts';
import { readStdin } from '../read-stdin.ts';
import { parseJsonInput, runDomain } from './quote.command.ts';

export function registerApr(program: Command): void {
  program
    .command('apr')
    .description('compute the APR of cash flows read as JSON from stdin')
    .option('--method <method>', 'regz (Regulation Z Appendix J actuarial) or irr (PBoC 〔2021〕 No. 3 annualised rate)', 'regz')
    .addHelpText(
      'after',
      `
Input (stdin), e.g.:
  {"advances":[{"date":"1978-01-10","amount":"5000.00"}],
   "payments":[{"date":"1978-02-10","amount":"230.00","count":24,"every":"month"}]}
A payment with count and every (month, half-month, quarter, week, year) is a series.
Output: {"apr": 9.69…} for regz, {"aprSimple": …, "aprCompound": …} for irr (percent).`,
    )
    .action(async (opts: { method: string }) => {
      const method = aprMethodSchema.safeParse(opts.method);
      if (!method.success) throw new CliError(`--method must be regz or irr, not "${opts.method}"`);
      const request = parseJsonInput(await readStdin(), aprRequestSchema);
      const response = runDomain(() => (method.data === 'regz' ? computeRegzApr(request) : computeIrrApr(request)));
      process.stdout.write(`${JSON.stringify(response)}\n`);
    });
}
