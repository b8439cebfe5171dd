import { createHash } from 'node:crypto';
import { arrayLiteral, type Database, type SqlRunner } from '@autofin/db';
import { applicationCreateBodySchema, employmentTypes, type ApplicationStatus, type EmploymentType } from '@autofin/contracts';
import { DomainError } from '@autofin/domain';
import {
  CONDITIONS_MET_PROBABILITY,
  FUND_PROBABILITY,
  hasMarket,
  readMarketRecord,
  simulateCampaignResponse,
  type MemberResponse,
  type ResponseChannel,
  type ResponseMember,
  type TrueEffect,
} from '@autofin/simulator';
import { levelInstallmentFen } from '@autofin/simulator/amortization';
import type { PersonalDataProtector } from '../../security/personal-data.ts';
import { createApplication, settleStipulation, transition, type ApplicationActor } from '../applications/application.service.ts';
import { demoMarketIdHash } from '../applications/decision-data.repository.ts';
import { listStipulations } from '../applications/application.repository.ts';
import { DEMO_INCOME_YUAN, demoIdNumber } from '../decisioning/demo-decision-inputs.ts';
import { runnerOf } from '../customers/sql-runner.ts';

/**
 * The simulated market's response to a launched campaign (演示数据) — "simulate the next day" in the
 * console. Only where the platform runs the demo market: the customers answering are simulated.
 *
 * packages/simulator/src/campaign-response.ts decides, purely and seeded, who applies on which day of
 * the attribution window (baseline for everyone, plus the true uplift for treated customers whose
 * message was delivered or clicked). Here each day's applicants really apply: the application goes
 * through the applications service (validation, the decision engine, the audit trail) exactly like a
 * dealer's; approved ones are contracted and funded with the simulator's probabilities, and a funded
 * application gets its loan row as the simulator writes them. Each simulated day's applications are
 * stamped with the time the day is simulated (the demo's clock is the real one).
 *
 * Progress per campaign (days simulated so far) is kept in app_meta under campaign_response:<id>.
 */

export const RESPONSE_WINDOW_DAYS = 14;
const META_PREFIX = 'campaign_response:';

const SIMULATED_CUSTOMER: ApplicationActor = { kind: 'dealer_ops', audit: { type: 'system', label: 'simulated market (演示数据)' } };
const FUNDING_JOB: ApplicationActor = { kind: 'system', audit: { type: 'system', label: 'simulated funding (演示数据)' } };
/** The lender's back office checking the customer's proofs (a stipulation is satisfied by reviewer or system). */
const VERIFICATION: ApplicationActor = { kind: 'system', audit: { type: 'system', label: 'simulated document check (演示数据)' } };

interface MemberRow {
  customer_id: string;
  arm: string;
  channel: string | null;
  status: string | null;
  delivered_at: Date | string | null;
  clicked_at: Date | string | null;
  base_apply_propensity: number | null;
  segment: string | null;
}

export interface CampaignResponseState {
  campaignId: string;
  windowDays: number;
  daysSimulated: number;
  trueEffect: TrueEffect;
}

export interface SimulatedDayResult extends CampaignResponseState {
  day: number;
  applications: number;
  outcomes: Partial<Record<ApplicationStatus, number>>;
  funded: number;
}

async function loadCampaign(db: SqlRunner, campaignId: string): Promise<{ launchedAt: Date; hasOffer: boolean }> {
  const [c] = await db.query<{ launched_at: Date | string | null; definition: { offer?: unknown } | null; status: string }>(`SELECT launched_at, definition, status FROM campaigns WHERE id = $1`, [campaignId]);
  if (!c) throw new DomainError('NOT_FOUND', `No campaign has the id ${campaignId}.`);
  if (c.launched_at === null) throw new DomainError('CAMPAIGN_WRONG_STATE', 'The campaign has not been launched: the simulated market can only answer a launched campaign.', [{ field: 'status', message: `is ${c.status}` }]);
  return { launchedAt: new Date(c.launched_at), hasOffer: c.definition?.offer !== undefined && c.definition?.offer !== null };
}

