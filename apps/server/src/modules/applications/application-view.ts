import type {
  ApplicantInput,
  ApplicantView,
  ApplicationEventView,
  ApplicationSummary,
  ApplicationView,
  DecisionAudit,
  DecisionView,
  StipulationType,
  StipulationView,
} from '@autofin/contracts';
import { formatMoney, maskAddressLine, maskEmail, maskIdNumber, maskName, maskPhone, parseMoney } from '@autofin/domain';
import type { ApplicationRow, DecisionRow, EventRow, StipulationRow } from './application.repository.ts';

/** The personal data of an application, as encrypted in application_details.personal_enc. */
export interface PersonalData {
  applicant: ApplicantInput;
  coApplicant: (ApplicantInput & { relation?: string | undefined }) | null;
  device: { id?: string | undefined; ip?: string | undefined } | null;
  /** Ages at submission (from the ID numbers). */
  ages: { applicant: number; coApplicant: number | null };
}

export const iso = (v: Date | string): string => (v instanceof Date ? v : new Date(v)).toISOString();
export const isoOrNull = (v: Date | string | null): string | null => (v === null ? null : iso(v));
const money = (v: string | undefined): string | null => (v === undefined ? null : formatMoney(parseMoney(v)));
const fenToWire = (v: string | number): string => formatMoney(Number(v));

/** What each stipulation asks for, in the words a dealer's F&I desk uses. */
export const STIPULATION_LABELS: Record<StipulationType, { zh: string; en: string }> = {
  proof_of_income: { zh: '提供收入证明（银行流水或纳税记录）', en: 'Provide proof of income (bank statements or tax records)' },
  proof_of_residence: { zh: '提供居住证明', en: 'Provide proof of residence' },
  proof_of_employment: { zh: '提供在职证明', en: 'Provide proof of employment' },
  larger_down_payment: { zh: '提高首付款', en: 'Increase the down payment' },
  co_signer: { zh: '增加共同借款人或担保人', en: 'Add a co-signer or guarantor' },
  gps_installation: { zh: '安装 GPS 定位设备', en: 'Install a GPS tracker' },
  insurance: { zh: '提供车辆保险（第一受益人为贷款机构）', en: 'Provide vehicle insurance with the lender as first beneficiary' },
  business_licence: { zh: '提供营业执照', en: 'Provide the business licence' },
};

/** A person masked by default (DESIGN.md rule 8); in clear only for an audited unmasking. */
export function applicantView(p: ApplicantInput & { relation?: string | undefined }, age: number, unmasked: boolean): ApplicantView {
  return {
    name: unmasked ? p.name : maskName(p.name),
    idNumber: unmasked ? p.idNumber.toUpperCase() : maskIdNumber(p.idNumber),
    phone: unmasked ? p.phone : maskPhone(p.phone),
    email: p.email === undefined ? null : unmasked ? p.email : maskEmail(p.email),
    age,
    monthlyIncome: unmasked ? money(p.monthlyIncome) : null,
    monthlyDebtPayments: unmasked ? money(p.monthlyDebtPayments) : null,
    employment: p.employment,
    yearsEmployed: p.yearsEmployed ?? null,
    employer: p.employer === undefined ? null : unmasked ? p.employer : maskName(p.employer),
    housing: p.housing ?? null,
    address: p.address ? { province: p.address.province, city: p.address.city, line: p.address.line === undefined ? null : unmasked ? p.address.line : maskAddressLine(p.address.line) } : null,
    relation: (p.relation as ApplicantView['relation']) ?? null,
  };
}

interface StoredVehicle {
  category: string;
  make?: string;
  model?: string;
  price: string;
  listPrice?: string;
  ageMonths?: number;
  mileageKm?: number;
  vin?: string;
}
interface StoredDeal {
  downPayment: string;
  term: number;
  productCode?: string;
  method?: ApplicationView['deal']['method'];
  tradeIn?: { appraisedValue: string; outstandingLoan: string };
}
interface StoredCompany {
  name: string;
  creditCode: string;
  yearsInBusiness?: number;
  annualRevenue?: string;
  monthlyNetProfit?: string;
  industry?: string;
}

