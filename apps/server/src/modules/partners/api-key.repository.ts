import { and, desc, eq, schema, sql, type DbOrTx } from '@autofin/db';
import { DEFAULT_RATE_LIMIT_PER_MINUTE, partnerScopes, type ApiKeySummary, type CreatedApiKey, type PartnerScope } from '@autofin/contracts';
import { DomainError } from '@autofin/domain';
import { generateApiKey } from './api-key.ts';

export interface StoredApiKey {
  id: string;
  partnerId: string;
  prefix: string;
  secretHash: string;
  scopes: PartnerScope[];
  rateLimitPerMinute: number;
  status: string;
  expiresAt: Date | null;
}

export async function createApiKey(db: DbOrTx, partnerId: string, opts: { scopes?: PartnerScope[] | undefined; rateLimitPerMinute?: number | undefined; createdBy: string }): Promise<CreatedApiKey> {
  const generated = generateApiKey();
  const scopes = opts.scopes ? [...new Set(opts.scopes)] : [...partnerScopes];
  const rateLimitPerMinute = opts.rateLimitPerMinute ?? DEFAULT_RATE_LIMIT_PER_MINUTE;
  const rows = await db
    .insert(schema.partnerApiKeys)
    .values({ partnerId, prefix: generated.prefix, secretHash: generated.secretHash, scopes, rateLimitPerMinute, createdBy: opts.createdBy })
    .returning({ id: schema.partnerApiKeys.id });
  return { id: rows[0]!.id, key: generated.key, prefix: generated.prefix, scopes, rateLimitPerMinute };
}

export async function findApiKeyByPrefix(db: DbOrTx, prefix: string): Promise<StoredApiKey | null> {
  const k = schema.partnerApiKeys;
  const rows = await db
    .select({ id: k.id, partnerId: k.partnerId, prefix: k.prefix, secretHash: k.secretHash, scopes: k.scopes, rateLimitPerMinute: k.rateLimitPerMinute, status: k.status, expiresAt: k.expiresAt })
    .from(k)
    .where(eq(k.prefix, prefix));
  const r = rows[0];
  return r ? { ...r, scopes: r.scopes as PartnerScope[] } : null;
}

function summaryStatus(status: string, expiresAt: Date | null, now: Date): ApiKeySummary['status'] {
  if (status === 'revoked') return 'revoked';
  if (expiresAt) return expiresAt.getTime() <= now.getTime() ? 'expired' : 'expiring';
  return 'active';
}

export async function listApiKeys(db: DbOrTx, partnerId: string, now = new Date()): Promise<ApiKeySummary[]> {
  const k = schema.partnerApiKeys;
  const rows = await db.select().from(k).where(eq(k.partnerId, partnerId)).orderBy(desc(k.createdAt));
  return rows.map((r) => ({
    id: r.id,
    partnerId: r.partnerId,
    prefix: `afk_${r.prefix}_`,
    scopes: r.scopes as PartnerScope[],
    rateLimitPerMinute: r.rateLimitPerMinute,
    status: summaryStatus(r.status, r.expiresAt, now),
    expiresAt: r.expiresAt?.toISOString() ?? null,
    createdAt: r.createdAt.toISOString(),
    createdBy: r.createdBy,
    revokedAt: r.revokedAt?.toISOString() ?? null,
    lastUsedAt: r.lastUsedAt?.toISOString() ?? null,
  }));
}

async function activeKey(db: DbOrTx, partnerId: string, keyId: string) {
  const k = schema.partnerApiKeys;
  const rows = await db.select().from(k).where(and(eq(k.id, keyId), eq(k.partnerId, partnerId))).for('update');
  const row = rows[0];
  if (!row) throw new DomainError('NOT_FOUND', `no API key ${keyId} for partner ${partnerId}`);
  return row;
}

/** Revocation is immediate and final; returns the key's prefix so the caller can drop it from caches. */
export async function revokeApiKey(db: DbOrTx, partnerId: string, keyId: string, now = new Date()): Promise<string> {
  const row = await activeKey(db, partnerId, keyId);
  if (row.status !== 'revoked') await db.update(schema.partnerApiKeys).set({ status: 'revoked', revokedAt: now }).where(eq(schema.partnerApiKeys.id, keyId));
  return row.prefix;
}

/**
 * Issues a new key with the same scopes and limit; the old one keeps working for `overlapHours`
 * (0: revoked at once). Rotating an already expiring key is refused: rotate its replacement.
 */
export async function rotateApiKey(db: DbOrTx, partnerId: string, keyId: string, overlapHours: number, createdBy: string, now = new Date()): Promise<CreatedApiKey & { oldPrefix: string }> {
  const row = await activeKey(db, partnerId, keyId);
  if (row.status === 'revoked' || row.expiresAt) throw new DomainError('CONFLICT', 'only an active key that is not already being replaced can be rotated');
  const created = await createApiKey(db, partnerId, { scopes: row.scopes as PartnerScope[], rateLimitPerMinute: row.rateLimitPerMinute, createdBy });
  const expiresAt = new Date(now.getTime() + overlapHours * 3_600_000);
  await db
    .update(schema.partnerApiKeys)
    .set(overlapHours === 0 ? { replacedBy: created.id, status: 'revoked', revokedAt: now, expiresAt: now } : { replacedBy: created.id, expiresAt })
    .where(eq(schema.partnerApiKeys.id, keyId));
  return { ...created, previousKeyExpiresAt: expiresAt.toISOString(), oldPrefix: row.prefix };
}

/** Adds the in-memory last-use times (written with the usage flush). */
export async function touchApiKeys(db: DbOrTx, lastUsed: Map<string, Date>): Promise<void> {
  if (lastUsed.size === 0) return;
  const ids = [...lastUsed.keys()];
  const times = ids.map((id) => lastUsed.get(id)!.toISOString());
  await db.execute(sql`
    UPDATE partner_api_keys k SET last_used_at = GREATEST(COALESCE(k.last_used_at, u.t), u.t)
      FROM unnest(${sql.raw(`ARRAY[${ids.map((i) => `'${i}'`).join(',')}]`)}::uuid[], ${sql.raw(`ARRAY[${times.map((t) => `'${t}'`).join(',')}]`)}::timestamptz[]) AS u(id, t)
     WHERE k.id = u.id`);
}