/** The audience with the message each member got and their simulated truth. */
async function loadMembers(db: SqlRunner, campaignId: string): Promise<ResponseMember[]> {
  const rows = await db.query<MemberRow>(
    `SELECT m.customer_id, m.arm, m.channel, m.status, m.delivered_at, m.clicked_at, t.base_apply_propensity, t.segment
       FROM campaign_messages m
       LEFT JOIN sim_customer_truth t ON t.customer_id = m.customer_id
      WHERE m.campaign_id = $1
      ORDER BY m.customer_id`,
    [campaignId],
  );
  return rows.map((r) => ({
    customerId: r.customer_id,
    arm: r.arm,
    truth: r.base_apply_propensity === null ? null : { baseApplyPropensity: Number(r.base_apply_propensity), segment: r.segment as NonNullable<ResponseMember['truth']>['segment'] },
    message:
      r.status === 'holdout' || r.status === 'suppressed'
        ? null
        : { channel: r.channel as ResponseChannel, delivered: r.delivered_at !== null || r.clicked_at !== null, clicked: r.clicked_at !== null },
  }));
}

async function requireDemoMarket(database: Database): Promise<number> {
  if (!(await hasMarket(database))) {
    throw new DomainError('CAMPAIGN_WRONG_STATE', 'The simulated response needs the demo market (演示数据); this installation runs without it.');
  }
  return (await readMarketRecord(database))!.seed;
}

async function daysSimulated(db: SqlRunner, campaignId: string): Promise<number> {
  const [row] = await db.query<{ days: number }>(`SELECT (value->>'daysSimulated')::int AS days FROM app_meta WHERE key = $1`, [META_PREFIX + campaignId]);
  return row?.days ?? 0;
}

/** The simulator's answer for the whole window and its true effect, without changing anything. */
export async function campaignResponsePlan(database: Database, campaignId: string): Promise<{ state: CampaignResponseState; responses: MemberResponse[] }> {
  const seed = await requireDemoMarket(database);
  const db = runnerOf(database.db);
  const campaign = await loadCampaign(db, campaignId);
  const members = await loadMembers(db, campaignId);
  const { responses, trueEffect } = simulateCampaignResponse(members, { seed, campaignKey: campaignId, windowDays: RESPONSE_WINDOW_DAYS, hasOffer: campaign.hasOffer });
  return { state: { campaignId, windowDays: RESPONSE_WINDOW_DAYS, daysSimulated: await daysSimulated(db, campaignId), trueEffect }, responses };
}

interface CustomerRow {
  id: string;
  name: string;
  phone: string;
  birth_date: string | null;
  gender: string | null;
  income_band: string | null;
  occupation: string | null;
  id_number_hash: string | null;
  nev_affinity: number | null;
}

/**
 * The simulated market keeps only the simulator's keyed hash of a customer's ID number, never the
 * number, so a simulated customer cannot type it into a form. The response gives each applicant a
 * demo ID number (GB 11643-valid, from their birth date and gender, fixed per customer) and records
 * the simulator's hash of it on the profile, so the applications service finds the profile and the
 * demo bureau answers with the customer's simulated record — as if the real number had been typed.
 */
function applicantIdNumber(c: CustomerRow): string {
  const seq = createHash('sha256').update(c.id).digest().readUInt32BE(0);
  return demoIdNumber(c.birth_date ?? '1988-06-15', c.gender === 'F' ? 'F' : 'M', seq);
}

