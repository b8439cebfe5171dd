import type { CashFlows } from './cash-flow.ts';
import { termStart, timeFlows } from './regz.ts';
import { solveRate } from './solve-rate.ts';

export interface IrrResult {
  readonly monthlyRate: number;
  /** 12 × monthly IRR: the 单利 form of the annualised rate (PBoC 〔2021〕 No. 3). */
  readonly aprSimple: number;
  /** (1 + monthly IRR)^12 − 1: the 复利 form. */
  readonly aprCompound: number;
}

const MONTH = { kind: 'months', months: 1 } as const;

/**
 * The annualised rate of PBoC announcement 〔2021〕 No. 3: the IRR of the borrower's monthly cash
 * flows, counting every cost against the money actually in hand. Time is measured in months from
 * the first advance (odd days as days / 30) and discounted by compound interest throughout.
 */
export function irrApr(flows: CashFlows): IrrResult {
  const start = termStart(flows);
  const monthlyRate = solveRate(timeFlows(flows, MONTH, start), 'compound');
  return { monthlyRate, aprSimple: monthlyRate * 12, aprCompound: Math.pow(1 + monthlyRate, 12) - 1 };
}
