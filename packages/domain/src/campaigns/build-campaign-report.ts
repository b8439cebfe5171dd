import {
  SUPPRESSION_REASONS,
  type CampaignArmResult,
  type CampaignChannel,
  type CampaignReport,
  type CampaignStatus,
  type ChannelCosts,
  type Proportion,
  type SuppressionReason,
} from '@autofin/contracts';
import { formatMoney } from '../finance/money.ts';
import { DomainError } from '../shared/domain-error.ts';
import { liftOverHoldout } from './lift-over-holdout.ts';
import { costFen, exactCost } from './message-cost.ts';
import { sampleRatioCheck } from './sample-ratio-check.ts';
import { wilsonInterval } from './wilson-interval.ts';

/** What the server counts per arm (from the audience, the outbox and the attributed funnel). */
export interface ArmCounts {
  key: string;
  name: string;
  kind: 'holdout' | 'treatment';
  /** Percent of all targeted customers the split promises this arm. */
  expectedShare: number;
  /** Customers assigned to the arm (intention to treat). */
  customers: number;
  /** Passed the contact policy and entered the outbox (0 for the holdout). */
  sent: number;
  delivered: number;
  clicked: number;
  quotes: number;
  applications: number;
  approved: number;
  funded: number;
  /** Sum of the funded loans' amounts, integer fen. */
  fundedAmountFen: number;
  /** What the lender books on the funded loans (the server's definition, e.g. their finance charge), integer fen. */
  revenueFen: number;
  /** Billable units sent: SMS segments, or messages/tasks on the other channels. */
  billableUnits: number;
}

export interface CampaignReportInput {
  campaignId: string;
  status: CampaignStatus;
  asOf: Date;
  channel: CampaignChannel;
  costs: ChannelCosts;
  arms: readonly ArmCounts[];
  /** Treated customers without a message, per reason (quiet_hours_deferred: still waiting). */
  suppressed: Partial<Record<SuppressionReason, number>>;
  /** Deferred by quiet hours, later released (now counted in sent or under another reason). */
  deferredReleased: number;
  /** Of sent: still in the outbox. */
  queued: number;
  /** Of sent: failed at the provider. */
  failed: number;
  contactPolicyVersion: string | null;
}

function proportion(count: number, total: number): Proportion {
  const w = wilsonInterval(count, total);
  return { count, total, rate: w?.rate ?? null, low: w?.low ?? null, high: w?.high ?? null };
}

function perCustomerFen(fen: number, customers: number): number {
  // half-up to the fen; revenue is never negative
  return customers > 0 ? Math.floor((2 * fen + customers) / (2 * customers)) : 0;
}

const round4 = (x: number) => Math.round(x * 10_000) / 10_000;

/**
 * The campaign report's arithmetic (docs/campaigns.md, "Results"):
 * - targeted = holdout + sent + Σ suppressed, checked — a report that does not add up is a bug, never shown;
 * - rates per assigned customer with Wilson 95% intervals; lift of each treated arm over the holdout
 *   (two-proportion z test, unpooled interval);
 * - cost = Σ billable units × unit cost, exact, rounded half-up to the fen once; per-arm costs are
 *   rounded separately and may differ from the total by a fen;
 * - cost per funded = cost ÷ funded loans of the treated arms;
 * - incremental funded = (treated funding rate − holdout funding rate) × treated customers, with the
 *   interval of the rate difference scaled the same way (null without a holdout);
 * - incremental revenue = (treated revenue per customer − holdout revenue per customer) × treated
 *   customers; ROI = (incremental revenue − cost) ÷ cost: what the campaign earned beyond what the
 *   customers would have brought anyway, per yuan spent (null without a holdout or without cost).
 */
