import { describe, expect, it } from 'vitest';
import { promotionDefinitionSchema, type PromotionDefinitionInput } from '@autofin/contracts';
import { promotionFitsMethod, promotionTargets, validatePromotion } from './match-promotion.ts';

const def = (over: Partial<PromotionDefinitionInput> = {}) =>
  promotionDefinitionSchema.parse({
    code: 'P1',
    name: { zh: '活动', en: 'Promo' },
    kind: 'zero-rate',
    payer: 'dealer',
    target: { productCodes: ['NEV_LOAN'], regions: ['广东'], terms: [12, 24] },
    startsOn: '2026-01-01',
    endsOn: '2026-12-31',
    budget: '1000.00',
    ...over,
  });
const ctx = { productCode: 'NEV_LOAN', category: 'new-nev' as const, region: '广东', term: 24, date: '2026-06-01' };

describe('promotion targeting', () => {
  it.each([
    ['matching everything', ctx, true],
    ['another product', { ...ctx, productCode: 'NEW_CAR_LOAN' }, false],
    ['another region', { ...ctx, region: '北京' }, false],
    ['no region given when one is targeted', { ...ctx, region: undefined }, false],
    ['a term not targeted', { ...ctx, term: 36 }, false],
    ['the first day', { ...ctx, date: '2026-01-01' }, true],
    ['the last day', { ...ctx, date: '2026-12-31' }, true],
    ['the day after', { ...ctx, date: '2027-01-01' }, false],
  ])('%s → %s', (_name, c, expected) => expect(promotionTargets(def(), c)).toBe(expected));

  it('empty target lists mean any', () => {
    expect(promotionTargets(def({ target: {} }), { ...ctx, productCode: 'X', region: undefined, term: 60, dealerId: '00000000-0000-4000-8000-000000000000' })).toBe(true);
  });

  it('rate promotions need an annuity; free months need interest', () => {
    expect(promotionFitsMethod(def(), 'equal-installment')).toBe(true);
    expect(promotionFitsMethod(def(), 'balloon')).toBe(false);
    expect(promotionFitsMethod(def({ kind: 'free-months', freeMonths: 3 }), 'flat-fee')).toBe(false);
    expect(promotionFitsMethod(def({ kind: 'waived-fees' }), 'lease')).toBe(true);
  });

  it('validates a definition naming the field', () => {
    expect(() => validatePromotion(def({ kind: 'free-months', freeMonths: 12 }))).toThrow(expect.objectContaining({ code: 'PROMOTION_INVALID', errors: [expect.objectContaining({ field: 'freeMonths' })] }));
    expect(() => validatePromotion(def({ budget: '0.00' }))).toThrow(expect.objectContaining({ errors: [expect.objectContaining({ field: 'budget' })] }));
    expect(() => validatePromotion(def())).not.toThrow();
  });
});
