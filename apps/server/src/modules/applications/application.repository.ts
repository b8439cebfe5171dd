import { sql, type DbOrTx, type SQL } from '@autofin/db';
import type { ApplicationStatus, StipulationType } from '@autofin/contracts';

/**
 * Storage of applications created through the API: the market columns of `applications`, the
 * details (encrypted personal data, keyed hashes), the status timeline, stipulations, decisions
 * (the full audit) and review claims. Plain SQL through drizzle's `sql` template, so every
 * statement takes part in the caller's transaction and costs no query-builder time on the hot
 * path (POST /api/applications).
 */

export function rowsOf<T>(result: unknown): T[] {
  return (result as { rows: T[] }).rows;
}

export interface ActorRef {
  type: 'system' | 'user' | 'partner_key';
  id: string | null;
  label: string | null;
}

export interface NewApplicationRow {
  id: string;
  customerId: string;
  partnerId: string | null;
  channel: string;
  type: string;
  productType: string;
  productCode: string | null;
  vehicleCondition: 'new' | 'used';
  vehicleAgeMonths: number;
  mileageKm: number;
  vehiclePriceFen: number;
  vehicleValuationFen: number | null;
  downPaymentFen: number;
  requestedAmountFen: number;
  termMonths: number;
  rateBp: number | null;
  bureauScore: number | null;
  declaredIncomeBand: string;
  dtiBp: number | null;
  status: ApplicationStatus;
  approvedAmountFen: number | null;
  submittedAt: Date;
  decidedAt: Date | null;
  decisionReasons: unknown;
  decisionVersion: string | null;
  source: string;
  expiresAt: Date | null;
  score: number | null;
  riskTier: string | null;
}

export function applicationInsert(a: NewApplicationRow): SQL {
  return sql`
    INSERT INTO applications (id, customer_id, partner_id, channel, product_type, product_code, vehicle_condition, vehicle_age_months, mileage_km,
      vehicle_price_fen, down_payment_fen, requested_amount_fen, term_months, rate_bp, bureau_score, declared_income_band, dti_bp, status,
      approved_amount_fen, submitted_at, decided_at, decision_reasons, decision_version, source, type, updated_at, expires_at, score, risk_tier, vehicle_valuation_fen)
    VALUES (${a.id}, ${a.customerId}, ${a.partnerId}, ${a.channel}, ${a.productType}, ${a.productCode}, ${a.vehicleCondition}, ${a.vehicleAgeMonths}, ${a.mileageKm},
      ${a.vehiclePriceFen}, ${a.downPaymentFen}, ${a.requestedAmountFen}, ${a.termMonths}, ${a.rateBp}, ${a.bureauScore}, ${a.declaredIncomeBand}, ${a.dtiBp}, ${a.status},
      ${a.approvedAmountFen}, ${a.submittedAt}, ${a.decidedAt}, ${JSON.stringify(a.decisionReasons)}::jsonb, ${a.decisionVersion}, ${a.source}, ${a.type}, ${a.submittedAt},
      ${a.expiresAt}, ${a.score}, ${a.riskTier}, ${a.vehicleValuationFen})`;
}

export interface NewDetailsRow {
  applicationId: string;
  submittedAt: Date;
  applicantName: string;
  idNumberHash: string;
  phoneHash: string;
  deviceHash: string | null;
  coIdNumberHash: string | null;
  coPhoneHash: string | null;
  personalEnc: string;
  applicantAge: number;
  employment: string;
  company: unknown;
  vehicle: unknown;
  deal: unknown;
  consents: unknown;
  quoteId: string | null;
  createdBy: ActorRef;
}

