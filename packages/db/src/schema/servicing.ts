import { pgTable, uuid, text, integer, smallint, bigint, date, index, primaryKey } from 'drizzle-orm/pg-core';
import { applications } from './applications.ts';
import { customers } from './customers.ts';
import { partners } from './partners.ts';
import { trims } from './vehicles.ts';

/** Funded loans. status: active | closed | charged_off. Money in fen, rate in basis points per year. */
export const loans = pgTable(
  'loans',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    applicationId: uuid('application_id')
      .notNull()
      .unique()
      .references(() => applications.id),
    customerId: uuid('customer_id')
      .notNull()
      .references(() => customers.id),
    partnerId: uuid('partner_id').references(() => partners.id),
    trimId: integer('trim_id').references(() => trims.id),
    /** ICE | BEV | PHEV, copied from the trim so portfolio views need no join. */
    fuel: text('fuel').notNull(),
    principalFen: bigint('principal_fen', { mode: 'number' }).notNull(),
    rateBp: integer('rate_bp').notNull(),
    termMonths: smallint('term_months').notNull(),
    /** Level monthly instalment (the last one absorbs the rounding residue). */
    installmentFen: bigint('installment_fen', { mode: 'number' }).notNull(),
    fundedAt: date('funded_at', { mode: 'string' }).notNull(),
    firstDueDate: date('first_due_date', { mode: 'string' }).notNull(),
    status: text('status').notNull(),
    /** As of the servicing date: days since the oldest unpaid due instalment. */
    daysPastDue: integer('days_past_due').notNull().default(0),
    outstandingPrincipalFen: bigint('outstanding_principal_fen', { mode: 'number' }).notNull(),
    closedAt: date('closed_at', { mode: 'string' }),
    source: text('source').notNull().default('manual'),
  },
  (t) => [
    index('loans_customer_idx').on(t.customerId),
    index('loans_partner_idx').on(t.partnerId),
    index('loans_status_dpd_idx').on(t.status, t.daysPastDue),
    index('loans_funded_idx').on(t.fundedAt),
  ],
);

/** The repayment schedule and what was paid against it. days_late: paid_at − due_date (or to the servicing date if unpaid). */
export const loanRepayments = pgTable(
  'loan_repayments',
  {
    loanId: uuid('loan_id')
      .notNull()
      .references(() => loans.id, { onDelete: 'cascade' }),
    installmentNo: smallint('installment_no').notNull(),
    customerId: uuid('customer_id').notNull(),
    dueDate: date('due_date', { mode: 'string' }).notNull(),
    principalDueFen: bigint('principal_due_fen', { mode: 'number' }).notNull(),
    interestDueFen: bigint('interest_due_fen', { mode: 'number' }).notNull(),
    amountDueFen: bigint('amount_due_fen', { mode: 'number' }).notNull(),
    amountPaidFen: bigint('amount_paid_fen', { mode: 'number' }).notNull().default(0),
    paidAt: date('paid_at', { mode: 'string' }),
    daysLate: integer('days_late').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.loanId, t.installmentNo] }), index('loan_repayments_due_idx').on(t.dueDate)],
);
