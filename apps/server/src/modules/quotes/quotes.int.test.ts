import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { quotesResponseSchema, type QuoteOffer, type QuotesResponse } from '@autofin/contracts';
import { createTestApp, type TestApp } from '../../../test/test-app.ts';
import { seedDemoCatalogue } from '../products/seed-catalogue.ts';
import { getQuoteBytes } from './quote.repository.ts';

let t: TestApp;
let cookie: string;

/**
 * The promotions here run to the end of next year, so they are live whenever this runs (the year is
 * UTC's, the quotes' date China's: at most a day later). A fixed end (2027-12-31) ends them one day.
 */
const END_OF_NEXT_YEAR = `${new Date().getUTCFullYear() + 1}-12-31`;

/**
 * The 15th of next month (within the week back … 180 days ahead a quote accepts). Drawn on that day,
 * every installment falls on the 15th, so the auditor's whole months below are the engine's months.
 * Drawn on the 28th or 29th, a payment on 28 February is a month's last day, which Appendix J's
 * counting (docs/finance.md: month ends count back to month ends) times 1–2 days / 30 late: the APR
 * then differs from the auditor's by ~0.002 points, and the APR tests failed on quotes made on such
 * a day (today's date was the default disbursement date).
 */
function midNextMonth(): string {
  const now = new Date();
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 15)).toISOString().slice(0, 10);
}

beforeAll(async () => {
  t = await createTestApp();
  await seedDemoCatalogue(t.database);
  // The demo's OEM 0 % NEV promotion runs 2026-01-01 … 2027-06-30 (demo-catalogue.ts); the offers
  // below are quoted on the real date, so it is made to run to the end of next year.
  await t.database.query(`UPDATE promotions SET definition = jsonb_set(definition, '{endsOn}', to_jsonb($1::text)) WHERE code = 'OEM_NEV_0APR'`, [END_OF_NEXT_YEAR]);
  cookie = await t.login('marketing@autofin.local');
});
afterAll(async () => t.close());

let checked = 0;

/**
 * POST /api/quotes. The route sends the stored bytes, serialised in quote.service.ts rather than by
 * the route's serializer: every quote returned here must be, byte for byte, what that serializer
 * (parse against the contract, then JSON.stringify) sends.
 */
async function quote(body: unknown, c = cookie) {
  const res = await t.app.inject({ method: 'POST', url: '/api/quotes', headers: { cookie: c }, payload: body as Record<string, unknown> });
  if (res.statusCode === 200) {
    expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(res.body).toBe(JSON.stringify(quotesResponseSchema.parse(JSON.parse(res.body))));
    checked++;
  }
  return res;
}

afterAll(() => {
  expect(checked).toBeGreaterThan(5);
});

// A new ICE car at 200 000 yuan with 61 200 down: principal 138 800 + the financed 1 200-yuan
// GPS fee = 140 000 financed, an LTV of exactly 70 %, so docs/pricing.md's table (city tier 2,
// dealer channel, 36 months) gives the rate: tier A 4.23 %, tier E 8.31 %.
const ice = (tier: 'A' | 'E') => ({
  vehicle: { category: 'new-ice', make: 'Toyota', price: '200000.00' },
  downPayment: '61200.00',
  term: 36,
  productCode: 'NEW_CAR_LOAN',
  customer: { riskTier: tier, cityTier: 2 },
});

/** An auditor's IRR: bisection on the returned schedule, written here without the engine. */
function auditorApr(offer: QuoteOffer): number {
  const advance = Number(offer.amountFinanced);
  const nonFinanceChargePerInstallment = 0; // the demo products have no periodic non-finance-charge fees
  const deposit = offer.deposit ? Number(offer.deposit) : 0;
  const payments = offer.installments.map((i, k) => Number(i.payment) - nonFinanceChargePerInstallment - (k === offer.installments.length - 1 ? deposit : 0));
  const npv = (m: number) => payments.reduce((s, p, k) => s + p / (1 + m) ** (k + 1), 0) - advance;
  let lo = -0.5;
  let hi = 1;
  for (let k = 0; k < 200; k++) {
    const mid = (lo + hi) / 2;
    if (npv(mid) > 0) lo = mid;
    else hi = mid;
  }
  return ((lo + hi) / 2) * 12 * 100;
}