export function detailsInsert(d: NewDetailsRow): SQL {
  return sql`
    INSERT INTO application_details (application_id, submitted_at, applicant_name, id_number_hash, phone_hash, device_hash, co_id_number_hash, co_phone_hash,
      personal_enc, applicant_age, employment, company, vehicle, deal, consents, quote_id, created_by_type, created_by_id, created_by_label)
    VALUES (${d.applicationId}, ${d.submittedAt}, ${d.applicantName}, ${d.idNumberHash}, ${d.phoneHash}, ${d.deviceHash}, ${d.coIdNumberHash}, ${d.coPhoneHash},
      ${d.personalEnc}, ${d.applicantAge}, ${d.employment}, ${d.company === null ? null : JSON.stringify(d.company)}::jsonb, ${JSON.stringify(d.vehicle)}::jsonb,
      ${JSON.stringify(d.deal)}::jsonb, ${JSON.stringify(d.consents)}::jsonb, ${d.quoteId}, ${d.createdBy.type}, ${d.createdBy.id}, ${d.createdBy.label})`;
}

export interface NewEvent {
  applicationId: string;
  at: Date;
  from: ApplicationStatus | null;
  to: ApplicationStatus;
  actor: ActorRef;
  reason: string | null;
}

export function eventsInsert(events: readonly NewEvent[]): SQL {
  const values = sql.join(
    events.map((e) => sql`(${e.applicationId}, ${e.at}, ${e.from}, ${e.to}, ${e.actor.type}, ${e.actor.id}, ${e.actor.label}, ${e.reason})`),
    sql`, `,
  );
  return sql`INSERT INTO application_events (application_id, at, from_status, to_status, actor_type, actor_id, actor_label, reason) VALUES ${values}`;
}

export async function insertEvents(tx: DbOrTx, events: readonly NewEvent[]): Promise<void> {
  if (events.length > 0) await tx.execute(eventsInsert(events));
}

export interface NewDecisionRow {
  id: string;
  applicationId: string;
  kind: 'automatic' | 'manual';
  status: string;
  reasons: unknown;
  score: unknown;
  offer: unknown;
  counterOffer: unknown;
  stipulations: unknown;
  input: unknown;
  data: unknown;
  dataUsed: unknown;
  rules: unknown;
  measures: unknown;
  versions: { strategy: { id: string; version: number } | null; model: { id: string; version: string } | null } & Record<string, unknown>;
  timings: Record<string, number>;
  durationMs: number;
  decidedBy: ActorRef;
  note: string | null;
  decidedAt: Date;
}

const json = (v: unknown): SQL => (v === null || v === undefined ? sql`NULL` : sql`${JSON.stringify(v)}::jsonb`);

export function decisionInsert(d: NewDecisionRow): SQL {
  return sql`
    INSERT INTO application_decisions (id, application_id, kind, status, reasons, score, offer, counter_offer, stipulations, input, data, data_used, rules, measures,
      versions, strategy_id, strategy_version, model_id, model_version, timings, duration_ms, decided_by_type, decided_by_id, decided_by_label, note, decided_at)
    VALUES (${d.id}, ${d.applicationId}, ${d.kind}, ${d.status}, ${json(d.reasons)}, ${json(d.score)}, ${json(d.offer)}, ${json(d.counterOffer)}, ${json(d.stipulations)},
      ${json(d.input)}, ${json(d.data)}, ${json(d.dataUsed)}, ${json(d.rules)}, ${json(d.measures)}, ${json(d.versions)}, ${d.versions.strategy?.id ?? null},
      ${d.versions.strategy?.version ?? null}, ${d.versions.model?.id ?? null}, ${d.versions.model?.version ?? null}, ${json(d.timings)}, ${d.durationMs},
      ${d.decidedBy.type}, ${d.decidedBy.id}, ${d.decidedBy.label}, ${d.note}, ${d.decidedAt})`;
}

export async function insertDecision(tx: DbOrTx, d: NewDecisionRow): Promise<void> {
  await tx.execute(decisionInsert(d));
}

export interface NewStipulation {
  applicationId: string;
  decisionId: string;
  type: StipulationType;
  code: string;
  amountFen: number | null;
  message: { zh: string; en: string };
  createdAt: Date;
}

