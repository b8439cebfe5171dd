import { randomUUID } from 'node:crypto';
import { sql, type Database } from '@autofin/db';
import type {
  ApplicationDetail,
  DecisionData,
  DecisionInput,
  DecisionOffer,
  DecisionStipulation,
  ManualDecisionBody,
  ReviewQueuePage,
  ReviewQueueQuery,
  SimilarApplications,
} from '@autofin/contracts';
import { decisionOfferOf, DomainError, formatMoney, parseMoney, priceRequest, transitionApplication, valuationModelV1, type DecisionContext } from '@autofin/domain';
import { recordAudit } from '../audit/audit.repository.ts';
import { getActiveGrid } from '../pricing/pricing.repository.ts';
import { sellableProducts } from '../products/product.repository.ts';
import { businessDate } from '../quotes/business-date.ts';
import type { PersonalDataProtector } from '../../security/personal-data.ts';
import { publishApplicationChanges } from './application-events.ts';
import { decodeCursor, getApplicationDetail, REVIEW_SLA_HOURS, type ApplicationActor, type ServiceScope } from './application.service.ts';
import { findApplication, findReview, insertDecision, insertStipulations, listDecisions, rowsOf, toPgArray, updateStatus } from './application.repository.ts';
import { iso, STIPULATION_LABELS, summaryView, type SummaryRow } from './application-view.ts';

const CONSOLE: ServiceScope = { partnerIds: null };

interface QueueRow extends SummaryRow {
  sla_due_at: Date | string;
  claimed_by_id: string | null;
  claimed_by_label: string | null;
  claimed_at: Date | string | null;
  reasons: ReviewQueuePage['items'][number]['reasons'] | null;
  pd: number | string | null;
}

/** Referred applications not yet decided, the most urgent SLA first. */
export async function listReviewQueue(database: Database, query: ReviewQueueQuery, me: { id: string }, scope: ServiceScope = CONSOLE, now: Date = new Date()): Promise<ReviewQueuePage> {
  const where = [sql`a.status = 'referred'`, sql`r.decided_at IS NULL`];
  if (scope.partnerIds !== null) where.push(sql`a.partner_id = ANY(${toPgArray(scope.partnerIds)}::uuid[])`);
  if (query.claim === 'mine') where.push(sql`r.claimed_by_id = ${me.id}`);
  if (query.claim === 'unclaimed') where.push(sql`r.claimed_by_id IS NULL`);
  if (query.overdue === true) where.push(sql`r.sla_due_at < ${now}`);
  if (query.overdue === false) where.push(sql`r.sla_due_at >= ${now}`);
  if (query.dealerId) where.push(sql`a.partner_id = ${query.dealerId}`);
  const base = sql.join(where, sql` AND `);
  const cursor = decodeCursor(query.cursor);
  const page = cursor ? sql` AND (r.sla_due_at, a.id) > (${cursor.at}, ${cursor.id})` : sql``;
  const rows = rowsOf<QueueRow>(
    await database.db.execute(sql`
      SELECT a.id, a.type, a.status, d.applicant_name, a.partner_id, a.channel, d.vehicle, a.vehicle_price_fen, a.requested_amount_fen, a.term_months::int AS term_months,
             a.product_code, a.score, a.risk_tier, a.submitted_at, a.updated_at, r.sla_due_at, r.claimed_by_id, r.claimed_by_label, r.claimed_at,
             x.reasons, x.score->>'pd' AS pd
        FROM application_reviews r
        JOIN applications a ON a.id = r.application_id
        JOIN application_details d ON d.application_id = a.id
        LEFT JOIN LATERAL (SELECT reasons, score FROM application_decisions WHERE application_id = a.id ORDER BY decided_at DESC LIMIT 1) x ON TRUE
       WHERE ${base}${page}
       ORDER BY r.sla_due_at, a.id
       LIMIT ${query.limit + 1}`),
  );
  const overdue = rowsOf<{ n: number }>(
    await database.db.execute(sql`
      SELECT count(*)::int AS n FROM application_reviews r JOIN applications a ON a.id = r.application_id
       WHERE a.status = 'referred' AND r.decided_at IS NULL AND r.sla_due_at < ${now}${scope.partnerIds !== null ? sql` AND a.partner_id = ANY(${toPgArray(scope.partnerIds)}::uuid[])` : sql``}`),
  )[0]!.n;
  const items = rows.slice(0, query.limit).map((r) => ({
    ...summaryView(r),
    review: {
      claimedBy: r.claimed_by_id ? { id: r.claimed_by_id, label: r.claimed_by_label } : null,
      claimedAt: r.claimed_at ? iso(r.claimed_at) : null,
      slaDueAt: iso(r.sla_due_at),
      overdue: new Date(r.sla_due_at).getTime() < now.getTime(),
    },
    reasons: r.reasons ?? [],
    pd: r.pd === null ? null : Number(r.pd),
  }));
  const last = items[items.length - 1];
  return {
    items,
    nextCursor: rows.length > query.limit && last ? Buffer.from(`${last.review.slaDueAt}|${last.id}`, 'utf8').toString('base64url') : null,
    overdueCount: overdue,
    slaHours: REVIEW_SLA_HOURS,
  };
}

