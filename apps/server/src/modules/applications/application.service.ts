import { randomUUID } from 'node:crypto';
import { sql, type Database, type DbOrTx } from '@autofin/db';
import {
  type ApplicationActorKind,
  type ApplicationCreated,
  type ApplicationDetail,
  type ApplicationListQuery,
  type ApplicationPage,
  type ApplicationStatus,
  type DecisionData,
  type DecisionInput,
  type DecisionResult,
  type ParsedApplicationCreateBody,
  type ScorecardModel,
} from '@autofin/contracts';
import {
  decideApplication,
  defaultFuelOf,
  DomainError,
  incomeBandOf,
  isOpenStatus,
  maskIdNumber,
  maskPhone,
  parseMoney,
  settleStipulation as settleStipulationRule,
  transitionApplication,
  valuationModelV1,
  valueVehicle,
  type DecisionContext,
  type StipulationState,
} from '@autofin/domain';
import type { AuditActor } from '../audit/audit.repository.ts';
import { recordAudit } from '../audit/audit.repository.ts';
import { createApplicantCustomer } from '../customers/customer-identity.repository.ts';
import { getDecisionSetup } from '../decisioning/decision-setup.service.ts';
import { getActiveGrid } from '../pricing/pricing.repository.ts';
import { sellableProducts } from '../products/product.repository.ts';
import { businessDate } from '../quotes/business-date.ts';
import type { PersonalDataProtector } from '../../security/personal-data.ts';
import { hasApplicationChangeSinks, publishApplicationChanges, type ApplicationChange } from './application-events.ts';
import { toDecisionInput, validateApplication, type ValidatedApplication } from './application-input.ts';
import {
  applicationView,
  decisionAuditView,
  decisionView,
  eventView,
  iso,
  stipulationView,
  summaryView,
  type PersonalData,
  type SummaryRow,
} from './application-view.ts';
import {
  findApplication,
  findReview,
  insertDecidedApplication,
  listDecisions,
  listEvents,
  listStipulations,
  rowsOf,
  toPgArray,
  updateStatus,
  type ActorRef,
  type ApplicationRow,
  type DecidedApplication,
  type NewEvent,
} from './application.repository.ts';
import { demoMarketSeed, demoMarketIdHash, loadDecisionData } from './decision-data.repository.ts';

/** An open application not moved on for this long expires (the offer and the bureau data go stale). */
export const APPLICATION_EXPIRY_DAYS = 30;
/** A referral should be decided within this many hours (the review queue's SLA). */
export const REVIEW_SLA_HOURS = 4;

/**
 * Who acts: `kind` is the lifecycle's actor (system, reviewer, partner, dealer_ops), `audit` is who
 * it is for the timeline and the audit log (a user, a partner's API key, the system).
 */
export interface ApplicationActor {
  kind: ApplicationActorKind;
  audit: AuditActor;
  requestId?: string | undefined;
}

export interface ServiceScope {
  /** The partner API passes the partners (dealers) a key may see; the console passes null (all). */
  partnerIds: readonly string[] | null;
}

const CONSOLE: ServiceScope = { partnerIds: null };

function actorRef(a: ApplicationActor): ActorRef {
  return { type: a.audit.type, id: a.audit.id ?? null, label: a.audit.label ?? null };
}

const SYSTEM_ENGINE: ActorRef = { type: 'system', id: null, label: 'decision engine' };

// ---------------------------------------------------------------- create

interface Loaded {
  validated: ValidatedApplication;
  input: DecisionInput;
  data: DecisionData;
  dataUsed: Array<{ source: string; used: boolean; detail: string }>;
  customer: { id: string; source: string } | null;
  hashes: { id: string; phone: string; device: string | null; coId: string | null; coPhone: string | null };
  valuationFen: number | null;
}

/** The demo market's seed, kept per database for a minute (it changes only when the market is reset). */
const demoSeedCache = new WeakMap<object, { at: number; seed: number | null }>();
async function demoHash(db: DbOrTx, idNumber: string): Promise<string | null> {
  const now = Date.now();
  let entry = demoSeedCache.get(db);
  if (!entry || now - entry.at > 60_000) {
    entry = { at: now, seed: await demoMarketSeed(db) };
    demoSeedCache.set(db, entry);
  }
  return entry.seed === null ? null : demoMarketIdHash(entry.seed, idNumber);
}

