import { and, eq, schema, sql, type DbOrTx } from '@autofin/db';
import type { CreatePartnerBody, PartnerListResponse, partnerListQuerySchema } from '@autofin/contracts';
import { DomainError } from '@autofin/domain';
import type { z } from 'zod';

/**
 * A dealer belongs to at most one group; only a dealer may have a group and only a dealer group
 * may be one (the key of a group then sees its dealers' data).
 */
export async function createPartner(db: DbOrTx, body: CreatePartnerBody): Promise<{ id: string }> {
  if (body.parentId) {
    if (body.type !== 'dealer') throw new DomainError('PARTNER_INVALID', 'only a dealer can belong to a dealer group', [{ field: 'parentId', message: 'only a dealer can belong to a dealer group' }]);
    const parent = await db.select({ type: schema.partners.type }).from(schema.partners).where(eq(schema.partners.id, body.parentId));
    if (parent[0]?.type !== 'dealer_group') throw new DomainError('PARTNER_INVALID', `no dealer group ${body.parentId}`, [{ field: 'parentId', message: 'must be the id of a dealer group' }]);
  }
  const rows = await db.insert(schema.partners).values({ name: body.name, type: body.type, parentId: body.parentId ?? null, source: 'console' }).returning({ id: schema.partners.id });
  return { id: rows[0]!.id };
}

export async function partnerExists(db: DbOrTx, id: string): Promise<boolean> {
  const rows = await db.select({ id: schema.partners.id }).from(schema.partners).where(eq(schema.partners.id, id));
  return rows.length > 0;
}

/** The partners whose data a partner's key sees: itself and, for a dealer group, its dealers. */
export async function partnerScopeIds(db: DbOrTx, partnerId: string): Promise<string[]> {
  const rows = await db.select({ id: schema.partners.id }).from(schema.partners).where(eq(schema.partners.parentId, partnerId));
  return [partnerId, ...rows.map((r) => r.id)];
}

export async function listPartners(db: DbOrTx, q: z.output<typeof partnerListQuerySchema>): Promise<PartnerListResponse> {
  const p = schema.partners;
  const where = [sql`true`];
  if (q.q) where.push(sql`${p.name} ILIKE ${'%' + q.q.replace(/[\\%_]/g, (c) => `\\${c}`) + '%'}`);
  if (q.type) where.push(eq(p.type, q.type));
  // Correlated subqueries name the outer row explicitly: drizzle renders a bare column as "id" in a select.
  const activeKeys = sql<number>`(SELECT count(*)::int FROM partner_api_keys k WHERE k.partner_id = "partners"."id" AND k.status = 'active' AND (k.expires_at IS NULL OR k.expires_at > now()))`;
  const webhooks = sql<number>`(SELECT count(*)::int FROM webhook_subscriptions w WHERE w.partner_id = "partners"."id" AND w.status = 'active')`;
  if (q.withAccess === 'true') where.push(sql`(${activeKeys} > 0 OR ${webhooks} > 0)`);
  const cond = and(...where);
  const [rows, total] = await Promise.all([
    db
      .select({
        id: p.id,
        name: p.name,
        type: p.type,
        parentId: p.parentId,
        parentName: sql<string | null>`(SELECT g.name FROM partners g WHERE g.id = "partners"."parent_id")`,
        status: p.status,
        source: p.source,
        createdAt: p.createdAt,
        activeKeys,
        webhooks,
      })
      .from(p)
      .where(cond)
      // Partners someone works with (keys, webhooks) first, then the newest.
      .orderBy(sql`(${activeKeys} + ${webhooks}) > 0 DESC`, sql`${p.createdAt} DESC`, p.id)
      .limit(q.limit)
      .offset(q.offset),
    db.select({ n: sql<number>`count(*)::int` }).from(p).where(cond),
  ]);
  return { items: rows.map((r) => ({ ...r, createdAt: r.createdAt.toISOString() })), total: total[0]?.n ?? 0 };
}