export function stipulationsInsert(items: readonly NewStipulation[]): SQL {
  const values = sql.join(
    items.map((s) => sql`(${s.applicationId}, ${s.decisionId}, ${s.type}, ${s.code}, 'open', ${s.amountFen}, ${JSON.stringify(s.message)}::jsonb, ${s.createdAt})`),
    sql`, `,
  );
  return sql`INSERT INTO application_stipulations (application_id, decision_id, type, code, status, amount_fen, message, created_at) VALUES ${values}`;
}

export async function insertStipulations(tx: DbOrTx, items: readonly NewStipulation[]): Promise<void> {
  if (items.length > 0) await tx.execute(stipulationsInsert(items));
}

export function reviewInsert(applicationId: string, referredAt: Date, slaDueAt: Date): SQL {
  return sql`INSERT INTO application_reviews (application_id, referred_at, sla_due_at) VALUES (${applicationId}, ${referredAt}, ${slaDueAt})`;
}

export interface DecidedApplication {
  application: NewApplicationRow;
  details: NewDetailsRow;
  events: readonly NewEvent[];
  decision: NewDecisionRow;
  stipulations: readonly NewStipulation[];
  review: { referredAt: Date; slaDueAt: Date } | null;
}

/**
 * Stores a decided application in ONE statement: the applications row, with its details, events,
 * decision audit, stipulations and review claim as data-modifying CTEs. One round trip instead of
 * six (the foreign keys are checked at the end of the statement, when the parent row exists).
 */
export async function insertDecidedApplication(db: DbOrTx, x: DecidedApplication): Promise<void> {
  const children: SQL[] = [detailsInsert(x.details), eventsInsert(x.events), decisionInsert(x.decision)];
  if (x.stipulations.length > 0) children.push(stipulationsInsert(x.stipulations));
  if (x.review) children.push(reviewInsert(x.application.id, x.review.referredAt, x.review.slaDueAt));
  const ctes = sql.join(
    children.map((c, i) => sql`${sql.raw(`w${i}`)} AS (${c})`),
    sql`, `,
  );
  await db.execute(sql`WITH ${ctes} ${applicationInsert(x.application)}`);
}

// ---------------------------------------------------------------- reads

export interface ApplicationRow {
  id: string;
  customer_id: string;
  partner_id: string | null;
  channel: string;
  type: string;
  status: ApplicationStatus;
  product_code: string | null;
  vehicle_price_fen: string | number;
  down_payment_fen: string | number;
  requested_amount_fen: string | number;
  term_months: number;
  score: number | null;
  risk_tier: string | null;
  submitted_at: Date | string;
  decided_at: Date | string | null;
  updated_at: Date | string | null;
  expires_at: Date | string | null;
  applicant_name: string;
  id_number_hash: string;
  personal_enc: string;
  applicant_age: number;
  employment: string;
  company: unknown;
  vehicle: unknown;
  deal: unknown;
  consents: unknown;
  quote_id: string | null;
}

/** The application with its details; null when it does not exist, is not an API application, or lies outside `partnerIds`. */
export async function findApplication(db: DbOrTx, id: string, partnerIds: readonly string[] | null, forUpdate = false): Promise<ApplicationRow | null> {
  const scope = partnerIds === null ? sql`` : sql` AND a.partner_id = ANY(${toPgArray(partnerIds)}::uuid[])`;
  const lock = forUpdate ? sql` FOR UPDATE OF a` : sql``;
  const rows = rowsOf<ApplicationRow>(
    await db.execute(sql`
      SELECT a.id, a.customer_id, a.partner_id, a.channel, a.type, a.status, a.product_code, a.vehicle_price_fen, a.down_payment_fen, a.requested_amount_fen,
             a.term_months::int AS term_months, a.score, a.risk_tier, a.submitted_at, a.decided_at, a.updated_at, a.expires_at,
             d.applicant_name, d.id_number_hash, d.personal_enc, d.applicant_age::int AS applicant_age, d.employment, d.company, d.vehicle, d.deal, d.consents, d.quote_id
        FROM applications a JOIN application_details d ON d.application_id = a.id
       WHERE a.id = ${id}${scope}${lock}`),
  );
  return rows[0] ?? null;
}