async function loadForDecision(database: Database, protector: PersonalDataProtector, body: ParsedApplicationCreateBody, scope: ServiceScope, applicationId: string, now: Date, today: string, products: Awaited<ReturnType<typeof sellableProducts>>): Promise<Loaded> {
  const db = database.db;
  const validated = validateApplication(body, today, products);
  if (body.dealerId !== undefined && scope.partnerIds !== null && !scope.partnerIds.includes(body.dealerId)) {
    throw new DomainError('APPLICATION_INVALID', `dealerId: ${body.dealerId} is not a dealer this key may submit for`, [{ field: 'dealerId', message: 'is not one of your dealers' }]);
  }
  const hashes = {
    id: protector.keyedHash('id_number', validated.applicant.idNumber),
    phone: protector.keyedHash('phone', body.applicant.phone),
    device: body.device?.id ? protector.keyedHash('device_id', body.device.id) : null,
    coId: validated.coApplicant ? protector.keyedHash('id_number', validated.coApplicant.idNumber) : null,
    coPhone: body.coApplicant ? protector.keyedHash('phone', body.coApplicant.phone) : null,
  };
  const demo = await demoHash(db, validated.applicant.idNumber);
  // Everything outside the application the decision uses, in one round trip (decision-data.repository.ts).
  const found = await loadDecisionData(db, {
    idNumberHashes: demo ? [hashes.id, demo] : [hashes.id],
    keys: { idNumberHash: hashes.id, phoneHash: hashes.phone, deviceHash: hashes.device, dealerId: body.dealerId ?? null, now },
    city: body.applicant.address?.city,
    // validateApplication refused the application without the credit-check consent, so the
    // bureau is asked only with it (DESIGN.md rule 8: consent checked where the data is used).
    bureau: body.consents.creditCheck,
  });
  if (body.dealerId !== undefined && !found.dealerExists) {
    throw new DomainError('APPLICATION_INVALID', `dealerId: no partner has the id ${body.dealerId}`, [{ field: 'dealerId', message: 'is not a known dealer' }]);
  }
  const { customer, blacklistHits, dealer, city, bureau } = found;

  const input = toDecisionInput(validated, { applicationId, submittedAt: now.toISOString(), idNumberHash: hashes.id, coIdNumberHash: hashes.coId, deviceHash: hashes.device });
  const data: DecisionData = { bureau: bureau?.bureau ?? null, velocity: found.velocity, phoneIdentities: found.phoneIdentities, blacklistHits, dealer, cityTier: city.tier };
  const dataUsed = [
    { source: 'bureau', used: bureau !== null, detail: bureau ? `consent given; ${bureau.detail}` : 'not queried: no credit-check consent' },
    { source: 'velocity', used: true, detail: 'earlier applications with the same ID number, phone or device (keyed hashes) in 24 h and 7 days; other identities on this phone' },
    { source: 'blacklist', used: true, detail: blacklistHits.length > 0 ? `${blacklistHits.length} hit(s): ${blacklistHits.map((h) => h.list).join(', ')}` : 'no hit' },
    { source: 'dealer_statistics', used: dealer !== null, detail: dealer ? `dealer ${body.dealerId}: ${dealer.weekCount} this week, trailing average ${dealer.trailingWeeklyAverage.toFixed(2)}/week` : 'direct application: no dealer' },
    { source: 'city_tier', used: true, detail: city.known ? `city ${body.applicant.address?.city} → tier ${city.tier}` : 'no known city in the address: tier 2 assumed' },
    { source: 'customer_match', used: customer !== null, detail: customer ? `existing customer (${customer.source === 'simulator' ? 'simulated market, 演示数据' : customer.source})` : 'first application of this person' },
  ];
  let valuationFen: number | null = null;
  if (body.vehicle.category === 'used' && input.vehicle.listPriceFen !== null) {
    const v = body.vehicle;
    valuationFen = valueVehicle(
      { segment: v.segment ?? 'mid', fuel: v.fuel ?? defaultFuelOf(v.category), listPriceFen: input.vehicle.listPriceFen, ageMonths: input.vehicle.ageMonths, mileageKm: input.vehicle.mileageKm },
      valuationModelV1,
    ).valueFen;
  }
  return { validated, input, data, dataUsed, customer, hashes, valuationFen };
}