export function applicationView(row: ApplicationRow, personal: PersonalData, unmasked: boolean): ApplicationView {
  const vehicle = row.vehicle as StoredVehicle;
  const deal = row.deal as StoredDeal;
  const company = row.company as StoredCompany | null;
  const consents = row.consents as { creditCheck: boolean; dataSharing?: boolean };
  return {
    id: row.id,
    type: row.type as ApplicationView['type'],
    status: row.status,
    channel: row.channel,
    dealerId: row.partner_id,
    customerId: row.customer_id,
    applicant: applicantView(personal.applicant, personal.ages.applicant, unmasked),
    coApplicant: personal.coApplicant ? applicantView(personal.coApplicant, personal.ages.coApplicant ?? 0, unmasked) : null,
    company: company
      ? {
          name: company.name,
          creditCode: company.creditCode,
          yearsInBusiness: company.yearsInBusiness ?? null,
          annualRevenue: money(company.annualRevenue),
          monthlyNetProfit: money(company.monthlyNetProfit),
          industry: company.industry ?? null,
        }
      : null,
    vehicle: {
      category: vehicle.category,
      make: vehicle.make ?? null,
      model: vehicle.model ?? null,
      price: fenToWire(row.vehicle_price_fen),
      listPrice: money(vehicle.listPrice),
      ageMonths: vehicle.ageMonths ?? null,
      mileageKm: vehicle.mileageKm ?? null,
      vin: vehicle.vin ?? null,
    },
    deal: {
      downPayment: fenToWire(row.down_payment_fen),
      term: deal.term,
      productCode: deal.productCode ?? null,
      method: deal.method ?? null,
      tradeIn: deal.tradeIn ? { appraisedValue: formatMoney(parseMoney(deal.tradeIn.appraisedValue)), outstandingLoan: formatMoney(parseMoney(deal.tradeIn.outstandingLoan)) } : null,
    },
    requestedAmount: fenToWire(row.requested_amount_fen),
    consents: { creditCheck: consents.creditCheck, dataSharing: consents.dataSharing ?? false },
    quoteId: row.quote_id,
    submittedAt: iso(row.submitted_at),
    decidedAt: isoOrNull(row.decided_at),
    updatedAt: iso(row.updated_at ?? row.submitted_at),
    expiresAt: isoOrNull(row.expires_at),
    masked: !unmasked,
  };
}

/** The columns a decision's view needs: not its audit (input, data, rules, measures, timings). */
export type DecisionViewRow = Omit<DecisionRow, 'input' | 'data' | 'data_used' | 'rules' | 'measures' | 'timings'>;

export function decisionView(d: DecisionViewRow): DecisionView {
  return {
    id: d.id,
    kind: d.kind,
    status: d.status as DecisionView['status'],
    reasons: d.reasons as DecisionView['reasons'],
    score: (d.score ?? null) as DecisionView['score'],
    offer: (d.offer ?? null) as DecisionView['offer'],
    counterOffer: (d.counter_offer ?? null) as DecisionView['counterOffer'],
    stipulations: d.stipulations as DecisionView['stipulations'],
    versions: d.versions as DecisionView['versions'],
    decidedBy: { type: d.decided_by_type, id: d.decided_by_id, label: d.decided_by_label },
    note: d.note,
    decidedAt: iso(d.decided_at),
    durationMs: Number(d.duration_ms),
  };
}

/** Income and debt figures (L3, DESIGN.md rule 8) wherever the decision audit carries them. */
const L3_AMOUNT_KEYS = new Set(['monthlyIncome', 'monthlyIncomeFen', 'monthlyDebtPayments', 'monthlyDebtPaymentsFen', 'existingDebt', 'existingDebtFen']);