/** node-postgres and PGlite both take a JS array for `= ANY($1)`; a Postgres array literal works for both without driver differences. */
export function toPgArray(values: readonly string[]): string {
  return `{${values.map((v) => `"${v.replace(/["\\]/g, '\\$&')}"`).join(',')}}`;
}

export interface DecisionRow {
  id: string;
  kind: 'automatic' | 'manual';
  status: string;
  reasons: unknown;
  score: unknown;
  offer: unknown;
  counter_offer: unknown;
  stipulations: unknown;
  input: unknown;
  data: unknown;
  data_used: unknown;
  rules: unknown;
  measures: unknown;
  versions: unknown;
  timings: unknown;
  duration_ms: number;
  decided_by_type: ActorRef['type'];
  decided_by_id: string | null;
  decided_by_label: string | null;
  note: string | null;
  decided_at: Date | string;
}

export async function listDecisions(db: DbOrTx, applicationId: string): Promise<DecisionRow[]> {
  return rowsOf<DecisionRow>(await db.execute(sql`SELECT * FROM application_decisions WHERE application_id = ${applicationId} ORDER BY decided_at, id`));
}

export interface EventRow {
  id: string | number;
  at: Date | string;
  from_status: ApplicationStatus | null;
  to_status: ApplicationStatus;
  actor_type: ActorRef['type'];
  actor_id: string | null;
  actor_label: string | null;
  reason: string | null;
}

export async function listEvents(db: DbOrTx, applicationId: string): Promise<EventRow[]> {
  return rowsOf<EventRow>(await db.execute(sql`SELECT * FROM application_events WHERE application_id = ${applicationId} ORDER BY at, id`));
}

export interface StipulationRow {
  id: string;
  decision_id: string | null;
  type: StipulationType;
  code: string;
  status: 'open' | 'satisfied' | 'waived';
  amount_fen: string | number | null;
  message: { zh: string; en: string };
  created_at: Date | string;
  verified_by_id: string | null;
  verified_by_label: string | null;
  verified_at: Date | string | null;
  note: string | null;
}

export async function listStipulations(db: DbOrTx, applicationId: string, forUpdate = false): Promise<StipulationRow[]> {
  const lock = forUpdate ? sql` FOR UPDATE` : sql``;
  return rowsOf<StipulationRow>(await db.execute(sql`SELECT * FROM application_stipulations WHERE application_id = ${applicationId} ORDER BY created_at, type${lock}`));
}

export interface ReviewRow {
  application_id: string;
  referred_at: Date | string;
  sla_due_at: Date | string;
  claimed_by_id: string | null;
  claimed_by_label: string | null;
  claimed_at: Date | string | null;
  decided_at: Date | string | null;
}

export async function findReview(db: DbOrTx, applicationId: string): Promise<ReviewRow | null> {
  return rowsOf<ReviewRow>(await db.execute(sql`SELECT * FROM application_reviews WHERE application_id = ${applicationId}`))[0] ?? null;
}

/** Moves the application to `to` (the caller has checked the transition) and records the event. */
export async function updateStatus(tx: DbOrTx, e: NewEvent, extra: { decidedAt?: Date; approvedAmountFen?: number | null; rateBp?: number | null } = {}): Promise<void> {
  const sets: SQL[] = [sql`status = ${e.to}`, sql`updated_at = ${e.at}`];
  if (extra.decidedAt) sets.push(sql`decided_at = ${extra.decidedAt}`);
  if (extra.approvedAmountFen !== undefined) sets.push(sql`approved_amount_fen = ${extra.approvedAmountFen}`);
  if (extra.rateBp !== undefined) sets.push(sql`rate_bp = ${extra.rateBp}`);
  await tx.execute(sql`UPDATE applications SET ${sql.join(sets, sql`, `)} WHERE id = ${e.applicationId}`);
  await insertEvents(tx, [e]);
}
