import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BurnDown, Promotion, PromotionDefinitionInput, QuotesResponse, Reservation } from '@autofin/contracts';
import { createTestApp, type TestApp } from '../../../test/test-app.ts';
import { seedDemoCatalogue } from '../products/seed-catalogue.ts';

let t: TestApp;
let marketing: string;
let compliance: string;
let admin: string;
let dealerOps: string;

beforeAll(async () => {
  t = await createTestApp();
  await seedDemoCatalogue(t.database);
  [marketing, compliance, admin, dealerOps] = await Promise.all([
    t.login('marketing@autofin.local'),
    t.login('compliance@autofin.local'),
    t.login('admin@autofin.local'),
    t.login('dealer_ops@autofin.local'),
  ]);
});
afterAll(async () => t.close());

const post = (url: string, cookie: string, payload?: unknown) =>
  t.app.inject({ method: 'POST', url, headers: { cookie }, ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }) });

// The quote of quotes.int.test.ts: 140 000 financed on a 200 000 ICE car at 4.23 % (tier A, 36 months).
const iceQuote = {
  vehicle: { category: 'new-ice', price: '200000.00' },
  downPayment: '61200.00',
  term: 36,
  productCode: 'NEW_CAR_LOAN',
  customer: { riskTier: 'A', cityTier: 2 },
};
// Customer installments at 0 %: 35 × 3 888.89 and a last of 3 888.85. Discounted at the lender's
// 4.23 % / 12 they are worth 131 264.27, so the OEM pays 8 735.73 (Python Decimal, 60 digits).
const SUBSIDY = '8735.73';

/**
 * The test promotions run to the end of next year, so they are live on the day the quotes ask for
 * them whenever this runs (a fixed 2027-12-31 would end them all on 2028-01-01; the year is UTC's,
 * and the quotes' date China's, which is at most a day later).
 */
const END_OF_NEXT_YEAR = `${new Date().getUTCFullYear() + 1}-12-31`;

const zeroRate = (code: string, budget: string): PromotionDefinitionInput => ({
  code,
  name: { zh: '燃油车0息', en: '0 % on ICE cars' },
  kind: 'zero-rate',
  payer: 'oem',
  target: { productCodes: ['NEW_CAR_LOAN'], terms: [36] },
  startsOn: '2026-01-01',
  endsOn: END_OF_NEXT_YEAR,
  budget,
});

async function quote(): Promise<QuotesResponse> {
  const res = await post('/api/quotes', dealerOps, iceQuote);
  expect(res.statusCode).toBe(200);
  return res.json<QuotesResponse>();
}

async function launch(def: PromotionDefinitionInput): Promise<Promotion> {
  const created = await post('/api/promotions', marketing, def);
  expect(created.statusCode).toBe(201);
  const id = created.json<Promotion>().id;
  expect((await post(`/api/promotions/${id}/submit`, marketing)).statusCode).toBe(200);
  const approved = await post(`/api/promotions/${id}/approve`, compliance);
  expect(approved.statusCode).toBe(200);
  return approved.json<Promotion>();
}

