// Conversions the quote forms need between what a user types and what the API takes. Money
// stays in integer fen (BigInt) from the input box to the request: never a binary float.
import type { Bilingual } from '@autofin/contracts';
import { toFen } from '../../ui/format.ts';
import type { Locale } from '../../ui/format.ts';

/** A non-negative amount as typed: digits with at most two decimals. */
export const MONEY_INPUT = /^\d{1,13}(\.\d{1,2})?$/;
/** A percent as typed: up to three integer digits and four decimals. */
export const PERCENT_INPUT = /^\d{1,3}(\.\d{1,4})?$/;

/** Integer fen → "12345.67". */
export function fenToAmount(fen: bigint): string {
  const negative = fen < 0n;
  const abs = negative ? -fen : fen;
  const text = `${abs / 100n}.${(abs % 100n).toString().padStart(2, '0')}`;
  return negative ? `-${text}` : text;
}

/** "12345.6" → "12345.60"; null when it is not an amount. */
export function normaliseAmount(amount: string | null | undefined): string | null {
  if (amount === null || amount === undefined) return null;
  const text = String(amount).trim();
  if (!MONEY_INPUT.test(text)) return null;
  const fen = toFen(text);
  return fen === null ? null : fenToAmount(fen);
}

/** percent % of an amount, rounded half-up to the fen: ("200000", "20") → "40000.00". */
export function percentOfAmount(amount: string, percent: string): string | null {
  const normal = normaliseAmount(amount);
  if (normal === null || !PERCENT_INPUT.test(percent.trim())) return null;
  const fen = toFen(normal);
  if (fen === null) return null;
  const [whole = '0', fraction = ''] = percent.trim().split('.');
  const scaled = BigInt(whole) * 10_000n + BigInt((fraction + '0000').slice(0, 4)); // percent × 10⁴
  const divisor = 100n * 10_000n;
  return fenToAmount((fen * scaled * 2n + divisor) / (divisor * 2n));
}

/** Compares two wire amounts exactly (for sorting): negative when a < b. */
export function compareAmounts(a: string, b: string): number {
  const x = toFen(a) ?? 0n;
  const y = toFen(b) ?? 0n;
  return x < y ? -1 : x > y ? 1 : 0;
}

/** The name in the user's language. */
export function bi(text: Bilingual | null | undefined, locale: Locale): string {
  if (!text) return '';
  return locale === 'zh-CN' ? text.zh : text.en;
}

/** An APR (percent number to 1e-8) as the screens show it: two places. */
export function formatApr(apr: number): string {
  return Number.isFinite(apr) ? `${apr.toFixed(2)}%` : '–';
}

/** A percent string from the API ("4.2300") shown with two places at least. */
export function formatPercentText(percent: string): string {
  const match = /^(-?)(\d+)(?:\.(\d+))?$/.exec(percent.trim());
  if (!match) return percent;
  const [, sign = '', whole = '0', fraction = ''] = match;
  const trimmed = fraction.replace(/0+$/, '');
  return `${sign}${whole}.${trimmed.length >= 2 ? trimmed : (trimmed + '00').slice(0, 2)}%`;
}
