import { describe, expect, it } from 'vitest';
import { promotionDefinitionSchema, quoteRequestBodySchema, type QuoteOffer, type QuotesRequest } from '@autofin/contracts';
import { defaultPricingGrid } from '../pricing/default-grid.ts';
import { demoOemPromotion, demoProducts } from '../products/demo-catalogue.ts';
import type { LivePromotion } from '../promotions/match-promotion.ts';
import { valuationModelV1 } from '../vehicles/valuation-model.ts';
import { buildQuote, tierOfScore, type QuoteContext } from './build-quote.ts';

const ctx = (promotions: LivePromotion[] = []): QuoteContext => ({
  products: demoProducts.map((definition) => ({ version: 1, definition })),
  grid: defaultPricingGrid,
  promotions,
  today: '2026-11-22',
  valuationModel: valuationModelV1,
});
const quote = (req: QuotesRequest, c = ctx()) => buildQuote(quoteRequestBodySchema.parse(req), c);
const only = (req: QuotesRequest, c = ctx()): QuoteOffer => {
  const offers = quote(req, c).offers;
  expect(offers).toHaveLength(1);
  return offers[0]!;
};
const ice = { category: 'new-ice' as const, price: '200000' };

describe('buildQuote', () => {
  it.each([
    [950, 'A'], [750, 'A'], [749, 'B'], [700, 'B'], [699, 'C'], [650, 'C'], [649, 'D'], [600, 'D'], [599, 'E'], [300, 'E'],
  ] as const)('maps score %i to tier %s', (score, tier) => expect(tierOfScore(score)).toBe(tier));

  it('balloon loan: 30 % of the price at the end, the rest an annuity', () => {
    // 41 200 down: 158 800 + 1 200 GPS = 160 000 financed, LTV 80 % (band LTV80: LGD 35 %, +0.15).
    // EL = (1 − 0.996³) × 35 % ÷ (37/72 × 3) = 0.2713 %; 2.60 + 0.2713 + 0.60 + 0.80 + 0.15 = 4.4213 → 4.42,
    // + the product's 0.20 = 4.62 %. Payment (Python Decimal): (160000·(1+i)^36 − 60000)·i / ((1+i)^36 − 1), i = 4.62 %/12 → 3 211.06.
    const o = only({ vehicle: ice, downPayment: '41200', term: 36, productCode: 'BALLOON_LOAN', customer: { riskTier: 'A' } });
    expect(o.annualRate).toBe('4.62');
    expect(o.breakdown.map((l) => l.code)).toContain('PRODUCT_ADJUSTMENT');
    expect(o.finalPayment).toBe('60000.00');
    expect(o.monthlyPayment).toBe('3211.06');
    const last = o.installments.at(-1)!;
    expect(Number(last.payment)).toBeGreaterThan(60000);
    expect(last.balance).toBe('0.00');
  });

  it('flat-fee instalment: no interest, 0.25 % of the principal a month, APR by IRR', () => {
    // 120 000 over 24 months: 5 000 principal + 300 fee a month. IRR of 120 000 against 24 × 5 300
    // (Python Decimal bisection): 0.4714998712 % a month → 5.65799845 % a year (单利).
    const o = only({ vehicle: ice, downPayment: '80000', term: 24, productCode: 'FLAT_FEE_INSTALMENT' });
    expect(o.monthlyPayment).toBe('5300.00');
    expect(o.totalInterest).toBe('0.00');
    expect(o.totalFees).toBe('7200.00');
    expect(o.aprSimple).toBeCloseTo(5.65799845, 6);
    expect(o.disclosure.zh).toContain('按月手续费率0.25%');
  });

  it('OEM 0 % promotion: interest-free schedule, subsidy charged to the budget, only while the budget covers it', () => {
    const promo: LivePromotion = { id: '00000000-0000-4000-8000-000000000001', definition: demoOemPromotion, remainingFen: 100_000_000 };
    const req: QuotesRequest = { vehicle: { category: 'new-nev', price: '200000' }, downPayment: '61200', term: 36, productCode: 'NEV_LOAN', customer: { riskTier: 'A' } };
    const o = only(req, ctx([promo]));
    expect(o.method).toBe('interest-free');
    // 140 000 financed: 35 × 3 888.89 + 3 888.85.
    expect(o.monthlyPayment).toBe('3888.89');
    expect(o.totalInterest).toBe('0.00');
    expect(o.promotion?.budgetCost).toBe(o.subsidy?.amount);
    const cost = Math.round(Number(o.subsidy?.amount) * 100);
    expect(only(req, ctx([{ ...promo, remainingFen: cost }])).promotion?.id).toBe(promo.id);
    const short = only(req, ctx([{ ...promo, remainingFen: cost - 1 }]));
    expect(short.promotion).toBeNull();
    expect(short.method).toBe('equal-installment');
    // Not targeted at 48 months.
    expect(only({ ...req, term: 48 }, ctx([promo])).promotion).toBeNull();
  });

  it('waived fees and free months are costed to the budget', () => {
    const waive = promotionDefinitionSchema.parse({ ...demoOemPromotion, code: 'NO_GPS', kind: 'waived-fees', waivedFeeCodes: ['GPS'], target: { productCodes: ['NEW_CAR_LOAN'] } });
    const o = only({ vehicle: ice, downPayment: '60000', term: 36, productCode: 'NEW_CAR_LOAN' }, ctx([{ id: '00000000-0000-4000-8000-000000000002', definition: waive, remainingFen: 1e9 }]));
    expect(o.promotion?.budgetCost).toBe('1200.00');
    expect(o.noteAmount).toBe('140000.00');
    expect(o.fees[0]).toMatchObject({ code: 'GPS', waived: true });
    expect(o.totalFees).toBe('0.00');
    // No fee and no promotion cost: the APR is the nominal rate.
    expect(o.aprSimple).toBeCloseTo(Number(o.annualRate), 3);

    const free = promotionDefinitionSchema.parse({ ...demoOemPromotion, code: 'FREE3', kind: 'free-months', freeMonths: 3, target: { productCodes: ['NEW_CAR_LOAN'] } });
    const f = only({ vehicle: ice, downPayment: '61200', term: 36, productCode: 'NEW_CAR_LOAN', customer: { riskTier: 'A' } }, ctx([{ id: '00000000-0000-4000-8000-000000000003', definition: free, remainingFen: 1e9 }]));
    // 140 000 at 4.23 %: interest 493.50, then on 136 345.80 → 480.62, then on 132 678.72 → 467.69 (half-up to the fen).
    expect(f.installments.slice(0, 3).map((i) => i.interest)).toEqual(['0.00', '0.00', '0.00']);
    expect(f.promotion?.budgetCost).toBe('1441.81');
    expect(f.monthlyPayment).toBe('4147.70');
  });

  it('used cars: valued by age and mileage, LTV on the lower of value and price', () => {
    // 30 months, 45 000 km, mid ICE at 150 000 list: value about 59 % of list, below the 100 000 price.
    const res = quote({ vehicle: { category: 'used', price: '100000', listPrice: '150000', ageMonths: 30, mileageKm: 45000 }, downPayment: '40000', term: 24, productCode: 'USED_CAR_LOAN' });
    const value = Number(res.assumptions.vehicleValue);
    expect(value).toBeLessThan(100000);
    const o = res.offers[0]!;
    expect(Number(o.ltv)).toBeCloseTo((60000 / value) * 100, 2);
    expect(o.breakdown.find((l) => l.code === 'ADJ_USED_AGE')?.rate).toBe('0.3000');
    // The 1 % handling fee is paid in cash: amount financed is 600 less than the loan.
    expect(o.amountFinanced).toBe('59400.00');
    expect(o.upfrontCash).toBe('600.00');
  });

  it('sorts by total cost and lists ineligible combinations', () => {
    const res = quote({ vehicle: ice, downPayment: '60000', terms: [12, 60] });
    const costs = res.offers.map((o) => Number(o.totalCost));
    expect([...costs].sort((a, b) => a - b)).toEqual(costs);
    expect(res.ineligible.map((i) => `${i.productCode}:${i.term}:${i.reasons[0]!.code}`)).toEqual(
      expect.arrayContaining(['BALLOON_LOAN:12:TERM_NOT_ALLOWED', 'NEV_LOAN:null:CATEGORY_NOT_ELIGIBLE', 'TRADE_IN_LOAN:null:TRADE_IN_REQUIRED']),
    );
  });

  it('refuses bad input naming the field', () => {
    expect(() => quote({ vehicle: { ...ice, price: '500' }, downPayment: '0' })).toThrow(expect.objectContaining({ code: 'QUOTE_INVALID_INPUT', errors: [expect.objectContaining({ field: 'vehicle.price' })] }));
    expect(() => quote({ vehicle: ice, downPayment: '0', productCode: 'NEW_CAR_LOAN' })).toThrow(expect.objectContaining({ code: 'QUOTE_NOT_ELIGIBLE', errors: [expect.objectContaining({ field: 'downPayment' })] }));
  });
});
