// Display formatting for the console. Money arrives as decimal strings ("12345.67", yuan) and
// is formatted as text: it is never parsed into a binary float, so no fen is ever lost.

const MONEY_PATTERN = /^(-?)(\d+)(?:\.(\d+))?$/;

/** Groups the digits of a non-negative integer string in thousands: "1234567" → "1,234,567". */
export function groupThousands(digits: string): string {
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/**
 * Formats a decimal money string with thousands separators and exactly two places:
 * "1234567.8" → "¥1,234,567.80". Returns the input unchanged if it is not a decimal number.
 */
export function formatMoney(amount: string, options: { symbol?: boolean } = {}): string {
  const match = MONEY_PATTERN.exec(amount.trim());
  if (!match) return amount;
  const [, sign = '', whole = '0', fraction = ''] = match;
  const integer = groupThousands(whole.replace(/^0+(?=\d)/, ''));
  const cents = (fraction + '00').slice(0, 2);
  // Amounts on the wire have two places; a longer fraction is truncated visibly rather than
  // rounded, because rounding is the domain's job, not the console's.
  const symbol = options.symbol === false ? '' : '¥';
  return `${sign}${symbol}${integer}.${cents}`;
}

/** Parses a decimal money string into integer fen (BigInt), or null if it is not one. */
export function toFen(amount: string): bigint | null {
  const match = MONEY_PATTERN.exec(amount.trim());
  if (!match) return null;
  const [, sign = '', whole = '0', fraction = ''] = match;
  if (fraction.length > 2) return null;
  const fen = BigInt(whole) * 100n + BigInt((fraction + '00').slice(0, 2));
  return sign === '-' ? -fen : fen;
}

/** Divides fen by 10^exponent yuan and renders it with `places` decimals, rounded half-up. */
function scaled(fen: bigint, exponent: number, places: number): string {
  const negative = fen < 0n;
  const abs = negative ? -fen : fen;
  // value in units of 10^exponent yuan = abs / (100 * 10^exponent); keep `places` decimals.
  const divisor = 100n * 10n ** BigInt(exponent);
  const scale = 10n ** BigInt(places);
  const rounded = (abs * scale * 2n + divisor) / (divisor * 2n); // half-up
  const whole = rounded / scale;
  const frac = (rounded % scale).toString().padStart(places, '0');
  const text = places > 0 ? `${groupThousands(whole.toString())}.${frac}` : groupThousands(whole.toString());
  return negative ? `-${text}` : text;
}

export type Locale = 'zh-CN' | 'en-US';

/**
 * A short form for large amounts: 万/亿 in Chinese ("12.35 亿"), K/M/B in English ("¥1.24B").
 * Used beside the exact figure, never instead of it where the exact amount matters.
 */
export function formatMoneyCompact(amount: string, locale: Locale): string {
  const fen = toFen(amount);
  if (fen === null) return amount;
  const abs = fen < 0n ? -fen : fen;
  if (locale === 'zh-CN') {
    if (abs >= 100n * 10n ** 8n) return `¥${scaled(fen, 8, 2)} 亿`;
    if (abs >= 100n * 10n ** 4n) return `¥${scaled(fen, 4, 2)} 万`;
    return formatMoney(amount);
  }
  if (abs >= 100n * 10n ** 9n) return `¥${scaled(fen, 9, 2)}B`;
  if (abs >= 100n * 10n ** 6n) return `¥${scaled(fen, 6, 2)}M`;
  if (abs >= 100n * 10n ** 3n) return `¥${scaled(fen, 3, 1)}K`;
  return formatMoney(amount);
}

/**
 * Yuan → 万元 as a plain number, for chart geometry only (bar heights, axis ticks).
 * Tooltips and labels show the exact string through formatMoney.
 */
export function toWanForChart(amount: string): number {
  const fen = toFen(amount);
  if (fen === null) return 0;
  return Number(fen) / 1_000_000;
}

export function formatCount(value: number, locale: Locale): string {
  return new Intl.NumberFormat(locale).format(value);
}

/** A 0..1 share as a percentage with two places: 0.0345 → "3.45%". */
export function formatRate(share: number): string {
  if (!Number.isFinite(share)) return '–';
  return `${(share * 100).toFixed(2)}%`;
}
