// Benchmark of the finance engine against @formulajs/formulajs (the spreadsheet functions most
// JavaScript calculators use), on identical inputs in the same run:
//   1. schedules: a 60-month annuity with an upfront fee and a monthly fee — ours: buildSchedule;
//      formulajs: PMT plus IPMT/PPMT for each period;
//   2. APR solves: ours: irrApr on the schedule's dated cash flows (and solveRate on the bare
//      values); formulajs: IRR on the same monthly values.
// Then the answers are compared: the payment, every period's interest and principal to the fen,
// and the monthly rate to 1e-8.
//
//   npx tsx bench/finance/finance.bench.ts [--time 1000]
import * as formulajs from '@formulajs/formulajs';
import { Bench } from 'tinybench';
import {
  buildSchedule,
  irrApr,
  parseDate,
  parsePercentRate,
  scheduleCashFlows,
  solveRate,
  type CashFlows,
  type LoanTerms,
  type Schedule,
  type TimedFlows,
} from '@autofin/domain';

const TERM = 60;
const LOANS = 64;
const timeArg = process.argv.indexOf('--time');
const time = timeArg > 0 ? Number(process.argv[timeArg + 1]) : 1000;

/** Deterministic inputs (a fixed LCG): principals 50 000–450 000 yuan, rates 2.99%–14.99%. */
function makeLoans(): LoanTerms[] {
  let seed = 20260115;
  const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  return Array.from({ length: LOANS }, () => {
    const principal = Math.round(50_000_00 + next() * 400_000_00);
    const rate = (2.99 + Math.floor(next() * 1200) / 100).toFixed(2);
    return {
      principal,
      annualRate: parsePercentRate(rate),
      term: TERM,
      method: 'equal-installment',
      dayCount: '30/360',
      disbursementDate: parseDate('2026-01-15'),
      firstPaymentDate: parseDate('2026-02-15'),
      every: 1,
      graceMonths: 0,
      fees: [
        { name: 'service fee', amount: 1500_00, timing: 'upfront', financeCharge: true },
        { name: 'GPS fee', amount: 30_00, timing: 'periodic', financeCharge: true },
      ],
    } satisfies LoanTerms;
  });
}

const loans = makeLoans();
const yuan = (fen: number) => fen / 100;
const annualOf = (t: LoanTerms) => t.annualRate.num / t.annualRate.den;

interface SpreadsheetRow {
  payment: number;
  interest: number;
  principal: number;
}

/** The spreadsheet way: PMT once, then IPMT and PPMT per period (plus the flat monthly fee). */
function formulajsSchedule(t: LoanTerms): SpreadsheetRow[] {
  const i = annualOf(t) / 12;
  const pv = -yuan(t.principal);
  const fee = yuan(t.fees.find((f) => f.timing === 'periodic')?.amount ?? 0);
  const payment = formulajs.PMT(i, TERM, pv) as number;
  const rows: SpreadsheetRow[] = [];
  for (let per = 1; per <= TERM; per++) {
    rows.push({ payment: payment + fee, interest: formulajs.IPMT(i, per, TERM, pv) as number, principal: formulajs.PPMT(i, per, TERM, pv) as number });
  }
  return rows;
}

const schedules: Schedule[] = loans.map((t) => buildSchedule(t));
const cashFlows: CashFlows[] = schedules.map((s) => scheduleCashFlows(s));
const values: number[][] = cashFlows.map((f) => [yuan(f.advances[0]?.amount ?? 0), ...f.payments.map((p) => -yuan(p.amount))]);
const timed: TimedFlows[] = values.map((v) => ({
  amounts: Float64Array.from(v),
  t: Float64Array.from(v, (_, k) => k),
  f: new Float64Array(v.length),
}));