describe('POST /api/quotes', () => {
  it('prices a prime and a sub-prime customer differently, with the reasons', async () => {
    const prime = (await quote(ice('A'))).json<QuotesResponse>();
    const sub = (await quote(ice('E'))).json<QuotesResponse>();
    const a = prime.offers[0]!;
    const e = sub.offers[0]!;
    expect(a.annualRate).toBe('4.23');
    expect(e.annualRate).toBe('8.31');
    // Hand computation (Python Decimal, 50 digits): 140000 × i / (1 − (1 + i)^−36), i = rate / 12.
    expect(a.monthlyPayment).toBe('4147.70');
    expect(e.monthlyPayment).toBe('4407.14');
    expect(a.ltv).toBe('70.00');
    expect(a.noteAmount).toBe('140000.00');
    expect(a.amountFinanced).toBe('138800.00');
    expect(a.installments).toHaveLength(36);
    const el = (o: QuoteOffer) => o.breakdown.find((l) => l.code === 'EXPECTED_LOSS')!;
    // docs/pricing.md worked example: tier A, 36 months, LTV 70 %, new ICE → 0.2326 % a year.
    expect(el(a).rate).toBe('0.2326');
    expect(Number(el(e).rate)).toBeGreaterThan(4);
    expect(a.breakdown.reduce((s, l) => s + Number(l.rate), 0)).toBeCloseTo(4.23, 10);
    expect(a.pricing).toEqual({ grid: { id: 'cn-default', version: 1 }, riskTier: 'A', bound: null });
    expect(a.productVersion).toBe(1);
    expect(a.compliance.rulebookVersion).toBe('CN-AUTO-2024.04');
  });

  it('returns an APR an auditor recomputes from the schedule and the fees', async () => {
    const res = (await quote({ ...ice('A'), term: undefined, terms: [12, 36, 60], disbursementDate: midNextMonth() })).json<QuotesResponse>();
    for (const offer of res.offers) {
      const financedFinanceCharges = offer.fees.filter((f) => f.timing === 'financed' && f.financeCharge && !f.waived).reduce((s, f) => s + Number(f.amount), 0);
      const upfrontFinanceCharges = offer.fees.filter((f) => f.timing === 'upfront' && f.financeCharge && !f.waived).reduce((s, f) => s + Number(f.amount), 0);
      // The amount financed is what the borrower has in hand: the note less the finance charges in it or paid at signing.
      expect(Number(offer.amountFinanced)).toBeCloseTo(Number(offer.noteAmount) - financedFinanceCharges - upfrontFinanceCharges, 2);
      const sum = offer.installments.reduce((s, i) => s + Number(i.principal), 0);
      expect(sum).toBeCloseTo(Number(offer.noteAmount), 2);
      expect(offer.aprSimple).toBeCloseTo(auditorApr(offer), 6);
      // The GPS fee is a finance charge, so the APR is above the nominal rate.
      expect(offer.aprSimple).toBeGreaterThan(Number(offer.annualRate));
    }
  });

  it('lists every eligible product × term cheapest first and names the lowest payment and cost', async () => {
    const res = await quote({ vehicle: { category: 'new-nev', price: '250000' }, downPayment: '75000', terms: [12, 24, 36, 48], customer: { score: 720 } });
    expect(res.statusCode).toBe(200);
    const body = res.json<QuotesResponse>();
    expect(body.assumptions.riskTier).toBe('B');
    expect(body.assumptions.riskTierSource).toBe('score');
    const costs = body.offers.map((o) => Number(o.totalCost));
    expect([...costs].sort((x, y) => x - y)).toEqual(costs);
    expect(body.lowestTotalCost?.offerId).toBe(body.offers[0]!.offerId);
    const minMonthly = Math.min(...body.offers.map((o) => Number(o.monthlyPayment)));
    expect(Number(body.lowestMonthlyPayment?.amount)).toBe(minMonthly);
    // The OEM 0 % promotion applies to the NEV loan at 12–36 months: 0 % customer rate, a subsidy, a positive APR (the GPS fee).
    const promo = body.offers.find((o) => o.productCode === 'NEV_LOAN' && o.term === 24)!;
    expect(promo.method).toBe('interest-free');
    expect(promo.customerRate).toBe('0.00');
    expect(promo.totalInterest).toBe('0.00');
    expect(Number(promo.subsidy?.amount)).toBeGreaterThan(0);
    expect(promo.subsidy?.payer).toBe('oem');
    expect(promo.aprSimple).toBeGreaterThan(0);
    expect(promo.disclosure.zh).toContain('贴息');
    // Ineligible combinations are listed with reasons, not dropped.
    const balloon12 = body.ineligible.find((i) => i.productCode === 'BALLOON_LOAN' && i.term === 12);
    expect(balloon12?.reasons[0]?.code).toBe('TERM_NOT_ALLOWED');
    expect(body.ineligible.find((i) => i.productCode === 'USED_CAR_LOAN')?.reasons.map((r) => r.code)).toContain('CATEGORY_NOT_ELIGIBLE');
    const bundle = body.offers.find((o) => o.productCode === 'NEV_BUNDLE')!;
    expect(bundle.bundle?.items.map((i) => i.code)).toEqual(['CHARGING', 'MAINTENANCE', 'BATTERY_INSURANCE']);
    expect(bundle.bundle?.total).toBe('7200.00');
    expect(Number(bundle.bundle?.monthlyPaymentIncrease)).toBeGreaterThan(0);
    const battery = body.offers.find((o) => o.productCode === 'NEV_BATTERY_RENTAL' && o.term === 36)!;
    expect(battery.principal).toBe('105000.00'); // 250 000 − 75 000 down − 70 000 battery
    expect(battery.batteryRental).toEqual({ batteryPrice: '70000.00', monthlyRent: '728.00', totalRent: '26208.00' });
  });

  it('discloses the annualised rate first, labelled 单利, with total cost, fees, down payment and payments', async () => {
    const res = (await quote({ vehicle: { category: 'new-ice', price: '150000' }, downPayment: '30000', term: 24, productCode: 'FLAT_FEE_INSTALMENT', disbursementDate: midNextMonth() })).json<QuotesResponse>();
    const o = res.offers[0]!;
    const zh = o.disclosure.zh;
    const apr = o.aprSimple.toFixed(2);
    expect(zh.startsWith(`年化利率（单利）${apr}%`)).toBe(true);
    expect(zh.indexOf('年化利率')).toBeLessThan(zh.indexOf('手续费率'));
    expect(zh.indexOf('年化利率')).toBeLessThan(zh.indexOf('首期还款'));
    for (const text of [`首付${o.downPayment}元`, '共24期', `费用合计${o.totalFees}元`, `融资总成本${o.totalCost}元`]) expect(zh).toContain(text);
    expect(o.disclosure.en.startsWith(`Annualised rate (APR, simple, 单利): ${apr}%`)).toBe(true);
    // 0.25 % a month on 120 000 = 300 a month, 7 200 over 24 months: a flat "3 % a year" is an APR of about 5.6 %.
    expect(o.installments[0]!.fee).toBe('300.00');
    expect(o.totalFees).toBe('7200.00');
    expect(o.aprSimple).toBeGreaterThan(5.5);
    expect(o.aprSimple).toBeCloseTo(auditorApr(o), 6);
  });

  it('takes a trade-in as down payment under the trade-in programme', async () => {
    const res = await quote({
      vehicle: { category: 'new-ice', price: '200000' },
      downPayment: '20000',
      tradeIn: { appraisedValue: '60000', outstandingLoan: '15000' },
      term: 36,
      productCode: 'TRADE_IN_LOAN',
    });
    const o = res.json<QuotesResponse>().offers[0]!;
    expect(o.downPayment).toBe('65000.00');
    expect(o.principal).toBe('135000.00');
    expect(o.tradeIn).toEqual({ appraisedValue: '60000.00', outstandingLoan: '15000.00', equity: '45000.00', oldLoanPrepaymentPenaltyWaived: true });
    expect(o.prepayment).toEqual({ type: 'trade-in' });
  });

  it('lists an LTV above the used-car limit as ineligible and refuses when nothing fits', async () => {
    const used = { vehicle: { category: 'used', price: '100000', listPrice: '180000', ageMonths: 30, mileageKm: 45000 }, downPayment: '31000', term: 36 };
    const ok = (await quote(used)).json<QuotesResponse>();
    expect(ok.assumptions.valuation?.modelVersion).toBeTruthy();
    // Valued above its price (about 59 % of 180 000), so the LTV is on the price: 69 000 of 100 000 is within the 70 % limit.
    expect(ok.assumptions.vehicleValue).toBe('100000.00');
    expect(ok.offers.find((o) => o.productCode === 'USED_CAR_LOAN')?.ltv).toBe('69.00');
    // The bundle finances a 3 600-yuan warranty on top: 72.6 % is above the limit.
    const bundle = ok.ineligible.find((i) => i.productCode === 'USED_CAR_BUNDLE' && i.term === 36);
    expect(bundle?.reasons.map((r) => r.code)).toEqual(['LTV_ABOVE_LIMIT', 'RULEBOOK_LTV']);
    expect(bundle?.reasons[1]?.message).toContain('CN-AUTO-2024.04, 《关于调整汽车贷款有关政策的通知》');

    const breach = await quote({ ...used, downPayment: '31000', productCode: 'USED_CAR_BUNDLE' });
    expect(breach.statusCode).toBe(422);
    expect(breach.headers['content-type']).toContain('application/problem+json');
    const p = breach.json<{ code: string; errors: { field: string; message: string }[] }>();
    expect(p.code).toBe('QUOTE_NOT_ELIGIBLE');
    expect(p.errors.map((e) => e.field)).toContain('downPayment');
  });

  it.each([
    ['a negative price', { vehicle: { category: 'new-ice', price: '-1.00' }, downPayment: '0' }, 400, 'vehicle.price'],
    ['an absurd price', { vehicle: { category: 'new-ice', price: '900000000.00' }, downPayment: '0' }, 400, 'vehicle.price'],
    ['a price that is not money', { vehicle: { category: 'new-ice', price: 'lots' }, downPayment: '0' }, 400, 'vehicle.price'],
    ['three decimals', { vehicle: { category: 'new-ice', price: '100000.001' }, downPayment: '0' }, 400, 'vehicle.price'],
    ['a down payment above the price', { vehicle: { category: 'new-ice', price: '100000' }, downPayment: '100000.01' }, 400, 'downPayment'],
    ['an unknown category', { vehicle: { category: 'tractor', price: '100000' }, downPayment: '30000' }, 400, 'vehicle.category'],
    ['an unknown product', { vehicle: { category: 'new-ice', price: '100000' }, downPayment: '30000', productCode: 'NO_SUCH_PRODUCT' }, 400, 'productCode'],
    ['a term the product does not allow', { vehicle: { category: 'new-ice', price: '100000' }, downPayment: '30000', productCode: 'NEW_CAR_LOAN', term: 18 }, 422, 'term'],
    ['a term above the rulebook', { vehicle: { category: 'new-ice', price: '100000' }, downPayment: '30000', productCode: 'NEW_CAR_LOAN', term: 72 }, 422, 'term'],
    ['a down payment below the minimum', { vehicle: { category: 'new-ice', price: '100000' }, downPayment: '1000', productCode: 'NEW_CAR_LOAN' }, 422, 'downPayment'],
    ['a used car without its age', { vehicle: { category: 'used', price: '80000' }, downPayment: '30000' }, 400, 'vehicle.ageMonths'],
    ['a used car too old', { vehicle: { category: 'used', price: '80000', ageMonths: 130, mileageKm: 90000 }, downPayment: '30000', productCode: 'USED_CAR_LOAN' }, 422, 'vehicle.ageMonths'],
    ['negative trade-in equity', { vehicle: { category: 'new-ice', price: '100000' }, downPayment: '30000', tradeIn: { appraisedValue: '20000', outstandingLoan: '30000' } }, 400, 'tradeIn.outstandingLoan'],
    ['a fuel that contradicts the category', { vehicle: { category: 'new-nev', price: '100000', fuel: 'ICE' }, downPayment: '30000' }, 400, 'vehicle.fuel'],
    ['a term of zero', { vehicle: { category: 'new-ice', price: '100000' }, downPayment: '30000', term: 0 }, 400, 'term'],
    ['a disbursement date long past', { vehicle: { category: 'new-ice', price: '100000' }, downPayment: '30000', disbursementDate: '2020-01-01' }, 400, 'disbursementDate'],
    ['an impossible date', { vehicle: { category: 'new-ice', price: '100000' }, downPayment: '30000', disbursementDate: '2026-02-30' }, 400, 'disbursementDate'],
    ['an unknown field type', { vehicle: { category: 'new-ice', price: 100000 }, downPayment: '30000' }, 400, 'vehicle.price'],
  ])('refuses %s with a problem naming the field', async (_name, body, status, field) => {
    const res = await quote(body);
    expect(res.statusCode).toBe(status);
    expect(res.headers['content-type']).toContain('application/problem+json');
    const p = res.json<{ status: number; errors?: { field: string }[] }>();
    expect(p.status).toBe(status);
    expect(p.errors?.map((e) => e.field)).toContain(field);
  });

  it('needs a session, keeps the quote, and returns it by id', async () => {
    expect((await quote(ice('A'), '')).statusCode).toBe(401);
    const sent = await quote(ice('A'));
    const res = sent.json<QuotesResponse>();
    const stored = await t.app.inject({ method: 'GET', url: `/api/quotes/${res.quoteId}`, headers: { cookie } });
    expect(stored.statusCode).toBe(200);
    expect(stored.json<{ response: QuotesResponse }>().response).toEqual(res);
    // Byte for byte: the stored record is what the client received.
    expect(JSON.stringify(stored.json<{ response: QuotesResponse }>().response)).toBe(sent.body);
    expect((await getQuoteBytes(t.database.db, res.quoteId)).bytes).toBe(sent.body);
    const [row] = await t.database.query<{ response: unknown; gz: unknown; head: string; sha: string; price: string; monthly: string; total: string }>(
      `SELECT response, response_gz AS gz, response_head AS head, body_sha256 AS sha, vehicle_price_fen::text AS price, lowest_monthly_payment_fen::text AS monthly,
              lowest_total_cost_fen::text AS total FROM quotes WHERE id = $1`,
      [res.quoteId],
    );
    expect(row).toMatchObject({ response: null, gz: null, price: '20000000', monthly: String(Math.round(Number(res.lowestMonthlyPayment!.amount) * 100)), total: String(Math.round(Number(res.lowestTotalCost!.amount) * 100)) });
    // The head names this quote; the rest of the bytes, as a JSON object of their own, hash to the stored key.
    const head = `{"quoteId":"${res.quoteId}","quotedAt":"${res.quotedAt}",`;
    expect(sent.body.startsWith(head)).toBe(true);
    expect(row!.head).toBe(head);
    expect(row!.sha).toBe(createHash('sha256').update(`{${sent.body.slice(head.length)}`).digest('hex'));
  });

  it('stores the content of identical quotes once, each quote with its own id, and reads each back as it was sent', async () => {
    const body = { ...ice('A'), downPayment: '62000.00' };
    const [before] = await t.database.query<{ n: number }>(`SELECT count(*)::int AS n FROM quote_bodies`);
    // Concurrent requests: the writer puts them into as few statements as it can (group commit).
    const sent = await Promise.all(Array.from({ length: 12 }, () => quote(body)));
    const other = await quote({ ...body, downPayment: '63000.00' });
    const ids = sent.map((r) => r.json<QuotesResponse>().quoteId);
    expect(new Set(ids).size).toBe(12);
    const [after] = await t.database.query<{ n: number }>(`SELECT count(*)::int AS n FROM quote_bodies`);
    expect(after!.n - before!.n).toBe(2);
    const rows = await t.database.query<{ n: number; shas: number }>(`SELECT count(*)::int AS n, count(DISTINCT body_sha256)::int AS shas FROM quotes WHERE id = ANY($1::uuid[])`, [ids]);
    expect(rows[0]).toEqual({ n: 12, shas: 1 });
    for (const r of [...sent, other]) expect((await getQuoteBytes(t.database.db, r.json<QuotesResponse>().quoteId)).bytes).toBe(r.body);
  });

  it('refuses to return a stored quote whose content no longer matches its SHA-256', async () => {
    const sent = await quote({ ...ice('A'), downPayment: '64000.00' });
    const { quoteId } = sent.json<QuotesResponse>();
    const [row] = await t.database.query<{ sha: string }>(`SELECT body_sha256 AS sha FROM quotes WHERE id = $1`, [quoteId]);
    const head = `{"quoteId":"${quoteId}","quotedAt":"${sent.json<QuotesResponse>().quotedAt}",`;
    const altered = `{${sent.body.slice(head.length)}`.replace('"term":36', '"term":37');
    await t.database.query(`UPDATE quote_bodies SET body_gz = $1 WHERE sha256 = $2`, [gzipSync(altered), row!.sha]);
    const res = await t.app.inject({ method: 'GET', url: `/api/quotes/${quoteId}`, headers: { cookie } });
    expect(res.statusCode).toBe(500);
    await expect(getQuoteBytes(t.database.db, quoteId)).rejects.toThrow(/fails its SHA-256 check/);
  });

  it('returns a quote stored before compression (jsonb response) as it was', async () => {
    const res = (await quote(ice('A'))).json<QuotesResponse>();
    const id = '00000000-0000-4000-8000-00000000a003';
    await t.database.query(
      `INSERT INTO quotes (id, created_at, created_by, channel, request, response, grid_id, grid_version, rulebook_version, offer_count, vehicle_price_fen)
       VALUES ($1, now(), NULL, 'console', $2, $3, 'g', 1, 'r', $4, 20000000)`,
      [id, JSON.stringify(ice('A')), JSON.stringify({ ...res, quoteId: id }), res.offers.length],
    );
    const stored = await t.app.inject({ method: 'GET', url: `/api/quotes/${id}`, headers: { cookie } });
    expect(stored.statusCode).toBe(200);
    expect(stored.json<{ response: QuotesResponse }>().response).toEqual({ ...res, quoteId: id });
  });
  it('returns a quote stored as per-quote gzip (migrations 0003–0016) as it was', async () => {
    const sent = await quote(ice('E'));
    const res = sent.json<QuotesResponse>();
    const id = '00000000-0000-4000-8000-00000000a017';
    const bytes = sent.body.replace(res.quoteId, id);
    await t.database.query(
      `INSERT INTO quotes (id, created_at, created_by, channel, request, response_gz, grid_id, grid_version, rulebook_version, offer_count, vehicle_price_fen)
       VALUES ($1, now(), NULL, 'console', $2, $3, 'g', 1, 'r', $4, 20000000)`,
      [id, JSON.stringify(ice('E')), gzipSync(bytes), res.offers.length],
    );
    expect((await getQuoteBytes(t.database.db, id)).bytes).toBe(bytes);
  });

  it('returns a quote as it was sent after a promotion changes what the same request is quoted', async () => {
    const compliance = await t.login('compliance@autofin.local');
    const body = { ...ice('A'), downPayment: '65000.00' };
    const first = await quote(body);
    const firstQuote = first.json<QuotesResponse>();
    expect(firstQuote.offers[0]!.promotion).toBeNull();
    const def = {
      code: 'QUOTES_STORED_AS_SENT',
      name: { zh: '燃油车0息', en: '0 % on ICE cars' },
      kind: 'zero-rate',
      payer: 'oem',
      target: { productCodes: ['NEW_CAR_LOAN'], terms: [36] },
      startsOn: '2026-01-01',
      endsOn: END_OF_NEXT_YEAR,
      budget: '1000000.00',
    };
    const created = await t.app.inject({ method: 'POST', url: '/api/promotions', headers: { cookie }, payload: def });
    expect(created.statusCode).toBe(201);
    const promoId = created.json<{ id: string }>().id;
    expect((await t.app.inject({ method: 'POST', url: `/api/promotions/${promoId}/submit`, headers: { cookie } })).statusCode).toBe(200);
    expect((await t.app.inject({ method: 'POST', url: `/api/promotions/${promoId}/approve`, headers: { cookie: compliance } })).statusCode).toBe(200);
    try {
      // The same request is now quoted at 0 % (the promotions cache was dropped by the approval) …
      const second = (await quote(body)).json<QuotesResponse>();
      expect(second.offers[0]!.promotion?.code).toBe('QUOTES_STORED_AS_SENT');
      expect(second.offers[0]!.annualRate).toBe(firstQuote.offers[0]!.annualRate);
      expect(second.offers[0]!.monthlyPayment).not.toBe(firstQuote.offers[0]!.monthlyPayment);
      // … and the first quote still reads back as the bytes its client received.
      expect((await getQuoteBytes(t.database.db, firstQuote.quoteId)).bytes).toBe(first.body);
      const stored = await t.app.inject({ method: 'GET', url: `/api/quotes/${firstQuote.quoteId}`, headers: { cookie } });
      expect(JSON.stringify(stored.json<{ response: QuotesResponse }>().response)).toBe(first.body);
    } finally {
      await t.app.inject({ method: 'POST', url: `/api/promotions/${promoId}/end`, headers: { cookie } });
    }
    // Ended: the request is quoted without it again.
    expect((await quote(body)).json<QuotesResponse>().offers[0]!.promotion).toBeNull();
  });
});