/** The decision input for the audit: the same as the engine saw it, with the ID numbers and phones masked. */
function maskedInput(input: DecisionInput): unknown {
  const mask = (a: DecisionInput['applicant']) => ({ ...a, idNumber: maskIdNumber(a.idNumber), phone: maskPhone(a.phone) });
  return { ...input, applicant: mask(input.applicant), coApplicant: input.coApplicant ? mask(input.coApplicant) : null };
}

function decisionEvents(applicationId: string, submittedBy: ActorRef, status: ApplicationStatus, at: Date): NewEvent[] {
  const received: NewEvent = { applicationId, at, from: null, to: 'received', actor: submittedBy, reason: 'application submitted' };
  transitionApplication({ from: 'received', to: 'in_review', actor: 'system' });
  transitionApplication({ from: 'in_review', to: status, actor: 'system' });
  return [
    received,
    { applicationId, at, from: 'received', to: 'in_review', actor: SYSTEM_ENGINE, reason: 'automatic decision started' },
    { applicationId, at, from: 'in_review', to: status, actor: SYSTEM_ENGINE, reason: `automatic decision: ${status}` },
  ];
}

const bp = (percent: string | null | undefined): number | null => (percent === null || percent === undefined ? null : Math.round(Number(percent) * 100));

/**
 * Creates and decides one application: validates (400/422 naming the field, nothing stored),
 * loads what the decision needs (velocity, blacklist, dealer statistics, the demo bureau with
 * consent, products and grid from the quotes module's caches, the strategy and models from the
 * registry), decides in the domain, and stores the customer (when new), the application, its
 * details, events, decision audit, stipulations and review claim in ONE transaction.
 *
 * `scope.partnerIds` (partner API) limits the dealerId a caller may submit for.
 */
