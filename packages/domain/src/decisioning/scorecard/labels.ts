import type { LocalizedText, ScorecardBin } from '@autofin/contracts';

/** A bound as people write it: at most six significant digits, no trailing zeros. */
export function formatBound(value: number): string {
  return String(Number(value.toPrecision(6)));
}

function listCategories(categories: readonly string[], joiner: string, more: (n: number) => string): string {
  const shown = categories.slice(0, 6);
  const rest = categories.length - shown.length;
  return shown.join(joiner) + (rest > 0 ? more(rest) : '');
}

/** The bin's condition in both languages, e.g. "85 to under 120" / "85 至 120（不含）". */
export function binLabel(bin: Pick<ScorecardBin, 'kind' | 'lower' | 'upper' | 'categories'>): LocalizedText {
  if (bin.kind === 'missing') return { en: 'missing', zh: '缺失' };
  if (bin.kind === 'categories') {
    if (bin.categories.length === 0) return { en: 'other', zh: '其他' };
    return {
      en: listCategories(bin.categories, ', ', (n) => ` and ${n} more`),
      zh: listCategories(bin.categories, '、', (n) => ` 等另 ${n} 项`),
    };
  }
  const { lower, upper } = bin;
  if (lower === null && upper === null) return { en: 'any value', zh: '任意值' };
  if (lower === null) return { en: `below ${formatBound(upper as number)}`, zh: `低于 ${formatBound(upper as number)}` };
  if (upper === null) return { en: `${formatBound(lower)} or more`, zh: `不低于 ${formatBound(lower)}` };
  return { en: `${formatBound(lower)} to under ${formatBound(upper)}`, zh: `${formatBound(lower)} 至 ${formatBound(upper)}（不含）` };
}

/**
 * A plain reason sentence from the characteristic's name and the applicant's bin, e.g.
 * "Income is below 85" / "Income 低于 85", "Home is rent, other" / "Home 为 rent、other".
 */
export function reasonText(characteristic: string, bin: Pick<ScorecardBin, 'kind' | 'lower' | 'upper' | 'categories'>): LocalizedText {
  const label = binLabel(bin);
  if (bin.kind === 'missing') return { en: `${characteristic} is missing`, zh: `${characteristic} 缺失` };
  if (bin.kind === 'categories') return { en: `${characteristic} is ${label.en}`, zh: `${characteristic} 为 ${label.zh}` };
  if (bin.lower !== null && bin.upper !== null) {
    return {
      en: `${characteristic} is ${label.en}`,
      zh: `${characteristic} 在 ${formatBound(bin.lower)} 至 ${formatBound(bin.upper)} 之间（不含 ${formatBound(bin.upper)}）`,
    };
  }
  return { en: `${characteristic} is ${label.en}`, zh: `${characteristic} ${label.zh}` };
}