/** A copy with every L3 amount replaced by null, at any depth (the stored input nests applicants). */
function withoutL3Amounts(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutL3Amounts);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, L3_AMOUNT_KEYS.has(k) ? null : withoutL3Amounts(v)]));
}

/** A rule outcome without the income or debt amounts in its value and note ("÷ income 25000.00"). */
function maskRuleIncome(r: Record<string, unknown>): Record<string, unknown> {
  const value = typeof r.code === 'string' && r.code.includes('INCOME') ? null : r.value;
  const note = typeof r.note === 'string' ? r.note.replace(/\b(income|debts) [\d.,]+/g, '$1 ***') : r.note;
  return { ...r, value, note };
}

/**
 * The decision audit. Masked (the default) it withholds the applicant's income and debts — the
 * audit's input, measures and the income rule's measured value — as the application view does;
 * ratios (PTI, DTI, LTV) stay, they are what a reader of the audit needs.
 */
export function decisionAuditView(d: DecisionRow, unmasked = false): DecisionAudit {
  const rules = (d.rules ?? []) as Array<Record<string, unknown>>;
  return {
    decisionId: d.id,
    kind: d.kind,
    input: unmasked ? (d.input ?? null) : withoutL3Amounts(d.input ?? null),
    data: (d.data ?? null) as DecisionAudit['data'],
    dataUsed: d.data_used as DecisionAudit['dataUsed'],
    rules: (unmasked ? rules : rules.map(maskRuleIncome)) as DecisionAudit['rules'],
    measures: (unmasked ? (d.measures ?? {}) : withoutL3Amounts(d.measures ?? {})) as DecisionAudit['measures'],
    status: d.status as DecisionAudit['status'],
    versions: d.versions as DecisionAudit['versions'],
    timings: (d.timings ?? {}) as DecisionAudit['timings'],
  };
}

export function eventView(e: EventRow): ApplicationEventView {
  return { id: String(e.id), at: iso(e.at), from: e.from_status, to: e.to_status, actor: { type: e.actor_type, id: e.actor_id, label: e.actor_label }, reason: e.reason };
}

export function stipulationView(s: StipulationRow): StipulationView {
  return {
    id: s.id,
    type: s.type,
    status: s.status,
    amount: s.amount_fen === null ? null : fenToWire(s.amount_fen),
    message: s.message,
    createdAt: iso(s.created_at),
    verifiedBy: s.verified_at ? { id: s.verified_by_id, label: s.verified_by_label } : null,
    verifiedAt: isoOrNull(s.verified_at),
    note: s.note,
  };
}

export interface SummaryRow {
  id: string;
  type: string;
  status: ApplicationSummary['status'];
  applicant_name: string;
  partner_id: string | null;
  channel: string;
  vehicle: { category: string };
  vehicle_price_fen: string | number;
  requested_amount_fen: string | number;
  term_months: number;
  product_code: string | null;
  score: number | null;
  risk_tier: string | null;
  submitted_at: Date | string;
  updated_at: Date | string | null;
}

export function summaryView(r: SummaryRow): ApplicationSummary {
  return {
    id: r.id,
    type: r.type as ApplicationSummary['type'],
    status: r.status,
    applicantName: maskName(r.applicant_name),
    dealerId: r.partner_id,
    channel: r.channel,
    vehicleCategory: r.vehicle.category,
    vehiclePrice: fenToWire(r.vehicle_price_fen),
    requestedAmount: fenToWire(r.requested_amount_fen),
    term: Number(r.term_months),
    productCode: r.product_code,
    score: r.score === null ? null : Number(r.score),
    tier: (r.risk_tier as ApplicationSummary['tier']) ?? null,
    submittedAt: iso(r.submitted_at),
    updatedAt: iso(r.updated_at ?? r.submitted_at),
  };
}
