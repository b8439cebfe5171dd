import type { ListReason, SuppressionEntry } from '@autofin/contracts';
import type { SqlRunner } from '@autofin/db';
import { DomainError, maskName, maskPhone } from '@autofin/domain';


interface Row {
  id: string;
  customer_id: string;
  name: string;
  phone: string;
  reason: string;
  channel: string | null;
  source: string;
  note: string | null;
  created_by: string | null;
  created_at: Date | string;
  removed_by: string | null;
  removed_at: Date | string | null;
  removal_reason: string | null;
}

const toEntry = (r: Row): SuppressionEntry => ({
  id: r.id,
  customerId: r.customer_id,
  // L1: always masked here; the customer profile is where an allowed role unmasks.
  customerName: maskName(r.name),
  customerPhone: maskPhone(r.phone),
  reason: r.reason,
  channel: r.channel,
  source: r.source,
  note: r.note,
  createdBy: r.created_by,
  createdAt: new Date(r.created_at).toISOString(),
  removedBy: r.removed_by,
  removedAt: r.removed_at === null ? null : new Date(r.removed_at).toISOString(),
  removalReason: r.removal_reason,
});

const SELECT = `SELECT s.*, c.name, c.phone FROM campaign_suppressions s JOIN customers c ON c.id = s.customer_id`;

export async function listSuppressions(db: SqlRunner, q: { customerId?: string; reason?: string; includeRemoved?: boolean; limit: number }): Promise<SuppressionEntry[]> {
  const where: string[] = [];
  const params: unknown[] = [];
  if (q.customerId) where.push(`s.customer_id = $${params.push(q.customerId)}::uuid`);
  if (q.reason) where.push(`s.reason = $${params.push(q.reason)}`);
  if (!q.includeRemoved) where.push(`s.removed_at IS NULL`);
  const rows = await db.query<Row>(`${SELECT} ${where.length ? 'WHERE ' + where.join(' AND ') : ''} ORDER BY s.created_at DESC LIMIT ${Math.min(500, q.limit)}`, params);
  return rows.map(toEntry);
}

export async function addSuppression(
  db: SqlRunner,
  input: { customerId: string; reason: ListReason; channel: string | null; source: string; note: string | null; by: string | null },
  now: Date,
): Promise<SuppressionEntry> {
  const known = await db.query(`SELECT 1 FROM customers WHERE id = $1::uuid`, [input.customerId]);
  if (!known[0]) throw new DomainError('VALIDATION_FAILED', `no customer ${input.customerId}`, [{ field: 'customerId', message: 'is not a known customer' }]);
  const rows = await db.query<{ id: string }>(
    `INSERT INTO campaign_suppressions (customer_id, reason, channel, source, note, created_by, created_at) VALUES ($1::uuid, $2, $3, $4, $5, $6, $7::timestamptz)
     ON CONFLICT (customer_id, reason, (coalesce(channel, '*'))) WHERE removed_at IS NULL DO NOTHING RETURNING id`,
    [input.customerId, input.reason, input.channel, input.source, input.note, input.by, now.toISOString()],
  );
  if (!rows[0]) throw new DomainError('CONFLICT', 'the customer is already on the list for this reason and channel', [{ field: 'reason', message: 'already listed' }]);
  return (await db.query<Row>(`${SELECT} WHERE s.id = $1::uuid`, [rows[0].id])).map(toEntry)[0]!;
}

export async function removeSuppression(db: SqlRunner, id: string, by: string, reason: string, now: Date): Promise<SuppressionEntry> {
  const rows = await db.query<{ id: string }>(
    `UPDATE campaign_suppressions SET removed_at = $2::timestamptz, removed_by = $3, removal_reason = $4 WHERE id = $1::uuid AND removed_at IS NULL RETURNING id`,
    [id, now.toISOString(), by, reason],
  );
  if (!rows[0]) {
    const exists = await db.query(`SELECT 1 FROM campaign_suppressions WHERE id = $1::uuid`, [id]);
    if (!exists[0]) throw new DomainError('NOT_FOUND', `no suppression entry ${id}`);
    throw new DomainError('CONFLICT', 'the entry was already removed');
  }
  return (await db.query<Row>(`${SELECT} WHERE s.id = $1::uuid`, [id])).map(toEntry)[0]!;
}