/**
 * Claims a referral for one reviewer: a conditional UPDATE (unclaimed, or already mine), so two
 * reviewers on two server instances cannot both hold it. 409 REVIEW_CLAIMED names the holder.
 */
export async function claimReview(database: Database, id: string, actor: ApplicationActor, scope: ServiceScope = CONSOLE): Promise<{ applicationId: string; review: ApplicationDetail['review'] & object }> {
  const me = actor.audit.id ?? 'system';
  return database.db.transaction(async (tx) => {
    const app = await findApplication(tx, id, scope.partnerIds);
    if (!app) throw new DomainError('NOT_FOUND', `No application ${id}.`);
    const review = await findReview(tx, id);
    if (app.status !== 'referred' || !review || review.decided_at !== null) {
      throw new DomainError('APPLICATION_INVALID_TRANSITION', `application ${id} is ${app.status}, not waiting for a manual review`, [{ field: 'status', message: `is ${app.status}, not referred` }]);
    }
    const now = new Date();
    const claimed = rowsOf<{ sla_due_at: Date | string; claimed_at: Date | string }>(
      await tx.execute(sql`
        UPDATE application_reviews SET claimed_by_id = ${me}, claimed_by_label = ${actor.audit.label ?? null}, claimed_at = CASE WHEN claimed_by_id = ${me} THEN claimed_at ELSE ${now} END
         WHERE application_id = ${id} AND decided_at IS NULL AND (claimed_by_id IS NULL OR claimed_by_id = ${me})
         RETURNING sla_due_at, claimed_at`),
    );
    const row = claimed[0];
    if (!row) {
      throw new DomainError('REVIEW_CLAIMED', `${review.claimed_by_label ?? review.claimed_by_id} has claimed this application (since ${iso(review.claimed_at!)})`, [
        { field: 'applicationId', message: `is claimed by ${review.claimed_by_label ?? review.claimed_by_id}` },
      ]);
    }
    await recordAudit(tx, { actor: actor.audit, action: 'application.review_claimed', entityType: 'application', entityId: id, requestId: actor.requestId });
    return {
      applicationId: id,
      review: { claimedBy: { id: me, label: actor.audit.label ?? null }, claimedAt: iso(row.claimed_at), slaDueAt: iso(row.sla_due_at), overdue: new Date(row.sla_due_at).getTime() < now.getTime() },
    };
  });
}

/**
 * A reviewer's decision on a referral: the same lifecycle (referred → approved |
 * conditionally_approved | declined, reviewer only), a decisions row of kind manual with the
 * note, the offer priced by the quote engine at the tier (the scorecard's, or the reviewer's), the
 * stipulations, the audit log entry and the change events — one transaction.
 */
