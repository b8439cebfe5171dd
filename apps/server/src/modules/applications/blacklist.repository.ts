import type { BlacklistEntry, BlacklistList } from '@autofin/contracts';
import { and, desc, eq, schema, type DbOrTx } from '@autofin/db';
import { DomainError } from '@autofin/domain';
import { recordAudit, type AuditActor } from '../audit/audit.repository.ts';

const t = schema.riskBlacklist;

function toEntry(r: typeof t.$inferSelect): BlacklistEntry {
  return { id: r.id, list: r.list as BlacklistList, last4: r.valueLast4, reason: r.reason, active: r.active, addedBy: r.addedBy, addedAt: r.addedAt.toISOString() };
}

/** Every entry, active ones first, newest first: never the value or its hash. */
export async function listBlacklist(db: DbOrTx): Promise<BlacklistEntry[]> {
  const rows = await db.select().from(t).orderBy(desc(t.active), desc(t.addedAt), desc(t.id));
  return rows.map(toEntry);
}

/**
 * Lists a value (already validated and hashed by the caller) with its audit record in one
 * transaction. An entry deactivated earlier is listed again (the unique index is on list +
 * hash); an active one is a 409.
 */
export async function addToBlacklist(
  db: DbOrTx,
  entry: { list: BlacklistList; valueHash: string; last4: string; reason: string },
  actor: AuditActor & { id: string },
  requestId: string,
): Promise<BlacklistEntry> {
  return db.transaction(async (tx) => {
    const [existing] = await tx.select().from(t).where(and(eq(t.list, entry.list), eq(t.valueHash, entry.valueHash))).for('update');
    if (existing?.active) throw new DomainError('CONFLICT', `value: this ${entry.list} is already on the blacklist (entry ${existing.id})`, [{ field: 'value', message: 'is already on the blacklist' }]);
    const values = { reason: entry.reason, active: true, addedBy: actor.label ?? actor.id, addedAt: new Date(), valueLast4: entry.last4 };
    const [row] = existing
      ? await tx.update(t).set(values).where(eq(t.id, existing.id)).returning()
      : await tx.insert(t).values({ list: entry.list, valueHash: entry.valueHash, ...values }).returning();
    const saved = toEntry(row!);
    await recordAudit(tx, {
      actor,
      action: existing ? 'risk_blacklist.relisted' : 'risk_blacklist.added',
      entityType: 'risk_blacklist',
      entityId: saved.id,
      before: existing ? { active: false, reason: existing.reason } : undefined,
      after: { list: saved.list, last4: saved.last4, reason: saved.reason, active: true },
      requestId,
    });
    return saved;
  });
}

/** Deactivates an entry (entries are never deleted: the decisions that hit it keep their meaning). */
export async function deactivateBlacklistEntry(db: DbOrTx, id: string, reason: string, actor: AuditActor & { id: string }, requestId: string): Promise<BlacklistEntry> {
  return db.transaction(async (tx) => {
    const [existing] = await tx.select().from(t).where(eq(t.id, id)).for('update');
    if (!existing) throw new DomainError('NOT_FOUND', `No blacklist entry ${id}`);
    if (!existing.active) throw new DomainError('CONFLICT', `The blacklist entry ${id} is already inactive`);
    const [row] = await tx.update(t).set({ active: false }).where(eq(t.id, id)).returning();
    await recordAudit(tx, {
      actor,
      action: 'risk_blacklist.deactivated',
      entityType: 'risk_blacklist',
      entityId: id,
      before: { list: existing.list, last4: existing.valueLast4, reason: existing.reason, active: true },
      after: { active: false, reason },
      requestId,
    });
    return toEntry(row!);
  });
}

/** Whether a dealer partner with this id exists (the dealer list holds partner ids in clear). */
export async function dealerExists(db: DbOrTx, id: string): Promise<boolean> {
  const rows = await db.select({ id: schema.partners.id }).from(schema.partners).where(and(eq(schema.partners.id, id), eq(schema.partners.type, 'dealer')));
  return rows.length > 0;
}
