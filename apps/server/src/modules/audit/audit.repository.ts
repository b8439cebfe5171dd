import { and, count, desc, eq, gte, ilike, lt, lte, or, schema, type DbOrTx, type SQL } from '@autofin/db';
import type { AuditEntry, AuditQuery } from '@autofin/contracts';

export type AuditActor =
  | { type: 'user'; id: string; label?: string | undefined }
  | { type: 'partner_key'; id: string; label?: string | undefined }
  | { type: 'system'; id?: string | undefined; label?: string | undefined };

export interface AuditRecord {
  actor: AuditActor;
  /** dotted verb, e.g. `auth.login`, `product.published`, `customer.unmasked` */
  action: string;
  entityType: string;
  entityId?: string | null | undefined;
  before?: unknown;
  after?: unknown;
  requestId?: string | undefined;
  at?: Date | undefined;
}

/**
 * The one way anything is written to the audit trail. Pass the transaction of the change being
 * audited so the record and the change commit (or roll back) together.
 */
export async function recordAudit(db: DbOrTx, record: AuditRecord): Promise<void> {
  await db.insert(schema.auditLog).values({
    at: record.at ?? new Date(),
    actorType: record.actor.type,
    actorId: record.actor.id ?? null,
    actorLabel: record.actor.label ?? null,
    action: record.action,
    entityType: record.entityType,
    entityId: record.entityId ?? null,
    before: record.before === undefined ? null : record.before,
    after: record.after === undefined ? null : record.after,
    requestId: record.requestId ?? null,
  });
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** Newest first; the cursor is the id of the last entry of the previous page. */
export async function searchAudit(db: DbOrTx, query: AuditQuery): Promise<{ items: AuditEntry[]; nextCursor: string | null }> {
  const t = schema.auditLog;
  const where: SQL[] = [];
  if (query.q) {
    const like = `%${escapeLike(query.q)}%`;
    const any = or(ilike(t.action, like), ilike(t.entityType, like), ilike(t.entityId, like), ilike(t.actorLabel, like));
    if (any) where.push(any);
  }
  if (query.action) where.push(eq(t.action, query.action));
  if (query.entityType) where.push(eq(t.entityType, query.entityType));
  if (query.entityId) where.push(eq(t.entityId, query.entityId));
  if (query.actorType) where.push(eq(t.actorType, query.actorType));
  if (query.from) where.push(gte(t.at, new Date(query.from)));
  if (query.to) where.push(lte(t.at, new Date(query.to)));
  if (query.cursor) {
    const id = Number(query.cursor);
    if (Number.isSafeInteger(id)) where.push(lt(t.id, id));
  }
  const rows = await db
    .select()
    .from(t)
    .where(where.length ? and(...where) : undefined)
    .orderBy(desc(t.id))
    .limit(query.limit + 1);
  const page = rows.slice(0, query.limit);
  const items: AuditEntry[] = page.map((r) => ({
    id: String(r.id),
    at: r.at.toISOString(),
    actorType: r.actorType as AuditEntry['actorType'],
    actorId: r.actorId,
    actorLabel: r.actorLabel,
    action: r.action,
    entityType: r.entityType,
    entityId: r.entityId,
    before: r.before ?? null,
    after: r.after ?? null,
    requestId: r.requestId,
  }));
  const last = page[page.length - 1];
  return { items, nextCursor: rows.length > query.limit && last ? String(last.id) : null };
}

/** Failed sign-ins for one e-mail since `since` (the login throttle reads the audit trail). */
export async function countRecentFailedLogins(db: DbOrTx, email: string, since: Date): Promise<number> {
  const t = schema.auditLog;
  const rows = await db
    .select({ n: count() })
    .from(t)
    .where(and(eq(t.action, 'auth.login_failed'), eq(t.actorLabel, email), gte(t.at, since)));
  return Number(rows[0]?.n ?? 0);
}
