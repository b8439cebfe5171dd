import { describe, expect, it } from 'vitest';
import { ageAtMaturity, ageOn } from './age.ts';

describe('ageOn / ageAtMaturity', () => {
  it('counts whole years: the birthday must have come', () => {
    expect(ageOn('2008-11-22', '2026-11-22')).toBe(18);
    expect(ageOn('2008-11-23', '2026-11-22')).toBe(17);
    expect(ageOn('1990-05-15', '2026-11-22')).toBe(36);
  });
  it('reaches a 29 February birthday on 1 March in a common year', () => {
    expect(ageOn('2008-02-29', '2026-02-28')).toBe(17);
    expect(ageOn('2008-02-29', '2026-03-01')).toBe(18);
  });
  it('takes the age at the last instalment: 36 months after 2026-11-22 is 2029-11-22', () => {
    expect(ageAtMaturity('1964-11-22', '2026-11-22', 36)).toBe(65);
    // Born 1963-11-23: on 2029-11-22 the 66th birthday is a day away.
    expect(ageAtMaturity('1963-11-23', '2026-11-22', 36)).toBe(65);
    expect(ageAtMaturity('1963-11-22', '2026-11-22', 36)).toBe(66);
  });
});