describe('promotions', () => {
  it('applies only after a second person approves it (four eyes), and says who did what in the audit log', async () => {
    const created = (await post('/api/promotions', marketing, zeroRate('FOUR_EYES', '100000.00'))).json<Promotion>();
    expect(created.status).toBe('draft');
    expect((await quote()).offers[0]!.promotion).toBeNull();

    expect((await post(`/api/promotions/${created.id}/approve`, compliance)).json<{ code: string }>().code).toBe('PROMOTION_WRONG_STATE');
    expect((await post(`/api/promotions/${created.id}/submit`, marketing)).statusCode).toBe(200);
    expect((await post(`/api/promotions/${created.id}/approve`, marketing)).statusCode).toBe(403);
    expect((await quote()).offers[0]!.promotion).toBeNull();

    // An admin may approve, but not a promotion of their own.
    const own = (await post('/api/promotions', admin, zeroRate('ADMIN_OWN', '1000.00'))).json<Promotion>();
    await post(`/api/promotions/${own.id}/submit`, admin);
    const self = await post(`/api/promotions/${own.id}/approve`, admin);
    expect(self.statusCode).toBe(403);
    expect(self.json<{ code: string }>().code).toBe('PROMOTION_SELF_APPROVAL');

    const approved = await post(`/api/promotions/${created.id}/approve`, compliance);
    expect(approved.json<Promotion>().status).toBe('approved');
    const offer = (await quote()).offers[0]!;
    expect(offer.promotion?.code).toBe('FOUR_EYES');
    expect(offer.subsidy).toEqual({ amount: SUBSIDY, payer: 'oem' });
    expect(offer.promotion?.budgetCost).toBe(SUBSIDY);
    expect(offer.monthlyPayment).toBe('3888.89');
    expect(offer.installments.at(-1)?.payment).toBe('3888.85');
    // The fee still costs: 0 % with a financed 1 200-yuan GPS fee has a positive APR.
    expect(offer.aprSimple).toBeGreaterThan(0.5);

    const audit = await t.app.inject({ method: 'GET', url: `/api/audit?entityId=${created.id}`, headers: { cookie: admin } });
    const actions = audit.json<{ items: { action: string; actorLabel: string }[] }>().items.map((i) => `${i.action} ${i.actorLabel}`);
    expect(actions).toEqual(['promotion.approved compliance@autofin.local', 'promotion.submitted marketing@autofin.local', 'promotion.created marketing@autofin.local']);
    await post(`/api/promotions/${created.id}/end`, marketing);
  });

  it('refuses an inconsistent definition naming the field', async () => {
    const res = await post('/api/promotions', marketing, { ...zeroRate('BAD_DATES', '100.00'), startsOn: '2027-01-01', endsOn: '2026-01-01' });
    expect(res.statusCode).toBe(422);
    expect(res.json<{ errors: { field: string }[] }>().errors.map((e) => e.field)).toEqual(['endsOn']);
    const reduced = await post('/api/promotions', marketing, { ...zeroRate('BAD_KIND', '100.00'), kind: 'reduced-rate' });
    expect(reduced.json<{ errors: { field: string }[] }>().errors.map((e) => e.field)).toEqual(['rateReductionPercent']);
  });

  it('lets exactly as many concurrent take-ups through as the budget covers, and then stops applying', async () => {
    // A budget for exactly ten subsidies.
    const budget = (Number(SUBSIDY) * 10).toFixed(2);
    const promo = await launch(zeroRate('CONCURRENT', budget));
    const quotes = await Promise.all(Array.from({ length: 50 }, () => quote()));
    for (const q of quotes) expect(q.offers[0]!.promotion?.id).toBe(promo.id);

    const results = await Promise.all(quotes.map((q) => post(`/api/promotions/${promo.id}/reservations`, dealerOps, { quoteId: q.quoteId, offerId: q.offers[0]!.offerId })));
    const ok = results.filter((r) => r.statusCode === 201);
    const refused = results.filter((r) => r.statusCode !== 201);
    expect(ok).toHaveLength(10);
    expect(refused).toHaveLength(40);
    for (const r of refused) {
      expect(r.statusCode).toBe(409);
      expect(r.json<{ code: string }>().code).toBe('PROMOTION_BUDGET_EXHAUSTED');
    }
    const rows = await t.database.query<{ spent: string; budget: string; n: string; sum: string }>(
      `SELECT p.spent_fen::text AS spent, p.budget_fen::text AS budget,
              (SELECT count(*) FROM promotion_reservations r WHERE r.promotion_id = p.id)::text AS n,
              (SELECT coalesce(sum(amount_fen), 0) FROM promotion_reservations r WHERE r.promotion_id = p.id)::text AS sum
         FROM promotions p WHERE p.id = $1`,
      [promo.id],
    );
    expect(rows[0]).toEqual({ spent: '8735730', budget: '8735730', n: '10', sum: '8735730' });
    expect(Math.max(...ok.map((r) => Number(r.json<Reservation>().spentAfter)))).toBe(Number(budget));

    // Spent: the promotion no longer applies, and the quote goes back to the priced rate.
    const after = (await quote()).offers[0]!;
    expect(after.promotion).toBeNull();
    expect(after.annualRate).toBe('4.23');
    expect(after.method).toBe('equal-installment');

    const burnRes = await t.app.inject({ method: 'GET', url: `/api/promotions/${promo.id}/burn-down?bucket=hour`, headers: { cookie: marketing } });
    expect(burnRes.statusCode).toBe(200);
    const burn = burnRes.json<BurnDown>();
    expect(burn.points.at(-1)).toMatchObject({ cumulativeSpent: budget, remaining: '0.00' });
    expect(burn.points.reduce((s, p) => s + p.reservations, 0)).toBe(10);
    const listed = (await t.app.inject({ method: 'GET', url: `/api/promotions/${promo.id}`, headers: { cookie: marketing } })).json<Promotion>();
    expect(listed).toMatchObject({ spent: budget, remaining: '0.00', reservations: 10, live: false });
  });

  it('takes up an offer once per quote and only an offer that carries the promotion', async () => {
    const promo = await launch(zeroRate('ONCE', '100000.00'));
    const q = await quote();
    const offerId = q.offers[0]!.offerId;
    expect((await post(`/api/promotions/${promo.id}/reservations`, dealerOps, { quoteId: q.quoteId, offerId })).statusCode).toBe(201);
    const again = await post(`/api/promotions/${promo.id}/reservations`, dealerOps, { quoteId: q.quoteId, offerId });
    expect(again.statusCode).toBe(409);
    expect(again.json<{ code: string }>().code).toBe('CONFLICT');
    const p = (await t.app.inject({ method: 'GET', url: `/api/promotions/${promo.id}`, headers: { cookie: marketing } })).json<Promotion>();
    expect(p.spent).toBe(SUBSIDY);

    const other = await post(`/api/promotions/${promo.id}/reservations`, dealerOps, { quoteId: q.quoteId, offerId: 'NO_SUCH-1-x' });
    expect(other.statusCode).toBe(404);
    await post(`/api/promotions/${promo.id}/end`, compliance);
    const ended = await post(`/api/promotions/${promo.id}/reservations`, dealerOps, { quoteId: (await quote()).quoteId, offerId });
    expect(ended.statusCode).toBe(422);
  });
});