export async function decideReview(database: Database, protector: PersonalDataProtector, id: string, body: ManualDecisionBody, actor: ApplicationActor, scope: ServiceScope = CONSOLE): Promise<ApplicationDetail> {
  const started = performance.now();
  const me = actor.audit.id ?? 'system';
  const now = new Date();
  const today = businessDate(now);
  const [products, grid] = await Promise.all([sellableProducts(database.db, today), getActiveGrid(database.db)]);
  return database.db.transaction(async (tx) => {
    const app = await findApplication(tx, id, scope.partnerIds, true);
    if (!app) throw new DomainError('NOT_FOUND', `No application ${id}.`);
    const review = await findReview(tx, id);
    if (app.status !== 'referred' || !review || review.decided_at !== null) {
      throw new DomainError('APPLICATION_INVALID_TRANSITION', `application ${id} is ${app.status}, not waiting for a manual review`, [{ field: 'status', message: `is ${app.status}, not referred` }]);
    }
    if (review.claimed_by_id !== null && review.claimed_by_id !== me) {
      throw new DomainError('REVIEW_CLAIMED', `${review.claimed_by_label ?? review.claimed_by_id} has claimed this application`, [{ field: 'applicationId', message: `is claimed by ${review.claimed_by_label ?? review.claimed_by_id}` }]);
    }
    transitionApplication({ from: 'referred', to: body.decision, actor: actor.kind });
    const automatic = (await listDecisions(tx, id)).filter((d) => d.kind === 'automatic').pop();
    if (!automatic) throw new DomainError('INTERNAL', `application ${id} has no automatic decision`);
    const autoScore = automatic.score as { tier: DecisionOffer['riskTier'] } | null;
    const autoVersions = automatic.versions as { strategy: { id: string; version: number } | null; model: { id: string; version: string } | null };

    let offer: DecisionOffer | null = null;
    if (body.decision !== 'declined') {
      const tier = body.riskTier ?? autoScore?.tier;
      if (!tier) {
        throw new DomainError('VALIDATION_FAILED', 'riskTier: the application was not scored; say which tier to price the approval at', [{ field: 'riskTier', message: 'is required: the automatic decision has no score' }]);
      }
      const input = automatic.input as DecisionInput;
      const ctx: DecisionContext = { ...(automatic.data as DecisionData), now: now.toISOString(), products, grid, valuationModel: valuationModelV1 };
      const priced = priceRequest(input, ctx, { tier });
      if (!priced.offer) {
        throw new DomainError('APPLICATION_INVALID', `the request cannot be priced today: ${priced.ineligible.map((r) => r.message).join('; ')}`, priced.ineligible.map((r) => ({ field: r.field, message: r.message })));
      }
      offer = decisionOfferOf(priced.offer);
    }
    const stipulations: DecisionStipulation[] =
      body.decision === 'conditionally_approved'
        ? (body.stipulations ?? []).map((s) => ({
            type: s.type,
            code: 'MANUAL_REVIEW',
            zh: s.note ? `${STIPULATION_LABELS[s.type].zh}：${s.note}` : STIPULATION_LABELS[s.type].zh,
            en: s.note ? `${STIPULATION_LABELS[s.type].en}: ${s.note}` : STIPULATION_LABELS[s.type].en,
            amount: s.amount === undefined ? null : formatMoney(parseMoney(s.amount, 'stipulations.amount')),
          }))
        : [];
    const decisionId = randomUUID();
    const label = actor.audit.label ?? me;
    const words = { approved: ['批准', 'approved'], conditionally_approved: ['有条件批准', 'conditionally approved'], declined: ['拒绝', 'declined'] }[body.decision];
    await insertDecision(tx, {
      id: decisionId,
      applicationId: id,
      kind: 'manual',
      status: body.decision,
      reasons: [{ code: `MANUAL_${body.decision.toUpperCase()}`, stage: 'manual_review', zh: `人工审核${words[0]}：${body.note}`, en: `Manual review ${words[1]}: ${body.note}` }],
      score: null,
      offer,
      counterOffer: null,
      stipulations,
      input: automatic.input,
      data: null,
      dataUsed: [{ source: 'manual_review', used: true, detail: `decided by ${label} after the automatic referral ${automatic.id}` }],
      rules: [],
      measures: automatic.measures,
      versions: {
        strategy: autoVersions.strategy,
        model: autoVersions.model,
        grid: offer?.grid ?? null,
        rulebook: offer?.rulebookVersion ?? null,
        products: offer ? [{ code: offer.productCode, version: offer.productVersion }] : [],
      },
      timings: {},
      durationMs: Math.round((performance.now() - started) * 1000) / 1000,
      decidedBy: { type: actor.audit.type, id: actor.audit.id ?? null, label: actor.audit.label ?? null },
      note: body.note,
      decidedAt: now,
    });
    await updateStatus(
      tx,
      { applicationId: id, at: now, from: 'referred', to: body.decision, actor: { type: actor.audit.type, id: actor.audit.id ?? null, label: actor.audit.label ?? null }, reason: `manual review: ${body.note}` },
      { decidedAt: now, approvedAmountFen: offer ? parseMoney(offer.principal) : null, rateBp: offer ? Math.round(Number(offer.annualRate) * 100) : null },
    );
    await insertStipulations(
      tx,
      stipulations.map((s) => ({ applicationId: id, decisionId, type: s.type, code: s.code, amountFen: s.amount === null ? null : parseMoney(s.amount), message: { zh: s.zh, en: s.en }, createdAt: now })),
    );
    await tx.execute(sql`UPDATE application_reviews SET decided_at = ${now}, claimed_by_id = ${me}, claimed_by_label = ${actor.audit.label ?? null}, claimed_at = coalesce(claimed_at, ${now}) WHERE application_id = ${id}`);
    await recordAudit(tx, {
      actor: actor.audit,
      action: 'application.manual_decision',
      entityType: 'application',
      entityId: id,
      before: { status: 'referred', automaticDecisionId: automatic.id },
      after: { status: body.decision, decisionId, note: body.note, stipulations: stipulations.map((s) => s.type), offer: offer ? { productCode: offer.productCode, annualRate: offer.annualRate, apr: offer.aprSimple } : null },
      requestId: actor.requestId,
    });
    await publishApplicationChanges(tx, [
      { type: 'application.status_changed', applicationId: id, partnerId: app.partner_id, from: 'referred', to: body.decision, at: now },
      { type: 'application.decided', applicationId: id, partnerId: app.partner_id, status: body.decision, decisionId, at: now },
    ]);
    return getApplicationDetail(database, protector, id, scope, {}, tx);
  });
}