// ---- equality ---------------------------------------------------------------------------------
const fen = (x: number) => Math.round(x * 100);
let paymentMismatch = 0;
let rowMismatch = 0;
let rows = 0;
let maxRowDiff = 0;
let maxRateDiff = 0;
let anchoredRows = 0;
let anchoredMismatch = 0;
for (let k = 0; k < LOANS; k++) {
  const ours = schedules[k]!.installments;
  const theirs = formulajsSchedule(loans[k]!);
  if (fen(theirs[0]!.payment) !== ours[0]!.payment) paymentMismatch += 1;
  // Every period but the last (ours absorbs the rounding residue there by design).
  for (let p = 0; p < TERM - 1; p++) {
    rows += 1;
    const di = Math.abs(fen(theirs[p]!.interest) - ours[p]!.interest);
    const dp = Math.abs(fen(theirs[p]!.principal) - ours[p]!.principal);
    maxRowDiff = Math.max(maxRowDiff, di, dp);
    if (di !== 0 || dp !== 0) rowMismatch += 1;
  }
  // Same inputs period by period: formulajs's interest on our opening balance of each period
  // (IPMT of period 1 of the remaining loan) must be ours to the fen.
  let opening = loans[k]!.principal;
  for (let p = 0; p < TERM; p++) {
    const i = annualOf(loans[k]!) / 12;
    const theirsInterest = fen(formulajs.IPMT(i, 1, TERM - p, -yuan(opening)) as number);
    anchoredRows += 1;
    if (theirsInterest !== ours[p]!.interest) anchoredMismatch += 1;
    opening = ours[p]!.balance;
  }
  const rateOurs = irrApr(cashFlows[k]!).monthlyRate;
  const rateTheirs = formulajs.IRR(values[k]!) as number;
  maxRateDiff = Math.max(maxRateDiff, Math.abs(rateOurs - rateTheirs), Math.abs(solveRate(timed[k]!, 'compound') - rateTheirs));
}

// ---- throughput -------------------------------------------------------------------------------
let sink = 0;
const bench = new Bench({ time, warmupTime: 200 });
let idx = 0;
const nextLoan = () => (idx = (idx + 1) % LOANS);
bench
  .add('autofin buildSchedule', () => {
    sink += buildSchedule(loans[nextLoan()]!).totalInterest;
  })
  .add('formulajs PMT+IPMT+PPMT', () => {
    sink += formulajsSchedule(loans[nextLoan()]!)[0]!.interest;
  })
  .add('autofin irrApr (dated flows)', () => {
    sink += irrApr(cashFlows[nextLoan()]!).monthlyRate;
  })
  .add('autofin solveRate (values)', () => {
    sink += solveRate(timed[nextLoan()]!, 'compound');
  })
  .add('formulajs IRR', () => {
    sink += formulajs.IRR(values[nextLoan()]!) as number;
  });
await bench.run();

const hz = (name: string) => bench.tasks.find((t) => t.name === name)?.result?.throughput.mean ?? Number.NaN;
const fmt = (x: number) => Math.round(x).toLocaleString('en-US');
const ours = hz('autofin buildSchedule');
const theirs = hz('formulajs PMT+IPMT+PPMT');
const irrOurs = hz('autofin irrApr (dated flows)');
const solveOurs = hz('autofin solveRate (values)');
const irrTheirs = hz('formulajs IRR');

console.log(`finance bench: ${LOANS} loans of ${TERM} months with an upfront and a monthly fee, ${time} ms per task (node ${process.version})`);
console.table(
  bench.tasks.map((t) => ({ task: t.name, 'ops/s': fmt(t.result?.throughput.mean ?? 0), 'µs/op': (1e6 / (t.result?.throughput.mean ?? Number.NaN)).toFixed(2) })),
);
console.log(`schedules/s   autofin ${fmt(ours)}  formulajs ${fmt(theirs)}  ratio ${(ours / theirs).toFixed(1)}x`);
console.log(`APR solves/s  autofin ${fmt(irrOurs)} (dated) / ${fmt(solveOurs)} (values)  formulajs ${fmt(irrTheirs)}  ratio ${(irrOurs / irrTheirs).toFixed(1)}x / ${(solveOurs / irrTheirs).toFixed(1)}x`);
console.log(
  `equality      interest on the same opening balance (IPMT per period): ${anchoredRows - anchoredMismatch}/${anchoredRows} periods identical to the fen`,
);
console.log(
  `              payment to the fen: ${LOANS - paymentMismatch}/${LOANS}; spreadsheet schedule (unrounded payment) vs ours: ${rows - rowMismatch}/${rows} periods identical, max diff ${maxRowDiff} fen; monthly rate max |diff| ${maxRateDiff.toExponential(2)} (${maxRateDiff < 1e-8 ? 'within' : 'OUTSIDE'} 1e-8)`,
);
if (sink === 42) console.log('');