function applicationBody(c: CustomerRow, idNumber: string): unknown {
  const income = DEMO_INCOME_YUAN[c.income_band ?? ''] ?? DEMO_INCOME_YUAN['5k_10k']!;
  // A car of about a year's income (the generator's budgets are 1.1 × annual income), 30 % down.
  const price = Math.min(600_000, Math.max(60_000, Math.round((income * 12 * 1.1) / 1000) * 1000));
  const nev = (c.nev_affinity ?? 0.3) >= 0.5;
  const employment: EmploymentType = (employmentTypes as readonly string[]).includes(c.occupation ?? '') ? (c.occupation as EmploymentType) : 'other';
  return {
    applicant: { name: c.name, idNumber, phone: c.phone, monthlyIncome: `${income}.00`, employment },
    vehicle: { category: nev ? 'new-nev' : 'new-ice', price: `${price}.00` },
    deal: { downPayment: `${Math.round(price * 0.3)}.00`, term: 36 },
    consents: { creditCheck: true },
    channel: 'online',
  };
}

/**
 * Simulates the next day of the campaign's attribution window: the day's applicants apply, are
 * decided by the real engine, and the approved ones are funded with the simulator's probabilities.
 * Refuses once the window is over (409).
 */
export async function simulateNextDay(database: Database, protector: PersonalDataProtector, campaignId: string, now: Date = new Date()): Promise<SimulatedDayResult> {
  const seed = await requireDemoMarket(database);
  const { state, responses } = await campaignResponsePlan(database, campaignId);
  const day = state.daysSimulated;
  if (day >= RESPONSE_WINDOW_DAYS) {
    throw new DomainError('CAMPAIGN_WRONG_STATE', `All ${RESPONSE_WINDOW_DAYS} days of the attribution window have been simulated.`, [{ field: 'day', message: `is ${day}` }]);
  }
  // Claim the day first (one row per campaign, updated conditionally) so two clicks cannot both run it.
  const claimed = await database.query<{ key: string }>(
    `INSERT INTO app_meta (key, value, updated_at) VALUES ($1, jsonb_build_object('daysSimulated', $2::int + 1, 'windowDays', $3::int), $4)
     ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value, updated_at = EXCLUDED.updated_at
       WHERE coalesce((app_meta.value->>'daysSimulated')::int, 0) = $2::int
     RETURNING key`,
    [META_PREFIX + campaignId, day, RESPONSE_WINDOW_DAYS, now],
  );
  if (claimed.length === 0) throw new DomainError('CONFLICT', `Day ${day + 1} of this campaign is being simulated already.`);

  const due = responses.filter((r) => r.applies && r.day === day);
  const outcomes: Partial<Record<ApplicationStatus, number>> = {};
  let funded = 0;
  let applications = 0;
  try {
    if (due.length > 0) {
      const db = runnerOf(database.db);
      // A customer who already applied in answer to this campaign (an earlier, interrupted run of
      // the day) is not applied for twice: the retry carries on where the failure stopped.
      const done = new Set(
        (
          await db.query<{ customer_id: string }>(
            `SELECT customer_id FROM customer_events WHERE type = 'application_submitted' AND campaign = $1 AND source = 'simulator' AND customer_id = ANY($2::uuid[])`,
            [campaignId, arrayLiteral(due.map((r) => r.customerId))],
          )
        ).map((r) => r.customer_id),
      );
      const today = due.filter((r) => !done.has(r.customerId));
      const customers = await db.query<CustomerRow>(
        `SELECT c.id, c.name, c.phone, c.birth_date::text AS birth_date, c.gender, c.income_band, c.occupation, c.id_number_hash, t.nev_affinity
           FROM customers c LEFT JOIN sim_customer_truth t ON t.customer_id = c.id WHERE c.id = ANY($1::uuid[])`,
        [arrayLiteral(today.map((r) => r.customerId))],
      );
      const byId = new Map(customers.map((c) => [c.id, c]));
      for (const r of today) {
        const c = byId.get(r.customerId);
        if (!c) continue;
        const idNumber = applicantIdNumber(c);
        const hash = demoMarketIdHash(seed, idNumber);
        if (c.id_number_hash !== hash) await db.query(`UPDATE customers SET id_number_hash = $2 WHERE id = $1`, [c.id, hash]);
        const body = applicationCreateBodySchema.parse(applicationBody(c, idNumber));
        const created = await createApplication(database, protector, body, SIMULATED_CUSTOMER, undefined, { now });
        applications++;
        outcomes[created.status] = (outcomes[created.status] ?? 0) + 1;
        await db.query(
          `INSERT INTO customer_events (customer_id, type, channel, campaign, occurred_at, received_at, payload, source)
           VALUES ($1, 'application_submitted', 'online', $2, $3, $3, $4::jsonb, 'simulator')`,
          [c.id, campaignId, now, JSON.stringify({ application_id: created.id })],
        );
        if (await fundIfTaken(database, protector, created.id, created.status, r, body.vehicle.category === 'new-nev' ? 'BEV' : 'ICE', now)) funded++;
      }
    }
  } catch (err) {
    // Give the day back so it can be run again (the applications already made are not repeated).
    await database.query(`UPDATE app_meta SET value = jsonb_set(value, '{daysSimulated}', to_jsonb($2::int)) WHERE key = $1`, [META_PREFIX + campaignId, day]);
    throw err;
  }
  return { ...state, daysSimulated: day + 1, day: day + 1, applications, outcomes, funded };
}

