import { z } from 'zod';
import { amountSchema } from './common.ts';

/** The figures of the console's overview page, all read from the database. */
export const overviewSchema = z
  .object({
    customers: z.number().int(),
    dealers: z.number().int(),
    applications: z.number().int(),
    loans: z.number().int(),
    fundedAmount: amountSchema.describe('total principal of funded loans, yuan'),
    outstandingPrincipal: amountSchema,
    applicationsByStatus: z.array(z.object({ status: z.string(), count: z.number().int() })),
    delinquency: z.object({
      /** share of active loans 30+ days past due, 0..1 */
      rate30Plus: z.number(),
      buckets: z.array(z.object({ bucket: z.string(), loans: z.number().int(), principal: amountSchema })),
    }),
    fundedByMonth: z.array(z.object({ month: z.string(), loans: z.number().int(), amount: amountSchema })),
    customersByCityTier: z.array(z.object({ tier: z.number().int(), customers: z.number().int() })),
    loansByFuel: z.array(z.object({ fuel: z.string(), loans: z.number().int(), amount: amountSchema })),
    demoData: z.boolean().describe('true when the figures come from the simulator'),
    generatedAt: z.string(),
  })
  .meta({ id: 'Overview' });
export type Overview = z.infer<typeof overviewSchema>;
