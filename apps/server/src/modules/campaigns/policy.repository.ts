import type { SqlRunner } from '@autofin/db';
import { DEFAULT_CHANNEL_COSTS, DEFAULT_CONTACT_POLICY, type ChannelCosts, type ContactPolicy } from '@autofin/contracts';

export interface Versioned<T> {
  /** The row's number (campaigns record it); the document's own `version` label is inside. */
  version: number;
  value: T;
  note: string | null;
  createdBy: string | null;
  createdAt: string;
}

type Kind = 'policy' | 'costs';
const TABLE: Record<Kind, { table: string; column: string; initial: unknown }> = {
  policy: { table: 'contact_policy_versions', column: 'policy', initial: DEFAULT_CONTACT_POLICY },
  costs: { table: 'channel_cost_versions', column: 'costs', initial: DEFAULT_CHANNEL_COSTS },
};

async function current<T>(db: SqlRunner, kind: Kind): Promise<Versioned<T>> {
  const t = TABLE[kind];
  // The first read of an installation stores the default as version 1, so every decision can name a stored version.
  await db.query(`INSERT INTO ${t.table} (version, ${t.column}, note, created_by) VALUES (1, $1::jsonb, 'default', 'system') ON CONFLICT (version) DO NOTHING`, [JSON.stringify(t.initial)]);
  const [row] = await db.query<{ version: number; doc: T; note: string | null; created_by: string | null; created_at: Date | string }>(
    `SELECT version, ${t.column} AS doc, note, created_by, created_at FROM ${t.table} ORDER BY version DESC LIMIT 1`,
  );
  return { version: row!.version, value: row!.doc, note: row!.note, createdBy: row!.created_by, createdAt: new Date(row!.created_at).toISOString() };
}

async function byVersion<T>(db: SqlRunner, kind: Kind, version: number): Promise<T | null> {
  const t = TABLE[kind];
  const [row] = await db.query<{ doc: T }>(`SELECT ${t.column} AS doc FROM ${t.table} WHERE version = $1`, [version]);
  return row?.doc ?? null;
}

async function publish<T>(db: SqlRunner, kind: Kind, value: T, note: string | null, by: string): Promise<Versioned<T>> {
  const t = TABLE[kind];
  await current(db, kind);
  // Serialises concurrent publishes: the next number is taken under the table lock.
  await db.query(`LOCK TABLE ${t.table} IN SHARE ROW EXCLUSIVE MODE`);
  await db.query(`INSERT INTO ${t.table} (version, ${t.column}, note, created_by) SELECT coalesce(max(version), 0) + 1, $1::jsonb, $2, $3 FROM ${t.table}`, [JSON.stringify(value), note, by]);
  return current<T>(db, kind);
}

export const currentContactPolicy = (db: SqlRunner) => current<ContactPolicy>(db, 'policy');
export const currentChannelCosts = (db: SqlRunner) => current<ChannelCosts>(db, 'costs');
export const contactPolicyVersion = (db: SqlRunner, v: number) => byVersion<ContactPolicy>(db, 'policy', v);
export const channelCostsVersion = (db: SqlRunner, v: number) => byVersion<ChannelCosts>(db, 'costs', v);
export const publishContactPolicy = (db: SqlRunner, p: ContactPolicy, note: string | null, by: string) => publish(db, 'policy', p, note, by);
export const publishChannelCosts = (db: SqlRunner, c: ChannelCosts, note: string | null, by: string) => publish(db, 'costs', c, note, by);

export async function listVersions(db: SqlRunner, kind: Kind): Promise<Array<{ version: number; label: string; note: string | null; createdBy: string | null; createdAt: string }>> {
  const t = TABLE[kind];
  await current(db, kind);
  const rows = await db.query<{ version: number; label: string; note: string | null; created_by: string | null; created_at: Date | string }>(
    `SELECT version, ${t.column}->>'version' AS label, note, created_by, created_at FROM ${t.table} ORDER BY version DESC LIMIT 100`,
  );
  return rows.map((r) => ({ version: r.version, label: r.label, note: r.note, createdBy: r.created_by, createdAt: new Date(r.created_at).toISOString() }));
}
