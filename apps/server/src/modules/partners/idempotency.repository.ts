import { createHash } from 'node:crypto';
import type { Database } from '@autofin/db';
import type { PersonalDataProtector } from '../../security/personal-data.ts';

/** An in-progress record older than this belongs to a request that died (crash, deploy): the next retry takes it over. */
const ABANDONED_AFTER_SECONDS = 120;

export interface StoredResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

export type ClaimResult =
  | { kind: 'claimed' }
  | { kind: 'mismatch'; method: string; path: string }
  | { kind: 'completed'; response: StoredResponse }
  | { kind: 'in_progress' };

/** JSON with keys sorted at every level, so the same body hashes the same whatever its key order. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/**
 * Stored answers are encrypted under the master key (bound to partner and key): the answer to
 * POST /v1/webhooks carries the signing secret, an application's answer its decision, and a
 * database dump must reveal neither. A record written before this (JSON, never starting `v1.`)
 * is still replayed as it is until it is swept.
 */
const recordContext = (partnerId: string, key: string) => `idempotency:${partnerId}:${key}`;
function openBody(protector: PersonalDataProtector, partnerId: string, key: string, body: string | null): string {
  if (!body) return '';
  return body.startsWith('v1.') ? protector.decrypt(body, recordContext(partnerId, key)) : body;
}

export function requestHash(body: unknown): string {
  return createHash('sha256').update(canonical(body ?? null)).digest('hex');
}

/**
 * The first request with a key inserts an in-progress row (a plain INSERT … ON CONFLICT DO NOTHING,
 * committed at once so every instance sees it); any other request with the key reads the row.
 */
export async function claimIdempotencyKey(database: Database, protector: PersonalDataProtector, r: { partnerId: string; key: string; method: string; path: string; bodyHash: string }): Promise<ClaimResult> {
  const inserted = await database.query(
    `INSERT INTO partner_idempotency_records (partner_id, key, method, path, body_hash) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (partner_id, key) DO NOTHING RETURNING 1 AS ok`,
    [r.partnerId, r.key, r.method, r.path, r.bodyHash],
  );
  if (inserted.length > 0) return { kind: 'claimed' };
  const rows = await database.query<{ method: string; path: string; body_hash: string; status: string; response_status: number | null; response_headers: Record<string, string> | null; response_body: string | null; abandoned: boolean }>(
    `SELECT method, path, body_hash, status, response_status, response_headers, response_body,
            (status = 'in_progress' AND created_at < now() - make_interval(secs => $3)) AS abandoned
       FROM partner_idempotency_records WHERE partner_id = $1 AND key = $2`,
    [r.partnerId, r.key, ABANDONED_AFTER_SECONDS],
  );
  const row = rows[0];
  // Deleted between our insert and read (its request failed with a 5xx): try to claim again.
  if (!row) return claimIdempotencyKey(database, protector, r);
  if (row.method !== r.method || row.path !== r.path || row.body_hash !== r.bodyHash) return { kind: 'mismatch', method: row.method, path: row.path };
  if (row.status === 'completed') return { kind: 'completed', response: { status: row.response_status!, headers: row.response_headers ?? {}, body: openBody(protector, r.partnerId, r.key, row.response_body) } };
  if (row.abandoned) {
    const taken = await database.query(
      `UPDATE partner_idempotency_records SET created_at = now() WHERE partner_id = $1 AND key = $2 AND status = 'in_progress' AND created_at < now() - make_interval(secs => $3) RETURNING 1 AS ok`,
      [r.partnerId, r.key, ABANDONED_AFTER_SECONDS],
    );
    if (taken.length > 0) return { kind: 'claimed' };
  }
  return { kind: 'in_progress' };
}

export async function completeIdempotencyKey(database: Database, protector: PersonalDataProtector, partnerId: string, key: string, response: StoredResponse): Promise<void> {
  await database.query(
    `UPDATE partner_idempotency_records SET status = 'completed', response_status = $3, response_headers = $4::jsonb, response_body = $5, completed_at = now()
      WHERE partner_id = $1 AND key = $2`,
    [partnerId, key, response.status, JSON.stringify(response.headers), protector.encrypt(response.body, recordContext(partnerId, key))],
  );
}

/** A 5xx is not an answer: the record goes so a retry does the work again. */
export async function releaseIdempotencyKey(database: Database, partnerId: string, key: string): Promise<void> {
  await database.query(`DELETE FROM partner_idempotency_records WHERE partner_id = $1 AND key = $2 AND status = 'in_progress'`, [partnerId, key]);
}

/** Records are kept 24 hours (the documented guarantee) and swept after 48. */
export async function sweepIdempotencyRecords(database: Database): Promise<number> {
  const rows = await database.query(`DELETE FROM partner_idempotency_records WHERE created_at < now() - interval '48 hours' RETURNING 1 AS ok`);
  return rows.length;
}
