import { and, desc, eq, schema, sql, type DbOrTx } from '@autofin/db';
import type { BurnDown, Promotion, PromotionDefinition, PromotionStatus, Reservation } from '@autofin/contracts';
import { DomainError, formatMoney, parseMoney, type LivePromotion } from '@autofin/domain';

type Row = typeof schema.promotions.$inferSelect;

function toPromotion(row: Row, today: string): Promotion {
  const def = row.definition as PromotionDefinition;
  const remaining = row.budgetFen - row.spentFen;
  return {
    id: row.id,
    status: row.status as PromotionStatus,
    definition: def,
    spent: formatMoney(row.spentFen),
    remaining: formatMoney(remaining),
    reservations: row.reservationCount,
    live: row.status === 'approved' && def.startsOn <= today && today <= def.endsOn && remaining > 0,
    createdBy: row.createdBy,
    createdAt: row.createdAt.toISOString(),
    submittedAt: row.submittedAt?.toISOString() ?? null,
    approvedBy: row.approvedBy,
    approvedAt: row.approvedAt?.toISOString() ?? null,
    rejectionReason: row.rejectionReason,
  };
}

export async function listPromotions(db: DbOrTx, today: string): Promise<Promotion[]> {
  const rows = await db.select().from(schema.promotions).orderBy(desc(schema.promotions.createdAt));
  return rows.map((r) => toPromotion(r, today));
}

export async function getPromotion(db: DbOrTx, id: string, today: string, lock = false): Promise<Promotion> {
  const q = db.select().from(schema.promotions).where(eq(schema.promotions.id, id));
  const rows = lock ? await q.for('update') : await q;
  if (!rows[0]) throw new DomainError('NOT_FOUND', `no promotion ${id}`);
  return toPromotion(rows[0], today);
}

export async function insertPromotion(db: DbOrTx, def: PromotionDefinition, status: PromotionStatus, by: string | null, approvedBy: string | null = null): Promise<Promotion> {
  promotionsChanged();
  const taken = await db.select({ id: schema.promotions.id }).from(schema.promotions).where(eq(schema.promotions.code, def.code));
  if (taken[0]) throw new DomainError('CONFLICT', `a promotion with code ${def.code} exists`, [{ field: 'code', message: 'is taken' }]);
  const now = new Date();
  const rows = await db
    .insert(schema.promotions)
    .values({
      code: def.code,
      status,
      definition: def,
      budgetFen: parseMoney(def.budget),
      createdBy: by,
      approvedBy,
      approvedAt: approvedBy ? now : null,
      submittedAt: approvedBy ? now : null,
    })
    .onConflictDoNothing({ target: schema.promotions.code })
    .returning();
  if (!rows[0]) throw new DomainError('CONFLICT', `a promotion with code ${def.code} exists`, [{ field: 'code', message: 'is taken' }]);
  return toPromotion(rows[0], '');
}

export async function updatePromotionDraft(db: DbOrTx, id: string, def: PromotionDefinition): Promise<void> {
  promotionsChanged();
  const rows = await db
    .update(schema.promotions)
    .set({ definition: def, code: def.code, budgetFen: parseMoney(def.budget) })
    .where(and(eq(schema.promotions.id, id), eq(schema.promotions.status, 'draft')))
    .returning({ id: schema.promotions.id });
  if (!rows[0]) throw new DomainError('PROMOTION_WRONG_STATE', 'only a draft promotion can be edited');
}

/** Moves a promotion from one status to the next; refuses when it is not in `from`. */
export async function transition(
  db: DbOrTx,
  id: string,
  from: PromotionStatus,
  to: PromotionStatus,
  extra: Partial<Pick<Row, 'approvedBy' | 'approvedAt' | 'submittedAt' | 'rejectionReason' | 'endedAt'>> = {},
): Promise<void> {
  promotionsChanged();
  const rows = await db
    .update(schema.promotions)
    .set({ status: to, ...extra })
    .where(and(eq(schema.promotions.id, id), eq(schema.promotions.status, from)))
    .returning({ id: schema.promotions.id });
  if (!rows[0]) throw new DomainError('PROMOTION_WRONG_STATE', `the promotion is not ${from.replace('_', ' ')}`);
}

/**
 * Quotes read the live promotions from a per-process copy at most LIVE_PROMOTIONS_TTL_MS old
 * (ADR 0005): every write here (create, edit, status change, budget charge) drops it at once, so on
 * this instance a spent or ended promotion stops showing with the next quote; a take-up or status
 * change on another instance shows within the TTL (as, at worst, one here that commits while a
 * reload is in flight). Showing is not spending: the budget is charged only by reserveBudget's
 * conditional UPDATE, which refuses what the budget no longer covers whatever a quote showed.
 */
export const LIVE_PROMOTIONS_TTL_MS = 1_000;
let promotionsGeneration = 0;
const liveCache = new WeakMap<object, { at: number; generation: number; rows: Promise<LivePromotion[]> }>();

/** Drops the live-promotions copy (called by every write to promotions in this module). */
function promotionsChanged(): void {
  promotionsGeneration++;
}

