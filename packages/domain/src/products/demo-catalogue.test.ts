import { describe, expect, it } from 'vitest';
import { demoOemPromotion, demoOemPromotionOn } from './demo-catalogue.ts';

describe('demoOemPromotionOn', () => {
  // Hand-worked: twelve months after the seeding day's month, that month's last day — unless the
  // catalogue's own end (2027-06-30) is later.
  it.each([
    ['2026-05-10', '2027-06-30'], // May 2027 ends 05-31, before the catalogue's end: unchanged
    ['2026-06-30', '2027-06-30'], // June 2027 ends on the catalogue's end itself
    ['2026-11-23', '2027-11-30'], // November 2027 has 30 days
    ['2027-07-01', '2028-07-31'], // the first day the fixed promotion would already have ended
    ['2027-02-28', '2028-02-29'], // February 2028 is a leap month
    ['2028-01-31', '2029-01-31'],
  ])('seeded on %s runs to %s', (today, endsOn) => {
    const p = demoOemPromotionOn(today);
    expect(p.endsOn).toBe(endsOn);
    expect(p.startsOn).toBe(demoOemPromotion.startsOn);
    expect({ ...p, endsOn: demoOemPromotion.endsOn }).toEqual(demoOemPromotion);
  });

  it('refuses a day that is not a date, naming it', () => {
    expect(() => demoOemPromotionOn('2027-13-01')).toThrow(/today/);
  });
});
