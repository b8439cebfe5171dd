import { randomUUID } from 'node:crypto';
import type { Database } from '@autofin/db';
import { MAX_VEHICLE_PRICE, MIN_VEHICLE_PRICE, type DecisionInput, type DecisionResult, type FieldError, type PrequalificationBody, type PrequalificationResponse } from '@autofin/contracts';
import { ageOn, DEFAULT_RISK_TIER, DomainError, formatMoney, parseMoney, valuationModelV1, type DecisionContext, type SellableProduct } from '@autofin/domain';
import { recordAudit, type AuditActor } from '../audit/audit.repository.ts';
import { getDecisionSetup } from '../decisioning/decision-setup.service.ts';
import { getActiveGrid } from '../pricing/pricing.repository.ts';
import { sellableProducts } from '../products/product.repository.ts';
import { businessDate } from '../quotes/business-date.ts';
import { decideSoftly, softStrategy, type SoftStrategy } from './soft-decision.ts';

export const PREQUALIFICATION_VERSION = 'prequal-2026.11.2';
/** A borrower must be of full civil capacity (民法典 art. 17–18), as for an application. */
const MIN_AGE = 18;
/** Without a declared city the engine assumes tier 2, as for an application without an address. */
const DEFAULT_CITY_TIER = 2;

/** The checks the schema cannot make, each naming its field (400, nothing done). */
function validate(body: PrequalificationBody, today: string, products: readonly SellableProduct[]): FieldError[] {
  const errors: FieldError[] = [];
  const price = parseMoney(body.vehicle.price, 'vehicle.price');
  if (price < parseMoney(MIN_VEHICLE_PRICE) || price > parseMoney(MAX_VEHICLE_PRICE)) errors.push({ field: 'vehicle.price', message: `must be between ${MIN_VEHICLE_PRICE} and ${MAX_VEHICLE_PRICE} yuan` });
  if (parseMoney(body.downPayment, 'downPayment') >= price) errors.push({ field: 'downPayment', message: `must be less than the vehicle price ${body.vehicle.price}: nothing would be financed` });
  if (body.vehicle.category === 'used') {
    if (body.vehicle.ageMonths === undefined) errors.push({ field: 'vehicle.ageMonths', message: 'is required for a used car' });
    if (body.vehicle.listPrice === undefined) errors.push({ field: 'vehicle.listPrice', message: 'is required for a used car (with age and mileage it gives the valuation)' });
  }
  if (body.applicant.birthDate !== undefined) {
    let age: number | null = null;
    try {
      age = ageOn(body.applicant.birthDate, today);
    } catch {
      errors.push({ field: 'applicant.birthDate', message: 'is not a calendar date' });
    }
    if (age !== null && age < MIN_AGE) errors.push({ field: 'applicant.birthDate', message: `makes the applicant ${age}: a borrower must be at least ${MIN_AGE}` });
  }
  if (body.productCode !== undefined && !products.some((p) => p.definition.code === body.productCode)) {
    errors.push({ field: 'productCode', message: `is not a product this partner may sell (GET /v1/products lists them)` });
  }
  return errors;
}

/** The declared data as the engine's input: no ID number, phone or device, and no credit-check consent — so the engine cannot use a bureau file even if one were passed. */
function inputOf(id: string, body: PrequalificationBody, dealerId: string | null, now: Date, productCode: string | null): DecisionInput {
  const v = body.vehicle;
  return {
    applicationId: `prequalification:${id}`,
    submittedAt: now.toISOString(),
    type: 'individual',
    applicant: {
      idNumber: '',
      idNumberHash: 'prequalification',
      birthDate: body.applicant.birthDate ?? '',
      gender: null,
      phone: '',
      employment: body.applicant.employment,
      yearsAtEmployer: null,
      monthlyIncomeFen: parseMoney(body.applicant.monthlyIncome),
      monthlyDebtPaymentsFen: parseMoney(body.applicant.monthlyDebtPayments),
      housing: body.applicant.housing ?? null,
    },
    coApplicant: null,
    company: null,
    vehicle: {
      category: v.category,
      make: v.make ?? null,
      model: v.model ?? null,
      fuel: null,
      priceFen: parseMoney(v.price),
      listPriceFen: v.listPrice === undefined ? null : parseMoney(v.listPrice),
      valuationFen: null,
      ageMonths: v.ageMonths ?? 0,
      mileageKm: v.mileageKm ?? 0,
    },
    deal: { downPaymentFen: parseMoney(body.downPayment), tradeIn: null, termMonths: body.term, productCode, method: null },
    dealerId,
    // As POST /v1/applications files a partner's application (its default channel).
    channel: 'dealer',
    consents: { creditCheck: false },
    deviceId: null,
  };
}