/**
 * After the decision: an approval is taken up with FUND_PROBABILITY; a conditional approval first
 * needs its conditions met (CONDITIONS_MET_PROBABILITY — the dealer records them as satisfied).
 * Referred and declined applications stop here. Funding writes the loan row as the simulator does.
 */
async function fundIfTaken(database: Database, protector: PersonalDataProtector, applicationId: string, status: ApplicationStatus, r: MemberResponse, fuel: 'BEV' | 'ICE', now: Date): Promise<boolean> {
  if (status !== 'approved' && status !== 'conditionally_approved') return false;
  if (status === 'conditionally_approved') {
    if (r.conditionsMetDraw >= CONDITIONS_MET_PROBABILITY) return false;
    for (const s of await listStipulations(database.db, applicationId)) {
      if (s.status === 'open') await settleStipulation(database, protector, applicationId, s.id, { status: 'satisfied', note: 'proof provided by the simulated customer (演示数据)' }, VERIFICATION);
    }
  }
  if (r.fundDraw >= FUND_PROBABILITY) return false;
  await transition(database, protector, applicationId, 'contracted', SIMULATED_CUSTOMER, 'contract signed (simulated, 演示数据)');
  await transition(database, protector, applicationId, 'funded', FUNDING_JOB, 'funded (simulated, 演示数据)');
  const db = runnerOf(database.db);
  const [a] = await db.query<{ customer_id: string; partner_id: string | null; requested_amount_fen: string | number; approved_amount_fen: string | number | null; rate_bp: number | null; term_months: number }>(
    `SELECT customer_id, partner_id, requested_amount_fen, approved_amount_fen, rate_bp, term_months FROM applications WHERE id = $1`,
    [applicationId],
  );
  const principal = Number(a!.approved_amount_fen ?? a!.requested_amount_fen);
  const rateBp = a!.rate_bp ?? 0;
  const installment = levelInstallmentFen(principal, rateBp, a!.term_months);
  const fundedOn = now.toISOString().slice(0, 10);
  const first = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, Math.min(now.getUTCDate(), 28))).toISOString().slice(0, 10);
  await db.query(
    `INSERT INTO loans (application_id, customer_id, partner_id, fuel, principal_fen, rate_bp, term_months, installment_fen, funded_at, first_due_date, status, outstanding_principal_fen, source)
     VALUES ($1, $2, $3, $10, $4, $5, $6, $7, $8, $9, 'active', $4, 'simulator')`,
    [applicationId, a!.customer_id, a!.partner_id, principal, rateBp, a!.term_months, installment, fundedOn, first, fuel],
  );
  return true;
}