export async function createApplication(
  database: Database,
  protector: PersonalDataProtector,
  body: ParsedApplicationCreateBody,
  actor: ApplicationActor,
  scope: ServiceScope = CONSOLE,
  opts: { now?: Date } = {},
): Promise<ApplicationCreated> {
  const started = performance.now();
  const now = opts.now ?? new Date();
  const today = businessDate(now);
  const db = database.db;
  const [products, grid, setup] = await Promise.all([sellableProducts(db, today), getActiveGrid(db), getDecisionSetup(db)]);
  const applicationId = randomUUID();
  const loaded = await loadForDecision(database, protector, body, scope, applicationId, now, today, products);
  const loadedAt = performance.now();

  const ctx: DecisionContext = { ...loaded.data, now: now.toISOString(), products, grid, valuationModel: valuationModelV1 };
  const models: ScorecardModel[] = [...(setup.champion ? [setup.champion.model] : []), ...setup.challengers.map((c) => c.model)];
  const result: DecisionResult = decideApplication(loaded.input, ctx, setup.strategy.definition, models, { clock: () => performance.now() });
  const decidedAt = performance.now();

  const { validated, hashes } = loaded;
  const submittedBy = actorRef(actor);
  const decisionId = randomUUID();
  const status = result.status;
  const events = decisionEvents(applicationId, submittedBy, status, now);
  const personal: PersonalData = {
    applicant: body.applicant,
    coApplicant: body.coApplicant ?? null,
    device: body.device ?? null,
    ages: { applicant: validated.applicant.age, coApplicant: validated.coApplicant?.age ?? null },
  };
  const productType = products.find((p) => p.definition.code === (result.offer?.productCode ?? body.deal.productCode))?.definition.type ?? 'loan';
  const versions = { ...result.versions };

  const stored = (customerId: string): DecidedApplication => ({
    application: {
      id: applicationId,
      customerId,
      partnerId: body.dealerId ?? null,
      channel: body.channel,
      type: body.type,
      productType,
      productCode: result.offer?.productCode ?? body.deal.productCode ?? null,
      vehicleCondition: body.vehicle.category === 'used' ? 'used' : 'new',
      vehicleAgeMonths: body.vehicle.ageMonths ?? 0,
      mileageKm: body.vehicle.mileageKm ?? 0,
      vehiclePriceFen: validated.priceFen,
      vehicleValuationFen: loaded.valuationFen,
      downPaymentFen: validated.downPaymentFen,
      requestedAmountFen: validated.requestedAmountFen,
      termMonths: body.deal.term,
      rateBp: bp(result.offer?.annualRate),
      bureauScore: loaded.data.bureau?.status === 'scored' ? loaded.data.bureau.score : null,
      declaredIncomeBand: incomeBandOf(validated.applicant.incomeFen),
      dtiBp: bp(result.measures.dti),
      status,
      approvedAmountFen: result.offer && (status === 'approved' || status === 'conditionally_approved') ? validated.requestedAmountFen : null,
      submittedAt: now,
      decidedAt: now,
      decisionReasons: result.reasons.map((r) => ({ code: r.code, detail: r.en })),
      decisionVersion: `${result.versions.strategy.id}@${result.versions.strategy.version}`,
      source: actor.audit.type === 'partner_key' ? 'partner_api' : 'console',
      expiresAt: new Date(now.getTime() + APPLICATION_EXPIRY_DAYS * 86_400_000),
      score: result.score?.points ?? null,
      riskTier: result.score?.tier ?? null,
    },
    details: {
      applicationId,
      submittedAt: now,
      applicantName: body.applicant.name,
      idNumberHash: hashes.id,
      phoneHash: hashes.phone,
      deviceHash: hashes.device,
      coIdNumberHash: hashes.coId,
      coPhoneHash: hashes.coPhone,
      personalEnc: protector.encrypt(JSON.stringify(personal), applicationId),
      applicantAge: validated.applicant.age,
      employment: body.applicant.employment,
      company: body.company ?? null,
      vehicle: body.vehicle,
      deal: body.deal,
      consents: { ...body.consents, givenAt: now.toISOString() },
      quoteId: body.quoteId ?? null,
      createdBy: submittedBy,
    },
    events,
    decision: {
      id: decisionId,
      applicationId,
      kind: 'automatic',
      status,
      reasons: result.reasons,
      score: result.score,
      offer: result.offer,
      counterOffer: result.counterOffer,
      stipulations: result.stipulations,
      input: maskedInput(loaded.input),
      data: loaded.data,
      dataUsed: loaded.dataUsed,
      rules: result.rules,
      measures: result.measures,
      versions,
      timings: { ...result.timings, loadMs: round(loadedAt - started), decideMs: round(decidedAt - loadedAt) },
      durationMs: round(decidedAt - started),
      decidedBy: SYSTEM_ENGINE,
      note: null,
      decidedAt: now,
    },
    stipulations:
      status === 'conditionally_approved'
        ? result.stipulations.map((s) => ({ applicationId, decisionId, type: s.type, code: s.code, amountFen: s.amount === null ? null : parseMoney(s.amount), message: { zh: s.zh, en: s.en }, createdAt: now }))
        : [],
    review: status === 'referred' ? { referredAt: now, slaDueAt: new Date(now.getTime() + REVIEW_SLA_HOURS * 3_600_000) } : null,
  });
  const changes: ApplicationChange[] = [
    { type: 'application.status_changed', applicationId, partnerId: body.dealerId ?? null, from: null, to: status, at: now },
    { type: 'application.decided', applicationId, partnerId: body.dealerId ?? null, status, decisionId, at: now },
  ];

  if (loaded.customer && !hasApplicationChangeSinks()) {
    // A known customer and no one listening: a single statement is already atomic.
    await insertDecidedApplication(db, stored(loaded.customer.id));
  } else {
    await db.transaction(async (tx) => {
      const customerId =
        loaded.customer?.id ??
        (await createApplicantCustomer(tx, {
          name: body.applicant.name,
          phone: body.applicant.phone,
          idNumberHash: hashes.id,
          idNumberEnc: protector.encrypt(validated.applicant.idNumber, 'customer.id_number'),
          phoneHash: hashes.phone,
          birthDate: validated.applicant.birthDate,
          gender: validated.applicant.gender,
          occupation: body.applicant.employment,
          incomeBand: incomeBandOf(validated.applicant.incomeFen),
          email: body.applicant.email ?? null,
          at: now,
        }));
      await insertDecidedApplication(tx, stored(customerId));
      await publishApplicationChanges(tx, changes);
    });
  }

  const created: ApplicationCreated = {
    id: applicationId,
    status,
    submittedAt: now.toISOString(),
    decision: {
      id: decisionId,
      kind: 'automatic',
      status,
      reasons: result.reasons,
      score: result.score,
      offer: result.offer,
      counterOffer: result.counterOffer,
      stipulations: result.stipulations,
      versions,
      decidedBy: SYSTEM_ENGINE,
      note: null,
      decidedAt: now.toISOString(),
      durationMs: round(decidedAt - started),
    },
  };
  // Validated once, by the route's response serializer (the contract is ApplicationCreated).
  return created;
}

