import { DomainError } from '../shared/domain-error.ts';
import type { IsoDate } from '../finance/dates.ts';
import { compareDates, parseDate } from '../finance/dates.ts';
import type { Fen } from '../finance/money.ts';
import type { AutoLoanRulebook, RuleSource, VehicleCategory } from './auto-loan-rulebook.ts';
import { AUTO_LOAN_RULEBOOKS } from './auto-loan-rulebook.ts';

/** The rulebook in force on a date. */
export function rulebookOn(date: IsoDate, books: readonly AutoLoanRulebook[] = AUTO_LOAN_RULEBOOKS): AutoLoanRulebook {
  const day = parseDate(date, 'date');
  let current: AutoLoanRulebook | undefined;
  for (const book of books) if (compareDates(parseDate(book.effectiveFrom), day) <= 0 && (!current || book.effectiveFrom > current.effectiveFrom)) current = book;
  if (!current) throw new DomainError('FINANCE_INVALID_INPUT', `no auto-loan rulebook is in force on ${date}`, [{ field: 'date', message: 'predates the rulebook' }]);
  return current;
}

export interface AutoLoanCheckInput {
  readonly category: VehicleCategory;
  /** Vehicle price (excluding taxes, fees and insurance, as the rules define it). */
  readonly vehiclePrice: Fen;
  readonly loanAmount: Fen;
  readonly termMonths: number;
  readonly date: IsoDate;
  /** The institution's own maximum for categories the rules leave to it (percent). */
  readonly institutionMaxPercent?: number;
}

export interface AutoLoanViolation {
  readonly field: 'loanAmount' | 'termMonths';
  readonly message: string;
  readonly source: RuleSource | { readonly title: 'institution policy' };
}

export interface AutoLoanVerdict {
  readonly ok: boolean;
  readonly rulebookVersion: string;
  readonly maxLoan: Fen | null;
  readonly maxMonths: number;
  readonly violations: readonly AutoLoanViolation[];
}

/** Checks a loan against the maximum loan-to-value and term in force on its date, with reasons. */
export function checkAutoLoan(input: AutoLoanCheckInput): AutoLoanVerdict {
  const book = rulebookOn(input.date);
  const violations: AutoLoanViolation[] = [];
  const ltv = book.ltv.find((r) => r.category === input.category);
  const percent = ltv?.maxPercent ?? input.institutionMaxPercent ?? null;
  // Exact: loan × 100 ≤ price × percent, in integers (percent may have decimals: scale by 1e4).
  const maxLoan = percent === null ? null : Math.floor((input.vehiclePrice * Math.round(percent * 1e4)) / 1e6);
  if (maxLoan !== null && input.loanAmount > maxLoan) {
    violations.push({
      field: 'loanAmount',
      message: `exceeds ${percent}% of the vehicle price for ${input.category}`,
      source: ltv?.maxPercent != null ? ltv.source : { title: 'institution policy' },
    });
  }
  const term = book.terms.find((t) => t.loan === (input.category === 'used' ? 'used-vehicle' : 'new-vehicle'));
  const maxMonths = term?.maxMonths ?? 60;
  if (term && input.termMonths > term.maxMonths) {
    violations.push({ field: 'termMonths', message: `exceeds the ${term.maxMonths}-month maximum for ${term.loan} loans`, source: term.source });
  }
  return { ok: violations.length === 0, rulebookVersion: book.version, maxLoan, maxMonths, violations };
}