/** As livePromotions, from the process's copy (see LIVE_PROMOTIONS_TTL_MS): what quotes use. */
export async function livePromotionsForQuotes(db: DbOrTx): Promise<LivePromotion[]> {
  const now = Date.now();
  let entry = liveCache.get(db);
  if (!entry || entry.generation !== promotionsGeneration || now - entry.at > LIVE_PROMOTIONS_TTL_MS || now < entry.at) {
    const fresh = { at: now, generation: promotionsGeneration, rows: livePromotions(db) };
    liveCache.set(db, fresh);
    fresh.rows.catch(() => {
      if (liveCache.get(db) === fresh) liveCache.delete(db);
    });
    entry = fresh;
  }
  return entry.rows;
}

/** Approved promotions with budget left, for quoting (dates are checked by the domain). */
export async function livePromotions(db: DbOrTx): Promise<LivePromotion[]> {
  const rows = await db
    .select({ id: schema.promotions.id, definition: schema.promotions.definition, budget: schema.promotions.budgetFen, spent: schema.promotions.spentFen })
    .from(schema.promotions)
    .where(and(eq(schema.promotions.status, 'approved'), sql`${schema.promotions.spentFen} < ${schema.promotions.budgetFen}`));
  return rows.map((r) => ({ id: r.id, definition: r.definition as PromotionDefinition, remainingFen: Number(r.budget) - Number(r.spent) }));
}

/**
 * Charges `amountFen` to the promotion's budget and records the take-up, atomically: one
 * conditional UPDATE (approved, in its dates, spent + amount <= budget) does the check and the
 * charge together, so concurrent take-ups serialise on the row and can never overspend. Run it in
 * a transaction: a duplicate take-up of the same quote rolls the charge back.
 */
export async function reserveBudget(
  tx: DbOrTx,
  input: { promotionId: string; quoteId: string; offerId: string; amountFen: number; today: string; by: string | null },
): Promise<Reservation | null> {
  const p = schema.promotions;
  promotionsChanged();
  const charged = await tx
    .update(p)
    .set({ spentFen: sql`${p.spentFen} + ${input.amountFen}`, reservationCount: sql`${p.reservationCount} + 1` })
    .where(
      and(
        eq(p.id, input.promotionId),
        eq(p.status, 'approved'),
        sql`${p.definition}->>'startsOn' <= ${input.today}`,
        sql`${p.definition}->>'endsOn' >= ${input.today}`,
        sql`${p.spentFen} + ${input.amountFen} <= ${p.budgetFen}`,
      ),
    )
    .returning({ spent_fen: p.spentFen, budget_fen: p.budgetFen });
  // Again after the charge: a quote that reloaded while it ran must not keep the old remainder.
  promotionsChanged();
  const row = charged[0];
  if (!row) return null;
  const r = schema.promotionReservations;
  const inserted = await tx
    .insert(r)
    .values({ promotionId: input.promotionId, quoteId: input.quoteId, offerId: input.offerId, amountFen: input.amountFen, createdBy: input.by })
    .onConflictDoNothing({ target: [r.promotionId, r.quoteId] })
    .returning({ id: r.id, created_at: r.createdAt });
  const res = inserted[0];
  if (!res) throw new DomainError('CONFLICT', 'this quote has already taken up the promotion');
  const spent = Number(row.spent_fen);
  const budget = Number(row.budget_fen);
  return {
    id: res.id,
    promotionId: input.promotionId,
    quoteId: input.quoteId,
    offerId: input.offerId,
    amount: formatMoney(input.amountFen),
    spentAfter: formatMoney(spent),
    remainingAfter: formatMoney(budget - spent),
    createdAt: res.created_at.toISOString(),
  };
}

/** Cumulative spend per hour or day (Asia/Shanghai), from the reservations themselves. */
export async function burnDown(db: DbOrTx, promotionId: string, bucket: 'hour' | 'day'): Promise<BurnDown['points']> {
  const r = schema.promotionReservations;
  // bucket is one of two literals (the schema's enum); inlined so SELECT and GROUP BY are the same expression.
  const unit = sql.raw(bucket === 'hour' ? "'hour'" : "'day'");
  const at = sql<string>`to_char(date_trunc(${unit}, ${r.createdAt} AT TIME ZONE 'Asia/Shanghai'), 'YYYY-MM-DD"T"HH24:MI:SS')`;
  const rows = await db
    .select({ at, n: sql<number>`count(*)::int`, spent: sql<string>`sum(${r.amountFen})::text` })
    .from(r)
    .where(eq(r.promotionId, promotionId))
    .groupBy(at)
    .orderBy(at);
  const budgetRows = await db.select({ budget: schema.promotions.budgetFen }).from(schema.promotions).where(eq(schema.promotions.id, promotionId));
  const budget = Number(budgetRows[0]?.budget ?? 0);
  let cumulative = 0;
  return rows.map((row) => {
    cumulative += Number(row.spent);
    return {
      at: `${row.at}+08:00`,
      reservations: Number(row.n),
      spent: formatMoney(Number(row.spent)),
      cumulativeSpent: formatMoney(cumulative),
      remaining: formatMoney(budget - cumulative),
    };
  });
}
