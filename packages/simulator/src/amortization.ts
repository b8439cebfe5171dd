/**
 * Level-payment (annuity) schedules in exact integer arithmetic on fen: the instalment is
 * P·r·(1+r)^n / ((1+r)^n − 1) with r = rate_bp / 120000, rounded half-up to the fen; each month's
 * interest is balance × r rounded half-up; the last instalment repays the remaining balance, so
 * it absorbs the rounding residue (DESIGN.md rule 2). No binary floating point touches money.
 */
export interface Installment {
  no: number;
  principalFen: number;
  interestFen: number;
  amountFen: number;
  /** Balance after this instalment. */
  balanceFen: number;
}

const BASE = 120_000n;
const powCache = new Map<string, [bigint, bigint]>();

function powers(rateBp: number, n: number): [bigint, bigint] {
  const key = `${rateBp}:${n}`;
  let hit = powCache.get(key);
  if (!hit) {
    hit = [(BASE + BigInt(rateBp)) ** BigInt(n), BASE ** BigInt(n)];
    powCache.set(key, hit);
  }
  return hit;
}

function divHalfUp(num: bigint, den: bigint): bigint {
  return (2n * num + den) / (2n * den);
}

export function levelInstallmentFen(principalFen: number, rateBp: number, termMonths: number): number {
  if (!Number.isSafeInteger(principalFen) || principalFen <= 0) throw new Error('principal must be a positive integer number of fen');
  if (!Number.isInteger(termMonths) || termMonths <= 0) throw new Error('term must be a positive integer');
  if (rateBp === 0) return Number(divHalfUp(BigInt(principalFen), BigInt(termMonths)));
  const [an, bn] = powers(rateBp, termMonths);
  return Number(divHalfUp(BigInt(principalFen) * BigInt(rateBp) * an, BASE * (an - bn)));
}

export function schedule(principalFen: number, rateBp: number, termMonths: number): Installment[] {
  const payment = levelInstallmentFen(principalFen, rateBp, termMonths);
  const out: Installment[] = [];
  let balance = principalFen;
  for (let no = 1; no <= termMonths; no++) {
    const interest = Number(divHalfUp(BigInt(balance) * BigInt(rateBp), BASE));
    const principal = no === termMonths ? balance : Math.min(balance, payment - interest);
    balance -= principal;
    out.push({ no, principalFen: principal, interestFen: interest, amountFen: principal + interest, balanceFen: balance });
  }
  return out;
}
