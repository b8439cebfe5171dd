import type { SqlRunner } from '@autofin/db';
import type { ConsentChange, ConsentPurpose } from '@autofin/contracts';
import { decideConsent, DomainError, type ConsentDecision, type ConsentRecord } from '@autofin/domain';
import type { AuditActor } from '../audit/audit.repository.ts';

interface ConsentRow {
  customer_id: string;
  purpose: string;
  channel: string;
  status: string;
  granted_at: string | Date;
  withdrawn_at: string | Date | null;
}

function ms(v: string | Date): number {
  return v instanceof Date ? v.getTime() : new Date(v).getTime();
}

function toRecord(r: ConsentRow): ConsentRecord {
  return { purpose: r.purpose, channel: r.channel, status: r.status, grantedAt: ms(r.granted_at), withdrawnAt: r.withdrawn_at === null ? null : ms(r.withdrawn_at) };
}

/**
 * The one question every use of personal data asks (issue 7 §6; campaigns call it before each send):
 * may this customer's data be used for `purpose` on `channel` at `at`? Merged profiles answer with the
 * survivor's consents. The decision carries its reason code and the record it rests on.
 */
export async function checkConsent(db: SqlRunner, customerId: string, purpose: ConsentPurpose, channel: string, at: Date): Promise<ConsentDecision> {
  const rows = await db.query<ConsentRow>(
    `SELECT k.customer_id, k.purpose, k.channel, k.status, k.granted_at, k.withdrawn_at
       FROM customer_consents k WHERE k.customer_id = (SELECT coalesce(merged_into, id) FROM customers WHERE id = $1::uuid) AND k.purpose = $2`,
    [customerId, purpose],
  );
  return decideConsent(rows.map(toRecord), purpose, channel, at.getTime());
}

/** The same question for many customers at once (segment export, campaign audiences): the ids allowed. */
export async function customersWithConsent(db: SqlRunner, customerIds: readonly string[], purpose: ConsentPurpose, channel: string, at: Date): Promise<Set<string>> {
  if (customerIds.length === 0) return new Set();
  const rows = await db.query<ConsentRow>(
    `SELECT k.customer_id, k.purpose, k.channel, k.status, k.granted_at, k.withdrawn_at FROM customer_consents k WHERE k.customer_id = ANY($1::uuid[]) AND k.purpose = $2`,
    [`{${customerIds.join(',')}}`, purpose],
  );
  const byCustomer = new Map<string, ConsentRecord[]>();
  for (const r of rows) {
    const list = byCustomer.get(r.customer_id) ?? [];
    list.push(toRecord(r));
    byCustomer.set(r.customer_id, list);
  }
  const allowed = new Set<string>();
  for (const [id, records] of byCustomer) if (decideConsent(records, purpose, channel, at.getTime()).allowed) allowed.add(id);
  return allowed;
}

/**
 * Records a grant or a withdrawal: the evidence row (append-only, with source and text version) and the
 * current state. Withdrawal is the same one call as giving.
 */
export async function changeConsent(db: SqlRunner, customerId: string, change: ConsentChange, actor: AuditActor, now: Date): Promise<void> {
  const [c] = await db.query<{ id: string; merged_into: string | null }>(`SELECT id, merged_into FROM customers WHERE id = $1::uuid`, [customerId]);
  if (!c) throw new DomainError('NOT_FOUND', `no customer ${customerId}`);
  if (c.merged_into) throw new DomainError('CONFLICT', `customer ${customerId} was merged into ${c.merged_into}; change consent on that profile`);
  const at = change.at ? new Date(change.at) : now;
  if (at.getTime() > now.getTime() + 60_000) throw new DomainError('VALIDATION_FAILED', 'consent cannot be dated in the future', [{ field: 'at', message: 'must not be in the future' }]);
  await db.query(
    `INSERT INTO customer_consent_events (customer_id, purpose, channel, action, at, captured_via, text_version, actor_type, actor_id, recorded_at)
     VALUES ($1::uuid, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
    [customerId, change.purpose, change.channel, change.action, at.toISOString(), change.capturedVia, change.textVersion, actor.type, actor.id ?? null, now.toISOString()],
  );
  if (change.action === 'granted') {
    await db.query(
      `INSERT INTO customer_consents (customer_id, purpose, channel, status, granted_at, withdrawn_at, captured_via, source)
       VALUES ($1::uuid, $2, $3, 'granted', $4, NULL, $5, 'manual')
       ON CONFLICT (customer_id, purpose, channel) DO UPDATE SET status = 'granted', granted_at = EXCLUDED.granted_at, withdrawn_at = NULL, captured_via = EXCLUDED.captured_via`,
      [customerId, change.purpose, change.channel, at.toISOString(), change.capturedVia],
    );
  } else {
    // A withdrawal without an earlier grant is still recorded: it documents the refusal.
    await db.query(
      `INSERT INTO customer_consents (customer_id, purpose, channel, status, granted_at, withdrawn_at, captured_via, source)
       VALUES ($1::uuid, $2, $3, 'withdrawn', $4, $4, $5, 'manual')
       ON CONFLICT (customer_id, purpose, channel) DO UPDATE SET status = 'withdrawn', withdrawn_at = EXCLUDED.withdrawn_at`,
      [customerId, change.purpose, change.channel, at.toISOString(), change.capturedVia],
    );
  }
}
