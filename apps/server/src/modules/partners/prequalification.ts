import { randomUUID } from 'node:crypto';
import type { Database } from '@autofin/db';
import { quoteRequestBodySchema, type PrequalificationBody, type PrequalificationResponse, type RiskTier } from '@autofin/contracts';
import { buildQuote, parseMoney, valuationModelV1, type SellableProduct } from '@autofin/domain';
import { getActiveGrid } from '../pricing/pricing.repository.ts';
import { sellableProducts } from '../products/product.repository.ts';
import { livePromotions } from '../promotions/promotion.repository.ts';
import { businessDate } from '../quotes/business-date.ts';

export const PREQUALIFICATION_VERSION = 'prequal-2026.11.1';

/**
 * Self-reported credit → the tier the offers are priced at. Without a bureau file a customer is
 * priced one notch below what they claim (nothing verifies it yet); "unknown" is priced mid-table.
 */
const TIER_OF: Record<PrequalificationBody['applicant']['selfReportedCredit'], RiskTier> = { excellent: 'B', good: 'C', fair: 'D', poor: 'E', unknown: 'C' };
/** Debt-to-income (instalment + existing debts) ÷ income, percent: at or under LIKELY an application likely passes affordability, over POSSIBLE it likely fails. */
const DTI_LIKELY_PERMILLE = 400;
const DTI_POSSIBLE_PERMILLE = 550;

/**
 * A soft check: no bureau query, nothing stored on the customer's file, no quote stored. The quote
 * engine prices every eligible offer at the indicative tier; each offer is kept only when its
 * instalment fits the declared income; the outcome is how a full application would probably end.
 */
export async function prequalify(database: Database, body: PrequalificationBody, filter: ((p: SellableProduct) => boolean) | undefined, dealerId: string | undefined, now = new Date()): Promise<PrequalificationResponse> {
  const today = businessDate(now);
  const tier = TIER_OF[body.applicant.selfReportedCredit];
  const [products, grid, promotions] = await Promise.all([sellableProducts(database.db, today), getActiveGrid(database.db), livePromotions(database.db)]);
  const request = quoteRequestBodySchema.parse({
    vehicle: body.vehicle,
    downPayment: body.downPayment,
    ...(body.term !== undefined ? { term: body.term } : {}),
    customer: { riskTier: tier, ...(body.applicant.cityTier !== undefined ? { cityTier: body.applicant.cityTier } : {}) },
    channel: 'dealer',
    ...(dealerId ? { dealerId } : {}),
  });
  const quote = buildQuote(request, { products: filter ? products.filter(filter) : products, grid, promotions, today, valuationModel: valuationModelV1 });
  // Integer fen; debt-to-income in per mille, rounded up (a borderline case is not flattered).
  const income = parseMoney(body.applicant.monthlyIncome);
  const debts = parseMoney(body.applicant.monthlyDebtPayments);
  const reasons: PrequalificationResponse['reasons'] = [{ code: 'TIER_FROM_SELF_REPORT', detail: `priced at tier ${tier} from the self-reported credit "${body.applicant.selfReportedCredit}"; a full application checks the bureau` }];
  const offers = quote.offers
    .map((o) => {
      const dti = income === 0 ? Number.POSITIVE_INFINITY : Math.ceil(((parseMoney(o.monthlyPayment) + debts) * 1000) / income);
      return { o, dti };
    })
    .filter(({ dti }) => dti <= DTI_POSSIBLE_PERMILLE)
    .sort((a, b) => parseMoney(a.o.totalCost) - parseMoney(b.o.totalCost))
    .slice(0, 10)
    .map(({ o, dti }) => ({
      productCode: o.productCode,
      productName: o.productName,
      term: o.term,
      annualRate: o.annualRate,
      apr: o.aprSimple.toFixed(2),
      monthlyPayment: o.monthlyPayment,
      totalCost: o.totalCost,
      debtToIncomePercent: `${Math.floor(dti / 10)}.${dti % 10}`,
    }));
  let outcome: PrequalificationResponse['outcome'];
  if (quote.offers.length === 0) {
    outcome = 'unlikely';
    reasons.push({ code: 'NO_ELIGIBLE_PRODUCT', detail: quote.ineligible.map((i) => `${i.productCode}: ${i.reasons.map((r) => r.message).join(', ')}`).join('; ').slice(0, 1000) || 'no product finances this vehicle and deal' });
  } else if (offers.length === 0) {
    outcome = 'unlikely';
    reasons.push({ code: 'AFFORDABILITY', detail: `every offer's instalment plus existing debts is over ${DTI_POSSIBLE_PERMILLE / 10} % of the declared income` });
  } else {
    const best = Math.min(...offers.map((o) => Number(o.debtToIncomePercent)));
    const goodTier = tier === 'A' || tier === 'B' || tier === 'C';
    outcome = best * 10 <= DTI_LIKELY_PERMILLE && goodTier ? 'likely' : 'possible';
    reasons.push({ code: 'AFFORDABILITY', detail: `lowest debt-to-income ${best.toFixed(1)} % (likely ≤ ${DTI_LIKELY_PERMILLE / 10} %, possible ≤ ${DTI_POSSIBLE_PERMILLE / 10} %)` });
  }
  return {
    id: randomUUID(),
    outcome,
    indicativeTier: tier,
    offers,
    reasons,
    softCheck: true,
    versions: { prequalification: PREQUALIFICATION_VERSION, quote: `grid ${quote.versions.grid.id} v${quote.versions.grid.version}, rulebook ${quote.versions.rulebook}` },
    note: {
      zh: '预审结果仅供参考：未查询征信，不影响客户信用记录；正式申请以审批结果为准。',
      en: 'Indicative only: no credit bureau was queried and nothing was recorded on the customer’s file; a full application decides.',
    },
  };
}