const round = (ms: number): number => Math.round(ms * 1000) / 1000;

// ---------------------------------------------------------------- read

export const UNMASK_ROLES = ['admin', 'risk', 'compliance'] as const;

function decryptPersonal(protector: PersonalDataProtector, row: ApplicationRow): PersonalData {
  return JSON.parse(protector.decrypt(row.personal_enc, row.id)) as PersonalData;
}

async function requireApplication(db: DbOrTx, id: string, scope: ServiceScope, forUpdate = false): Promise<ApplicationRow> {
  const row = await findApplication(db, id, scope.partnerIds, forUpdate);
  // Another partner's application answers exactly as a missing one (DESIGN.md: isolation).
  if (!row) throw new DomainError('NOT_FOUND', `No application ${id}.`);
  return row;
}

export interface DetailOptions {
  /** Unmask personal data: the caller checked the role; the reason is written to the audit log. */
  unmask?: { reason: string; actor: ApplicationActor } | null;
}

/** The application with its timeline, stipulations, every decision, the latest decision's audit and the review state. */
export async function getApplicationDetail(database: Database, protector: PersonalDataProtector, id: string, scope: ServiceScope = CONSOLE, opts: DetailOptions = {}, db: DbOrTx = database.db): Promise<ApplicationDetail> {
  const row = await requireApplication(db, id, scope);
  const [decisions, events, stipulations, review] = [await listDecisions(db, id), await listEvents(db, id), await listStipulations(db, id), await findReview(db, id)];
  const unmasked = Boolean(opts.unmask);
  if (opts.unmask) {
    await recordAudit(db, {
      actor: opts.unmask.actor.audit,
      action: 'application.unmasked',
      entityType: 'application',
      entityId: id,
      after: { reason: opts.unmask.reason, fields: ['name', 'idNumber', 'phone', 'email', 'monthlyIncome', 'monthlyDebtPayments', 'employer', 'address.line'] },
      requestId: opts.unmask.actor.requestId,
    });
  }
  const latest = decisions[decisions.length - 1] ?? null;
  const now = Date.now();
  return {
    application: applicationView(row, decryptPersonal(protector, row), unmasked),
    decision: latest ? decisionView(latest) : null,
    decisions: decisions.map(decisionView),
    audit: latest ? decisionAuditView(latest, unmasked) : null,
    timeline: events.map(eventView),
    stipulations: stipulations.map(stipulationView),
    review: review
      ? {
          claimedBy: review.claimed_by_id ? { id: review.claimed_by_id, label: review.claimed_by_label } : null,
          claimedAt: review.claimed_at ? iso(review.claimed_at) : null,
          slaDueAt: iso(review.sla_due_at),
          overdue: review.decided_at === null && new Date(review.sla_due_at).getTime() < now,
        }
      : null,
  };
}

// ---------------------------------------------------------------- list