export function buildCampaignReport(input: CampaignReportInput): CampaignReport {
  const holdoutArm = input.arms.find((a) => a.kind === 'holdout' && a.customers > 0) ?? null;
  const treated = input.arms.filter((a) => a.kind === 'treatment');
  const sum = (arms: readonly ArmCounts[], f: (a: ArmCounts) => number) => arms.reduce((s, a) => s + f(a), 0);

  const suppressed = Object.fromEntries(SUPPRESSION_REASONS.map((r) => [r, input.suppressed[r] ?? 0])) as Record<SuppressionReason, number>;
  const suppressedTotal = SUPPRESSION_REASONS.reduce((s, r) => s + suppressed[r], 0);
  const targeted = sum(input.arms, (a) => a.customers);
  const holdout = sum(
    input.arms.filter((a) => a.kind === 'holdout'),
    (a) => a.customers,
  );
  const sent = sum(treated, (a) => a.sent);
  if (targeted !== holdout + sent + suppressedTotal) {
    throw new DomainError('INTERNAL', `campaign ${input.campaignId}: targeted ${targeted} ≠ holdout ${holdout} + sent ${sent} + suppressed ${suppressedTotal}`);
  }
  if (input.arms.some((a) => a.kind === 'holdout' && a.sent > 0)) throw new DomainError('INTERNAL', `campaign ${input.campaignId}: the holdout was sent messages`);

  const exactByArm = input.arms.map((a) => exactCost(input.costs, input.channel, a.billableUnits));
  const totalCostFen = costFen(exactByArm.reduce((s, c) => s + c, 0n));

  const treatedCustomers = sum(treated, (a) => a.customers);
  const treatedFunded = sum(treated, (a) => a.funded);
  const treatedRevenueFen = sum(treated, (a) => a.revenueFen);

  const arms: CampaignArmResult[] = input.arms.map((a, i) => {
    const lift =
      a.kind === 'treatment' && holdoutArm
        ? {
            application: liftOverHoldout(a.applications, a.customers, holdoutArm.applications, holdoutArm.customers),
            approval: liftOverHoldout(a.approved, a.customers, holdoutArm.approved, holdoutArm.customers),
            funding: liftOverHoldout(a.funded, a.customers, holdoutArm.funded, holdoutArm.customers),
          }
        : null;
    return {
      key: a.key,
      name: a.name,
      kind: a.kind,
      expectedShare: a.expectedShare,
      customers: a.customers,
      sent: a.sent,
      delivered: a.delivered,
      clicked: a.clicked,
      quotes: a.quotes,
      applications: a.applications,
      approved: a.approved,
      funded: a.funded,
      fundedAmount: formatMoney(a.fundedAmountFen),
      revenue: formatMoney(a.revenueFen),
      revenuePerCustomer: a.customers > 0 ? formatMoney(perCustomerFen(a.revenueFen, a.customers)) : null,
      cost: formatMoney(costFen(exactByArm[i] as bigint)),
      rates: { application: proportion(a.applications, a.customers), approval: proportion(a.approved, a.customers), funding: proportion(a.funded, a.customers) },
      lift,
    };
  });

  let incrementalFunded: number | null = null;
  let incrementalFundedLow: number | null = null;
  let incrementalFundedHigh: number | null = null;
  let incrementalRevenueFen: number | null = null;
  if (holdoutArm && treatedCustomers > 0) {
    const funding = liftOverHoldout(treatedFunded, treatedCustomers, holdoutArm.funded, holdoutArm.customers);
    if (funding) {
      incrementalFunded = round4(funding.absolute * treatedCustomers);
      incrementalFundedLow = round4(funding.low * treatedCustomers);
      incrementalFundedHigh = round4(funding.high * treatedCustomers);
    }
    // (R_T/n_T − R_H/n_H) × n_T = R_T − R_H × n_T / n_H, rounded half-up once.
    const scaled = (holdoutArm.revenueFen * treatedCustomers) / holdoutArm.customers;
    incrementalRevenueFen = Math.round(treatedRevenueFen - scaled);
  }
  const roi = incrementalRevenueFen !== null && totalCostFen > 0 ? round4((incrementalRevenueFen - totalCostFen) / totalCostFen) : null;

  const sampleRatio = sampleRatioCheck(
    Object.fromEntries(input.arms.map((a) => [a.key, a.customers])),
    Object.fromEntries(input.arms.map((a) => [a.key, a.expectedShare])),
  );

  return {
    campaignId: input.campaignId,
    status: input.status,
    asOf: input.asOf.toISOString(),
    targeted,
    holdout,
    sent,
    suppressed,
    suppressedTotal,
    deferred: { waiting: suppressed.quiet_hours_deferred, released: input.deferredReleased },
    queued: input.queued,
    delivered: sum(treated, (a) => a.delivered),
    failed: input.failed,
    clicked: sum(treated, (a) => a.clicked),
    quotes: sum(treated, (a) => a.quotes),
    applications: sum(treated, (a) => a.applications),
    approved: sum(treated, (a) => a.approved),
    funded: treatedFunded,
    fundedAmount: formatMoney(sum(treated, (a) => a.fundedAmountFen)),
    cost: formatMoney(totalCostFen),
    costPerFunded: treatedFunded > 0 ? formatMoney(perCustomerFen(totalCostFen, treatedFunded)) : null,
    incrementalFunded,
    incrementalFundedLow,
    incrementalFundedHigh,
    costPerIncrementalFunded: incrementalFunded !== null && incrementalFunded > 0 ? formatMoney(Math.round(totalCostFen / incrementalFunded)) : null,
    revenue: formatMoney(treatedRevenueFen),
    incrementalRevenue: incrementalRevenueFen === null ? null : formatMoney(incrementalRevenueFen),
    roi,
    arms,
    sampleRatio,
    contactPolicyVersion: input.contactPolicyVersion,
    channelCostsVersion: input.costs.version,
  };
}
