import { PDecimal } from './decimal.ts';

export interface ExpectedLossInput {
  /** 12-month probability of default, percent ("1.00"). */
  pd12mPercent: string;
  /** Loss given default, percent of the balance at default ("35.00"). */
  lgdPercent: string;
  termMonths: number;
}

export interface ExpectedLoss {
  /** Probability of default over the whole term: 1 − (1 − PD₁₂)^(term/12), as a fraction. */
  lifetimePd: PDecimal;
  /** Lifetime loss as a fraction of the amount financed: lifetime PD × LGD. */
  lifetimeLoss: PDecimal;
  /** Average outstanding balance as a fraction of the amount financed, times the term in years. */
  balanceYears: PDecimal;
  /** The annual rate (percent points, rounded half-up to 4 places) that pays for the lifetime loss. */
  annualRatePercent: PDecimal;
}

/**
 * Expected loss as an annual rate. The tier's 12-month PD compounds to a lifetime PD (a constant
 * yearly hazard); times the LGD it gives the lifetime loss per yuan lent. The rate charged only
 * earns on the balance still outstanding, so the loss is spread over the loan's balance-years:
 * the average balance of a loan repaying equal principal each month, (n + 1) / 2n of the amount
 * financed (the balance at the start of months 1..n), times n / 12 years. An annuity's average
 * balance is slightly higher, so this errs on the side of charging a little more.
 */
export function expectedLoss(input: ExpectedLossInput): ExpectedLoss {
  const n = input.termMonths;
  const pd = new PDecimal(input.pd12mPercent).div(100);
  const lgd = new PDecimal(input.lgdPercent).div(100);
  const lifetimePd = new PDecimal(1).minus(new PDecimal(1).minus(pd).pow(new PDecimal(n).div(12)));
  const lifetimeLoss = lifetimePd.mul(lgd);
  const balanceYears = new PDecimal(n + 1).div(2 * n).mul(new PDecimal(n).div(12));
  const annualRatePercent = lifetimeLoss.div(balanceYears).mul(100).toDecimalPlaces(4, PDecimal.ROUND_HALF_UP);
  return { lifetimePd, lifetimeLoss, balanceYears, annualRatePercent };
}