/**
 * Past applications most like this one — same new/used condition, then closest in amount (log
 * ratio), LTV, term and bureau score — from the whole history, the simulated market (演示数据)
 * included, with their outcomes: what a reviewer would ask a colleague ("what did we do with
 * cases like this, and how did they turn out?").
 */
export async function similarApplications(database: Database, id: string, scope: ServiceScope = CONSOLE, limit = 10): Promise<SimilarApplications> {
  const app = await findApplication(database.db, id, scope.partnerIds);
  if (!app) throw new DomainError('NOT_FOUND', `No application ${id}.`);
  const rows = rowsOf<{
    id: string;
    status: SimilarApplications['items'][number]['status'];
    condition: string;
    requested_amount_fen: string | number;
    vehicle_price_fen: string | number;
    term_months: number;
    score: number | null;
    bureau_score: number | null;
    submitted_at: Date | string;
    source: string;
    distance: number;
  }>(
    await database.db.execute(sql`
      WITH me AS (SELECT vehicle_condition, requested_amount_fen::float8 AS amt, requested_amount_fen::float8 / vehicle_price_fen AS ltv, term_months, bureau_score, submitted_at
                    FROM applications WHERE id = ${id})
      SELECT a.id, a.status, a.vehicle_condition AS condition, a.requested_amount_fen, a.vehicle_price_fen, a.term_months::int AS term_months, a.score, a.bureau_score::int AS bureau_score,
             a.submitted_at, a.source,
             abs(ln(greatest(a.requested_amount_fen, 1)::float8 / greatest(me.amt, 1))) * 2
               + abs(a.requested_amount_fen::float8 / a.vehicle_price_fen - me.ltv) * 5
               + abs(a.term_months - me.term_months) / 24.0
               + CASE WHEN a.bureau_score IS NOT NULL AND me.bureau_score IS NOT NULL THEN abs(a.bureau_score - me.bureau_score) / 100.0 ELSE 0.5 END AS distance
        FROM applications a, me
       WHERE a.id <> ${id} AND a.vehicle_condition = me.vehicle_condition AND a.submitted_at <= me.submitted_at AND a.vehicle_price_fen > 0
         AND a.requested_amount_fen BETWEEN me.amt * 0.5 AND me.amt * 2
       ORDER BY distance, a.id
       LIMIT ${limit}`),
  );
  const outcomes: Record<string, number> = {};
  for (const r of rows) outcomes[r.status] = (outcomes[r.status] ?? 0) + 1;
  return {
    items: rows.map((r) => ({
      id: r.id,
      status: r.status,
      vehicleCondition: r.condition,
      requestedAmount: formatMoney(Number(r.requested_amount_fen)),
      term: Number(r.term_months),
      ltv: ((Number(r.requested_amount_fen) / Number(r.vehicle_price_fen)) * 100).toFixed(2),
      score: r.score === null ? null : Number(r.score),
      bureauScore: r.bureau_score === null ? null : Number(r.bureau_score),
      submittedAt: iso(r.submitted_at),
      similarity: Math.round((1 / (1 + Number(r.distance))) * 1000) / 1000,
      demo: r.source === 'simulator',
    })),
    outcomes,
  };
}
