import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { divRoundHalfUp, formatMoney, mulDivRound, parseMoney } from './money.ts';

describe('money', () => {
  it.each([
    ['12345.67', 1234567],
    ['100', 10000],
    ['0.5', 50],
    ['0.05', 5],
    ['-3.10', -310],
    ['9999999999999.99', 999999999999999],
  ])('parses %s to %i fen', (text, fen) => {
    expect(parseMoney(text)).toBe(fen);
  });

  it.each(['1.234', 'abc', '', '1e5', '--1'])('rejects %s naming the field', (text) => {
    expect(() => parseMoney(text, 'principal')).toThrowError(/principal/);
  });

  it.each([
    [1234567, '12345.67'],
    [5, '0.05'],
    [0, '0.00'],
    [-310, '-3.10'],
    [100, '1.00'],
  ])('formats %i fen as %s', (fen, text) => {
    expect(formatMoney(fen)).toBe(text);
  });

  it('rounds halves away from zero (ROUND_HALF_UP)', () => {
    expect(divRoundHalfUp(5n, 2n)).toBe(3n);
    expect(divRoundHalfUp(-5n, 2n)).toBe(-3n);
    expect(divRoundHalfUp(4n, 3n)).toBe(1n);
    expect(mulDivRound(100000_00, 45, 12000)).toBe(375_00); // 100000 × 4.5% / 12 = 375.00
    expect(mulDivRound(1, 1, 2)).toBe(1);
  });

  it('mulDivRound equals the exact bigint rounding on either path', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -1e13, max: 1e13 }),
        fc.integer({ min: 0, max: 1e9 }),
        fc.integer({ min: 1, max: 1e12 }),
        (a, b, c) => mulDivRound(a, b, c) === Number(divRoundHalfUp(BigInt(a) * BigInt(b), BigInt(c))),
      ),
    );
  });

  it('format and parse round-trip', () => {
    fc.assert(fc.property(fc.integer({ min: -(1e15 - 1), max: 1e15 - 1 }), (fen) => parseMoney(formatMoney(fen)) === fen));
  });
});
