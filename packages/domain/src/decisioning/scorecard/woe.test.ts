import { describe, expect, it } from 'vitest';
import { woeIv } from './woe.ts';

describe('weight of evidence and information value', () => {
  it('matches a hand-computed 3-bin table', () => {
    // goods 40/30/30 of G = 100, bads 5/10/35 of B = 50.
    // bin 1: %g .40, %b .10 → WOE ln 4 = 1.3862943611, IV .30 × WOE = 0.4158883083
    // bin 2: %g .30, %b .20 → WOE ln 1.5 = 0.4054651081, IV .10 × WOE = 0.0405465108
    // bin 3: %g .30, %b .70 → WOE ln(3/7) = −0.8472978604, IV −.40 × WOE = 0.3389191442
    const r = woeIv([
      { goods: 40, bads: 5 },
      { goods: 30, bads: 10 },
      { goods: 30, bads: 35 },
    ]);
    expect(r.woe[0]).toBeCloseTo(1.3862943611, 9);
    expect(r.woe[1]).toBeCloseTo(0.4054651081, 9);
    expect(r.woe[2]).toBeCloseTo(-0.8472978604, 9);
    expect(r.iv[0]).toBeCloseTo(0.4158883083, 9);
    expect(r.iv[1]).toBeCloseTo(0.0405465108, 9);
    expect(r.iv[2]).toBeCloseTo(0.3389191442, 9);
    expect(r.totalIv).toBeCloseTo(0.7953539633, 9);
  });

  it('2 × 2 table: WOE is the log of the share ratios', () => {
    // goods 60/40, bads 10/30: WOE ln((.6)/(.25)) = ln 2.4, ln((.4)/(.75)) = ln(8/15).
    const r = woeIv([
      { goods: 60, bads: 10 },
      { goods: 40, bads: 30 },
    ]);
    expect(r.woe[0]).toBeCloseTo(Math.log(2.4), 12);
    expect(r.woe[1]).toBeCloseTo(Math.log(8 / 15), 12);
    expect(r.totalIv).toBeCloseTo(0.35 * Math.log(2.4) + -0.35 * Math.log(8 / 15), 12);
  });

  it('smoothing keeps a pure bin finite and gives an empty bin WOE 0', () => {
    const r = woeIv(
      [
        { goods: 50, bads: 0 },
        { goods: 50, bads: 50 },
        { goods: 0, bads: 0 },
      ],
      2,
    );
    expect(Number.isFinite(r.woe[0])).toBe(true);
    expect(r.woe[0]).toBeGreaterThan(0);
    expect(r.woe[2]).toBeCloseTo(0, 12);
    const raw = woeIv([{ goods: 50, bads: 0 }, { goods: 50, bads: 50 }]);
    expect(raw.woe[0]).toBe(Number.POSITIVE_INFINITY);
  });
});