function encodeCursor(at: string, id: string): string {
  return Buffer.from(`${at}|${id}`, 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string | undefined, field = 'cursor'): { at: Date; id: string } | null {
  if (!cursor) return null;
  const [at, id] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  const date = at ? new Date(at) : null;
  if (!date || Number.isNaN(date.getTime()) || !id || !/^[0-9a-f-]{36}$/i.test(id)) {
    throw new DomainError('VALIDATION_FAILED', `${field}: not a cursor this API returned`, [{ field, message: 'is not a cursor returned by this endpoint' }]);
  }
  return { at: date, id };
}

/** Newest change first, cursor-paginated; only applications created through the API (the simulated market has no applicant details). */
export async function listApplications(database: Database, protector: PersonalDataProtector, query: ApplicationListQuery, scope: ServiceScope = CONSOLE): Promise<ApplicationPage> {
  const where = [sql`TRUE`];
  if (scope.partnerIds !== null) where.push(sql`a.partner_id = ANY(${toPgArray(scope.partnerIds)}::uuid[])`);
  if (query.status) where.push(sql`a.status = ANY(${toPgArray(query.status)}::text[])`);
  if (query.dealerId) where.push(sql`a.partner_id = ${query.dealerId}`);
  if (query.updatedSince) where.push(sql`coalesce(a.updated_at, a.submitted_at) >= ${new Date(query.updatedSince)}`);
  if (query.q) {
    const q = query.q.trim();
    if (/^\d{17}[\dXx]$/.test(q)) where.push(sql`d.id_number_hash = ${protector.keyedHash('id_number', q)}`);
    else if (/^(\+?86)?1[3-9]\d{9}$/.test(q.replace(/[\s-]/g, ''))) where.push(sql`d.phone_hash = ${protector.keyedHash('phone', q)}`);
    else if (/^[0-9a-f-]{8,36}$/i.test(q)) where.push(sql`a.id::text LIKE ${`${q.toLowerCase()}%`}`);
    else where.push(sql`d.applicant_name LIKE ${`${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`}`);
  }
  const cursor = decodeCursor(query.cursor);
  if (cursor) where.push(sql`(coalesce(a.updated_at, a.submitted_at), a.id) < (${cursor.at}, ${cursor.id})`);
  const rows = rowsOf<SummaryRow>(
    await database.db.execute(sql`
      SELECT a.id, a.type, a.status, d.applicant_name, a.partner_id, a.channel, d.vehicle, a.vehicle_price_fen, a.requested_amount_fen, a.term_months::int AS term_months,
             a.product_code, a.score, a.risk_tier, a.submitted_at, a.updated_at
        FROM applications a JOIN application_details d ON d.application_id = a.id
       WHERE ${sql.join(where, sql` AND `)}
       ORDER BY coalesce(a.updated_at, a.submitted_at) DESC, a.id DESC
       LIMIT ${query.limit + 1}`),
  );
  const page = rows.slice(0, query.limit);
  const items = page.map(summaryView);
  const last = items[items.length - 1];
  return { items, nextCursor: rows.length > query.limit && last ? encodeCursor(last.updatedAt, last.id) : null };
}

// ---------------------------------------------------------------- lifecycle

async function settledStates(db: DbOrTx, id: string): Promise<StipulationState[]> {
  return (await listStipulations(db, id, true)).map((s) => ({
    type: s.type,
    status: s.status,
    amountFen: s.amount_fen === null ? null : Number(s.amount_fen),
    verifiedBy: null,
    verifiedAt: null,
    note: s.note,
  }));
}

/**
 * One status change by `actor` (withdraw, contract, fund): the row is locked, the lifecycle
 * checks the move (409 naming it otherwise), the change and its event commit together.
 */
export async function transition(
  database: Database,
  protector: PersonalDataProtector,
  id: string,
  to: ApplicationStatus,
  actor: ApplicationActor,
  note: string | undefined,
  scope: ServiceScope = CONSOLE,
): Promise<ApplicationDetail> {
  return database.db.transaction(async (tx) => {
    const row = await requireApplication(tx, id, scope, true);
    const stipulations = row.status === 'conditionally_approved' ? await settledStates(tx, id) : [];
    transitionApplication({ from: row.status, to, actor: actor.kind, stipulations });
    const at = new Date();
    await updateStatus(tx, { applicationId: id, at, from: row.status, to, actor: actorRef(actor), reason: note ?? null });
    await recordAudit(tx, { actor: actor.audit, action: `application.${to}`, entityType: 'application', entityId: id, before: { status: row.status }, after: { status: to, note: note ?? null }, requestId: actor.requestId });
    await publishApplicationChanges(tx, [{ type: 'application.status_changed', applicationId: id, partnerId: row.partner_id, from: row.status, to, at }]);
    return getApplicationDetail(database, protector, id, scope, {}, tx);
  });
}

/** Satisfies or waives one stipulation (who verified it, when, the note), audited. */
export async function settleStipulation(
  database: Database,
  protector: PersonalDataProtector,
  applicationId: string,
  stipulationId: string,
  change: { status: 'satisfied' | 'waived'; note: string },
  actor: ApplicationActor,
  scope: ServiceScope = CONSOLE,
): Promise<ApplicationDetail> {
  return database.db.transaction(async (tx) => {
    const row = await requireApplication(tx, applicationId, scope, true);
    const stip = (await listStipulations(tx, applicationId, true)).find((s) => s.id === stipulationId);
    if (!stip) throw new DomainError('NOT_FOUND', `Application ${applicationId} has no stipulation ${stipulationId}.`);
    if (!isOpenStatus(row.status)) {
      throw new DomainError('APPLICATION_INVALID_TRANSITION', `the application is ${row.status}: its stipulations are closed`, [{ field: 'status', message: `is ${row.status}` }]);
    }
    const at = new Date();
    settleStipulationRule(
      { type: stip.type, status: stip.status, amountFen: stip.amount_fen === null ? null : Number(stip.amount_fen), verifiedBy: null, verifiedAt: null, note: stip.note },
      { to: change.status, by: { kind: actor.kind, id: actor.audit.id ?? 'system' }, at: at.toISOString(), note: change.note },
    );
    await tx.execute(sql`
      UPDATE application_stipulations SET status = ${change.status}, verified_by_id = ${actor.audit.id ?? null}, verified_by_label = ${actor.audit.label ?? null},
             verified_at = ${at}, note = ${change.note}
       WHERE id = ${stipulationId}`);
    await tx.execute(sql`UPDATE applications SET updated_at = ${at} WHERE id = ${applicationId}`);
    await recordAudit(tx, {
      actor: actor.audit,
      action: `application.stipulation_${change.status}`,
      entityType: 'application',
      entityId: applicationId,
      before: { stipulationId, type: stip.type, status: stip.status },
      after: { stipulationId, type: stip.type, status: change.status, note: change.note },
      requestId: actor.requestId,
    });
    await publishApplicationChanges(tx, [{ type: 'application.stipulation_updated', applicationId, partnerId: row.partner_id, stipulationId, status: change.status, at }]);
    return getApplicationDetail(database, protector, applicationId, scope, {}, tx);
  });
}

/**
 * Expires open applications past their expires_at (set at submission: APPLICATION_EXPIRY_DAYS),
 * in batches, set-based: the rows are locked with SKIP LOCKED so several server instances can
 * run it side by side, and each expiry gets its timeline event in the same statement.
 */
export async function expireStaleApplications(database: Database, now: Date = new Date(), batch = 500): Promise<number> {
  const open = toPgArray(['received', 'in_review', 'referred', 'approved', 'conditionally_approved']);
  return database.db.transaction(async (tx) => {
    const rows = rowsOf<{ application_id: string; partner_id: string | null; from_status: ApplicationStatus }>(
      await tx.execute(sql`
        WITH due AS (
          SELECT id, status, partner_id FROM applications
           WHERE expires_at < ${now} AND status = ANY(${open}::text[])
           ORDER BY expires_at LIMIT ${batch} FOR UPDATE SKIP LOCKED),
        upd AS (
          UPDATE applications a SET status = 'expired', updated_at = ${now} FROM due WHERE a.id = due.id RETURNING a.id, due.status AS from_status, due.partner_id)
        INSERT INTO application_events (application_id, at, from_status, to_status, actor_type, actor_id, actor_label, reason)
        SELECT id, ${now}, from_status, 'expired', 'system', NULL, 'expiry job', ${`not moved on within ${APPLICATION_EXPIRY_DAYS} days`} FROM upd
        RETURNING application_id, from_status, (SELECT partner_id FROM upd WHERE upd.id = application_id) AS partner_id`),
    );
    await publishApplicationChanges(
      tx,
      rows.map((r) => ({ type: 'application.status_changed' as const, applicationId: r.application_id, partnerId: r.partner_id, from: r.from_status, to: 'expired' as const, at: now })),
    );
    return rows.length;
  });
}
