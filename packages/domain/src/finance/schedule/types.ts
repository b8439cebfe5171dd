import type { CivilDate } from '../dates.ts';
import type { DayCount } from '../day-count.ts';
import type { Fen } from '../money.ts';
import type { Rate } from '../rate.ts';

export type RepaymentMethod =
  | 'equal-installment'
  | 'equal-principal'
  | 'interest-only'
  | 'balloon'
  | 'stepped'
  | 'seasonal'
  | 'flat-fee'
  | 'subsidised'
  | 'interest-free'
  | 'lease';

export const REPAYMENT_METHODS: readonly RepaymentMethod[] = [
  'equal-installment',
  'equal-principal',
  'interest-only',
  'balloon',
  'stepped',
  'seasonal',
  'flat-fee',
  'subsidised',
  'interest-free',
  'lease',
];

/** When a fee is paid, and whether it is part of the finance charge (and so of the APR). */
export interface Fee {
  readonly name: string;
  readonly amount: Fen;
  /** upfront: cash at signing; financed: added to the principal; periodic: with every installment. */
  readonly timing: 'upfront' | 'financed' | 'periodic';
  readonly financeCharge: boolean;
}

/** One stage of a stepped (阶梯) loan: `count` installments at `ratio` × the base payment. */
export interface Step {
  readonly count: number;
  /** Exact ratio as a decimal string, e.g. "1.2". */
  readonly ratio: string;
}

/** The terms of a loan or lease in domain units (fen, exact rates, civil dates). */
export interface LoanTerms {
  /** The amount the customer borrows before financed fees (vehicle price − down payment). */
  readonly principal: Fen;
  /** The lender's nominal annual rate. For subsidised loans this is the lender's yield. */
  readonly annualRate: Rate;
  /** Term in months. */
  readonly term: number;
  readonly method: RepaymentMethod;
  readonly dayCount: DayCount;
  readonly disbursementDate: CivilDate;
  readonly firstPaymentDate: CivilDate;
  /** Months between payments: 1 monthly, 3 quarterly (按季). */
  readonly every: number;
  /** Months at the start during which only interest is paid (principal grace). */
  readonly graceMonths: number;
  readonly fees: readonly Fee[];
  /** flat-fee: the monthly fee as a rate on the original principal. */
  readonly monthlyFeeRate?: Rate;
  /** balloon: the final balloon (尾款). */
  readonly balloonAmount?: Fen;
  /** lease: the buy-out price (留购价) paid with the last rental. */
  readonly residualAmount?: Fen;
  /** lease: the security deposit (保证金) paid at signing, offset against the last payment. */
  readonly deposit?: Fen;
  readonly steps?: readonly Step[];
  /** subsidised/interest-free: the rate the customer pays (the subsidy makes up the rest). */
  readonly customerRate?: Rate;
}

export interface Installment {
  readonly n: number;
  readonly date: CivilDate;
  readonly payment: Fen;
  readonly principal: Fen;
  readonly interest: Fen;
  readonly fee: Fen;
  /** The part of `fee` that is a finance charge (counted in the APR). */
  readonly financeChargeFee: Fen;
  readonly balance: Fen;
}

export interface Schedule {
  readonly terms: LoanTerms;
  readonly installments: readonly Installment[];
  /** principal + financed fees: what the schedule amortises. */
  readonly noteAmount: Fen;
  /** What the borrower actually has the use of (Reg Z amount financed; PBoC 实际占用本金). */
  readonly amountFinanced: Fen;
  readonly totalInterest: Fen;
  /** Every fee: upfront, financed, periodic and flat monthly fees. */
  readonly totalFees: Fen;
  /** Interest plus the fees that are finance charges. */
  readonly financeCharge: Fen;
  /** Sum of installment payments. */
  readonly totalOfPayments: Fen;
  readonly upfrontCash: Fen;
  /** subsidised/interest-free: what the OEM/dealer pays the lender at disbursement. */
  readonly subsidy: Fen;
  /** lease: the deposit returned (offset) with the last payment. */
  readonly depositRefund: Fen;
}