const approvedLike = (r: DecisionResult) => (r.status === 'approved' || r.status === 'conditionally_approved') && r.offer !== null;

/** The reasons of the strategy's rules by code (the scorecard's by its action). */
function reasonOf(soft: SoftStrategy, code: string, result: DecisionResult): { zh: string; en: string } {
  if (code === 'SCORECARD' && soft.scorecard && result.score && result.score.action !== 'approve') return soft.scorecard.reasons[result.score.action];
  for (const stage of soft.strategy.stages) {
    if (stage.stage === 'scorecard') continue;
    const found = stage.stage === 'conditions' ? stage.conditions.find((c) => c.code === code) : stage.rules.find((r) => r.code === code);
    if (found) return found.reason;
  }
  return { zh: code, en: code };
}

/**
 * A soft check through the decision engine: the published strategy and champion scorecard on the
 * declared income, debts, deal and vehicle — no bureau query, no ID number, no application row,
 * no velocity counted, no quote stored. Returns what the strategy would decide, the indicative
 * tier, the rules that would block with their values and reasons, the conditions, what was not
 * checked, and the offers (priced by the quote engine at the tier, as the decision prices them)
 * the strategy approves. Only an audit record (outcome and versions, no income) is written.
 */
export async function prequalify(
  database: Database,
  body: PrequalificationBody,
  filter: ((p: SellableProduct) => boolean) | undefined,
  dealerId: string | null,
  actor: AuditActor,
  requestId: string,
  now = new Date(),
): Promise<PrequalificationResponse> {
  const today = businessDate(now);
  const db = database.db;
  const [allProducts, grid, setup] = await Promise.all([sellableProducts(db, today), getActiveGrid(db), getDecisionSetup(db)]);
  const products = filter ? allProducts.filter(filter) : allProducts;
  const errors = validate(body, today, products);
  if (errors.length > 0) throw new DomainError('VALIDATION_FAILED', errors.map((e) => `${e.field}: ${e.message}`).join('; '), errors);

  const id = randomUUID();
  const model = setup.champion?.model ?? null;
  const soft = softStrategy(setup.strategy.definition, { hasBirthDate: body.applicant.birthDate !== undefined, champion: model });
  const unknownNames = new Set(['bureau_score', ...(body.applicant.birthDate ? [] : ['age_years']), ...(body.applicant.housing ? [] : ['housing'])]);
  const ctx: DecisionContext = {
    bureau: null,
    velocity: [],
    blacklistHits: [],
    phoneIdentities: 0,
    dealer: null,
    cityTier: body.applicant.cityTier ?? DEFAULT_CITY_TIER,
    now: now.toISOString(),
    products,
    grid,
    valuationModel: valuationModelV1,
  };
  const scorer = soft.scorecard ? model : null;

  // The deal as asked (the engine picks the cheapest product that finances it, unless one is named).
  const headline = decideSoftly(inputOf(id, body, dealerId, now, body.productCode ?? null), ctx, soft, scorer, unknownNames, true);
  const { result } = headline;

  // Every product this partner may sell at the asked term, each decided the same way.
  const candidates = body.productCode ? [body.productCode] : [...new Set(products.filter((p) => p.definition.vehicleCategories.includes(body.vehicle.category) && p.definition.terms.includes(body.term)).map((p) => p.definition.code))];
  const offers: PrequalificationResponse['offers'] = [];
  for (const code of candidates) {
    const { result: r } = code === body.productCode ? headline : decideSoftly(inputOf(id, body, dealerId, now, code), ctx, soft, scorer, unknownNames, false);
    if (!approvedLike(r) || !r.offer) continue;
    offers.push({
      productCode: r.offer.productCode,
      productName: r.offer.productName,
      term: r.offer.term,
      riskTier: r.offer.riskTier,
      annualRate: r.offer.annualRate,
      apr: r.offer.aprSimple.toFixed(2),
      monthlyPayment: r.offer.monthlyPayment,
      totalCost: r.offer.totalCost,
      paymentToIncomePercent: r.measures.pti,
      debtToIncomePercent: r.measures.dti,
      decision: r.status as 'approved' | 'conditionally_approved',
      conditions: r.stipulations.map((s) => s.type),
    });
  }
  offers.sort((a, b) => parseMoney(a.totalCost) - parseMoney(b.totalCost) || a.productCode.localeCompare(b.productCode));

  const blocking = result.rules
    .filter((r) => r.outcome === 'decline' || r.outcome === 'refer')
    .map((r) => ({ code: r.code, stage: r.stage, kind: r.kind, outcome: r.outcome as 'decline' | 'refer', value: r.value, threshold: r.threshold, unit: r.unit, note: r.note, reason: reasonOf(soft, r.code, result) }));
  const policyDecline = blocking.some((b) => b.outcome === 'decline' && b.kind !== 'scorecard');
  const score = headline.score;
  // Without a score: the tier the engine priced at before scoring (no bureau score → DEFAULT_RISK_TIER).
  const tier = result.score?.tier ?? result.offer?.riskTier ?? offers[0]?.riskTier ?? DEFAULT_RISK_TIER;
  let outcome: PrequalificationResponse['outcome'];
  if (approvedLike(result) && offers.length > 0) outcome = 'likely';
  else if (policyDecline || (!approvedLike(result) && result.status !== 'referred' && !(score && soft.scorecard && soft.scorecard.tierActions[score.range.bestTier] !== 'decline'))) outcome = 'unlikely';
  else outcome = 'possible';

  const reasons: PrequalificationResponse['reasons'] = [
    { code: 'SOFT_CHECK', detail: `the published strategy ${setup.strategy.id} v${setup.strategy.version} on the declared data; not checked: ${soft.notChecked.map((n) => n.code).join(', ') || 'nothing'}` },
    score
      ? { code: 'TIER_FROM_SCORECARD', detail: `scorecard ${score.stored.modelId} v${score.stored.modelVersion}: ${score.stored.points} points → tier ${score.tier}; unknown in a soft check: ${score.unknown.join(', ') || 'none'} (counted at their average; range ${score.range.worstTier}–${score.range.bestTier})` }
      : { code: 'TIER_FROM_POLICY_ONLY', detail: `no scorecard could be run: tier ${tier} is the engine's pre-score pricing tier, indicative from policy only` },
    ...blocking.map((b) => ({ code: b.code, detail: `${b.reason.en}${b.value !== null ? ` (${b.value}${b.threshold !== null ? ` against ${b.threshold}` : ''}${b.unit === 'percent' ? ' %' : b.unit === 'yuan' ? ' yuan' : ''})` : ''}` })),
  ];

  const response: PrequalificationResponse = {
    id,
    outcome,
    decision: result.status,
    indicativeTier: tier,
    tierBasis: score ? 'scorecard' : 'policy_only',
    score: score ? { modelId: score.stored.modelId, modelVersion: score.stored.modelVersion, points: score.stored.points, pd: Math.round(score.stored.pd * 1e6) / 1e6, unknown: score.unknown, range: score.range } : null,
    blocking,
    conditions: result.stipulations.map((s) => ({ type: s.type, code: s.code, amount: s.amount, reason: { zh: s.zh, en: s.en } })),
    notChecked: soft.notChecked,
    offers,
    counterOffer: result.counterOffer
      ? { kind: result.counterOffer.kind, loanAmount: result.counterOffer.loanAmount, downPayment: result.counterOffer.downPayment, termMonths: result.counterOffer.termMonths, resolves: result.counterOffer.resolves }
      : null,
    reasons,
    softCheck: true,
    versions: {
      prequalification: PREQUALIFICATION_VERSION,
      strategy: { id: setup.strategy.id, version: setup.strategy.version },
      model: score ? { id: score.stored.modelId, version: score.stored.modelVersion } : null,
      grid: { id: grid.id, version: grid.version },
      rulebook: result.versions.rulebook,
    },
    note: {
      zh: '预审结果仅供参考：未查询征信，未核验身份、黑名单与申请频次，不影响客户信用记录；正式申请以审批结果为准。',
      en: 'Indicative only: no credit bureau was queried and identity, blacklist and application-velocity checks were not run; nothing was recorded on the customer’s file. A full application decides.',
    },
  };
  // Explainable afterwards (DESIGN.md rule 7) without keeping the declared income: the outcome and the versions that produced it.
  await recordAudit(db, {
    actor,
    action: 'partner.prequalification',
    entityType: 'prequalification',
    entityId: id,
    after: { outcome, decision: result.status, indicativeTier: tier, tierBasis: response.tierBasis, points: response.score?.points ?? null, blocking: blocking.map((b) => b.code), offers: offers.length, loanAmount: formatMoney(parseMoney(body.vehicle.price) - parseMoney(body.downPayment)), versions: response.versions },
    requestId,
  });
  return response;
}
