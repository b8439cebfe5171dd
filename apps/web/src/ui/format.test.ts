import { describe, expect, it } from 'vitest';
import { formatMoney, formatMoneyCompact, formatRate, groupThousands, toFen } from './format.ts';

// Expected strings are written out by hand from the amounts, not produced by the code.
describe('formatMoney', () => {
  it.each([
    ['0.00', '¥0.00'],
    ['5.00', '¥5.00'],
    ['999.99', '¥999.99'],
    ['1000.00', '¥1,000.00'],
    ['1234567.80', '¥1,234,567.80'],
    ['1234567.8', '¥1,234,567.80'],
    ['1234567', '¥1,234,567.00'],
    ['-1234.50', '-¥1,234.50'],
    // 9,999,999,999,999.99 is beyond 2^53 fen: a float would print 10,000,000,000,000.00.
    ['9999999999999.99', '¥9,999,999,999,999.99'],
    ['0012.30', '¥12.30'],
  ])('%s → %s', (input, expected) => {
    expect(formatMoney(input)).toBe(expected);
  });

  it('leaves text that is not a number alone', () => {
    expect(formatMoney('n/a')).toBe('n/a');
  });

  it('can omit the symbol', () => {
    expect(formatMoney('1234.50', { symbol: false })).toBe('1,234.50');
  });
});

describe('groupThousands', () => {
  it.each([
    ['1', '1'],
    ['123', '123'],
    ['1234', '1,234'],
    ['123456', '123,456'],
    ['1234567', '1,234,567'],
  ])('%s → %s', (input, expected) => expect(groupThousands(input)).toBe(expected));
});

describe('toFen', () => {
  it('is exact for amounts a float cannot hold', () => {
    expect(toFen('9999999999999.99')).toBe(999999999999999n);
    expect(toFen('0.10')).toBe(10n);
    expect(toFen('-3.05')).toBe(-305n);
    expect(toFen('1.234')).toBeNull();
  });
});

describe('formatMoneyCompact', () => {
  it.each([
    // 1,234,567,890.12 yuan = 12.3456789012 亿 → 12.35 亿 (half-up on the third place)
    ['1234567890.12', 'zh-CN', '¥12.35 亿'],
    // 123,450,000.00 yuan = 1.2345 亿 → 1.23 亿: half-up looks at the third place (4), not at the 5 after it
    ['123450000.00', 'zh-CN', '¥1.23 亿'],
    // 1,235,000.00 yuan = 123.5 万 → 123.50 万
    ['1235000.00', 'zh-CN', '¥123.50 万'],
    // 12,345.67 yuan = 1.234567 万 → 1.23 万
    ['12345.67', 'zh-CN', '¥1.23 万'],
    ['9999.99', 'zh-CN', '¥9,999.99'],
    // 1,234,567,890.12 yuan = 1.23456789012 B → ¥1.23B
    ['1234567890.12', 'en-US', '¥1.23B'],
    // 2,345,000 yuan = 2.345 M → half-up → ¥2.35M
    ['2345000.00', 'en-US', '¥2.35M'],
    ['12345.00', 'en-US', '¥12.3K'],
  ] as const)('%s (%s) → %s', (input, locale, expected) => {
    expect(formatMoneyCompact(input, locale)).toBe(expected);
  });
});

describe('formatRate', () => {
  it.each([
    [0, '0.00%'],
    [0.0345, '3.45%'],
    [0.1, '10.00%'],
    [1, '100.00%'],
  ])('%s → %s', (input, expected) => expect(formatRate(input)).toBe(expected));
});
