import { createHmac, randomUUID } from 'node:crypto';
import { bulkInsert, type SqlRunner } from '@autofin/db';
import type { Identifiers } from '@autofin/contracts';
import { identityKeyString, isStrong, resolveIdentity, type IdentityKey, type KnownProfile, type ResolvedIdentityType } from '@autofin/domain';
import type { PersonalDataProtector } from '../../security/personal-data.ts';
import type { AuditActor } from '../audit/audit.repository.ts';

/** An event's (or an imported row's) identifiers as keyed hashes; the plain values only where a new profile needs them. */
export interface IdentityClaim {
  keys: IdentityKey[];
  /** plain values, used only to fill a newly created profile (phone is L1, the ID number is encrypted) */
  phone?: string | undefined;
  idNumber?: string | undefined;
  email?: string | undefined;
}

const FIELD_TYPES: Array<[keyof Identifiers, ResolvedIdentityType]> = [
  ['idNumber', 'id_number'],
  ['wechatOpenid', 'wechat_openid'],
  ['wechatUnionid', 'wechat_unionid'],
  ['deviceId', 'device_id'],
  ['email', 'email'],
  ['dealerCrmId', 'dealer_crm_id'],
  ['cookie', 'cookie'],
];

export function claimOf(ids: Identifiers, protector: PersonalDataProtector): IdentityClaim {
  const keys: IdentityKey[] = [];
  for (const [field, type] of FIELD_TYPES) {
    const v = ids[field];
    if (typeof v === 'string') keys.push({ type, hash: protector.keyedHash(type, v) });
  }
  // A phone is strong only when verified; unverified it is its own weak type with the same hash.
  if (ids.phone) keys.push({ type: ids.phoneVerified ? 'phone' : 'phone_unverified', hash: protector.keyedHash('phone', ids.phone) });
  return { keys, phone: ids.phone, idNumber: ids.idNumber, email: ids.email };
}

/**
 * The demo market's customers carry the simulator's own hash of their ID number (HMAC-SHA256 under
 * `autofin-simulator-id-number-key-<seed>`, packages/simulator/src/customer-generator.ts): it was
 * generated before any platform key existed. So an ID number is looked up under the platform's keyed
 * hash AND, when app_meta records a demo market, under the simulator's; new profiles always store the
 * platform hash. (The applications service does the same, decision-data.repository.ts.)
 */
async function demoMarketSeed(db: SqlRunner): Promise<number | null> {
  const rows = await db.query<{ seed: number | null }>(`SELECT (value->>'seed')::int AS seed FROM app_meta WHERE key = 'demo_market'`);
  return rows[0]?.seed ?? null;
}

export function demoMarketIdHash(seed: number, idNumber: string): string {
  return createHmac('sha256', `autofin-simulator-id-number-key-${seed}`).update(idNumber.trim().toUpperCase()).digest('hex');
}

interface OwnerRow {
  type: string;
  value_hash: string;
  id: string;
  anonymous: boolean;
  created_at: string | Date;
}

function iso(v: string | Date): string {
  return v instanceof Date ? v.toISOString() : new Date(v).toISOString();
}

/**
 * Who the keys point at today. Identities are looked up in customer_identities; an ID number also in
 * customers.id_number_hash and a verified phone in customers.phone, because the simulator (and
 * `import customers`) write those columns directly. Merged profiles are followed to their survivor.
 */
async function loadOwners(db: SqlRunner, claims: readonly IdentityClaim[]): Promise<Map<string, KnownProfile>> {
  const types: string[] = [];
  const hashes: string[] = [];
  const idHashes: string[] = [];
  /** customers.id_number_hash value → the platform key's hash it stands for */
  const idAlias = new Map<string, string>();
  const demoSeed = claims.some((c) => c.idNumber) ? await demoMarketSeed(db) : null;
  const phones: string[] = [];
  const phoneHash = new Map<string, string>();
  for (const c of claims) {
    for (const k of c.keys) {
      types.push(k.type);
      hashes.push(k.hash);
      if (k.type === 'id_number') {
        idHashes.push(k.hash);
        idAlias.set(k.hash, k.hash);
        if (demoSeed !== null && c.idNumber) {
          const demo = demoMarketIdHash(demoSeed, c.idNumber);
          idHashes.push(demo);
          idAlias.set(demo, k.hash);
        }
      }
      if (k.type === 'phone' && c.phone) {
        phones.push(c.phone);
        phoneHash.set(c.phone, k.hash);
      }
    }
  }
  const owners = new Map<string, KnownProfile>();
  if (types.length === 0) return owners;
  const rows = await db.query<OwnerRow>(
    `SELECT k.type, k.value_hash, s.id, s.anonymous, s.created_at
       FROM unnest($1::text[], $2::text[]) AS q(type, value_hash)
       JOIN customer_identities k ON k.type = q.type AND k.value_hash = q.value_hash
       JOIN customers c ON c.id = k.customer_id
       JOIN customers s ON s.id = coalesce(c.merged_into, c.id)`,
    [`{${types.join(',')}}`, `{${hashes.join(',')}}`],
  );
  const put = (type: string, hash: string, r: OwnerRow) => {
    const key = `${type}:${hash}`;
    if (!owners.has(key)) owners.set(key, { customerId: r.id, anonymous: r.anonymous, createdAt: iso(r.created_at) });
  };
  for (const r of rows) put(r.type, r.value_hash, r);
  if (idHashes.length > 0) {
    const byId = await db.query<OwnerRow & { id_number_hash: string }>(
      `SELECT c.id_number_hash, s.id, s.anonymous, s.created_at FROM customers c JOIN customers s ON s.id = coalesce(c.merged_into, c.id)
        WHERE c.id_number_hash = ANY($1::text[]) ORDER BY c.created_at, c.id`,
      [`{${idHashes.join(',')}}`],
    );
    for (const r of byId) put('id_number', idAlias.get(r.id_number_hash) ?? r.id_number_hash, r);
  }
  if (phones.length > 0) {
    const byPhone = await db.query<OwnerRow & { phone: string }>(
      `SELECT c.phone, s.id, s.anonymous, s.created_at FROM customers c JOIN customers s ON s.id = coalesce(c.merged_into, c.id)
        WHERE c.phone = ANY($1::text[]) AND NOT c.anonymous ORDER BY c.created_at, c.id`,
      [`{${phones.join(',')}}`],
    );
    for (const r of byPhone) put('phone', phoneHash.get(r.phone)!, r);
  }
  return owners;
}

export interface ResolutionOutcome {
  /** the profile each claim resolved to, in input order */
  targets: string[];
  created: number;
  merged: number;
  /** profiles merged away (they must leave their segments) */
  mergedIds: string[];
  conflicts: number;
}

/**
 * Resolves claims in order (a later claim sees what an earlier one in the same batch created or linked)
 * and writes the new profiles, links, promotions and automatic merges. Runs inside the caller's
 * transaction; a unique violation from a concurrent batch linking the same identifier aborts it, and
 * the caller retries.
 */
export async function resolveClaims(db: SqlRunner, claims: readonly IdentityClaim[], protector: PersonalDataProtector, source: string, now: Date): Promise<ResolutionOutcome> {
  const owners = await loadOwners(db, claims);
  const nowIso = now.toISOString();
  const newProfiles = new Map<string, { anonymous: boolean; claim: IdentityClaim }>();
  const promote = new Set<string>();
  const links: Array<{ customerId: string; key: IdentityKey }> = [];
  /** strong values newly linked to an existing profile: fill its empty ID-number / phone columns */
  const fills = new Map<string, { idNumber?: string | undefined; phone?: string | undefined }>();
  const merges: Array<{ survivor: string; merged: string; reason: string }> = [];
  const targets: string[] = [];
  let conflicts = 0;

  // Reverse indexes of the bookkeeping below, by profile: a batch of thousands of claims would
  // otherwise scan every owner, link and target once per claim (quadratic; seconds per import batch).
  const profileById = new Map<string, KnownProfile>();
  const keysOf = new Map<string, Set<string>>();
  const linksOf = new Map<string, Array<{ customerId: string; key: IdentityKey }>>();
  const targetsOf = new Map<string, number[]>();
  const listOf = <T>(m: Map<string, T[]>, id: string): T[] => {
    let l = m.get(id);
    if (!l) m.set(id, (l = []));
    return l;
  };
  const setOwner = (key: string, p: KnownProfile) => {
    const before = owners.get(key);
    if (before && before.customerId !== p.customerId) keysOf.get(before.customerId)?.delete(key);
    owners.set(key, p);
    let keys = keysOf.get(p.customerId);
    if (!keys) keysOf.set(p.customerId, (keys = new Set()));
    keys.add(key);
    profileById.set(p.customerId, p);
  };
  for (const [key, o] of owners) setOwner(key, o);

  for (const claim of claims) {
    const plan = resolveIdentity(claim.keys, owners);
    conflicts += plan.conflicts.length;
    let target: KnownProfile;
    if (plan.target.kind === 'new') {
      target = { customerId: randomUUID(), anonymous: plan.target.anonymous, createdAt: nowIso };
      newProfiles.set(target.customerId, { anonymous: plan.target.anonymous, claim });
    } else {
      const id = plan.target.customerId;
      target = profileById.get(id) ?? { customerId: id, anonymous: false, createdAt: nowIso };
    }
    if (plan.promote) {
      promote.add(target.customerId);
      const created = newProfiles.get(target.customerId);
      if (created) created.anonymous = false;
    }
    const finalTarget: KnownProfile = { ...target, anonymous: target.anonymous && !plan.promote };
    const to = finalTarget.customerId;
    for (const m of plan.merges) {
      merges.push({ survivor: to, merged: m.customerId, reason: m.reason });
      for (const key of [...(keysOf.get(m.customerId) ?? [])]) setOwner(key, finalTarget);
      keysOf.delete(m.customerId);
      profileById.delete(m.customerId);
      const moved = linksOf.get(m.customerId);
      if (moved) {
        for (const l of moved) l.customerId = to;
        listOf(linksOf, to).push(...moved);
        linksOf.delete(m.customerId);
      }
      // A profile created earlier in this batch is merged before it was ever written: just drop it.
      if (newProfiles.delete(m.customerId)) merges.pop();
      const positions = targetsOf.get(m.customerId);
      if (positions) {
        for (const t of positions) targets[t] = to;
        listOf(targetsOf, to).push(...positions);
        targetsOf.delete(m.customerId);
      }
    }
    for (const key of keysOf.get(to) ?? []) owners.set(key, finalTarget);
    profileById.set(to, finalTarget);
    for (const key of plan.link) {
      const link = { customerId: to, key };
      links.push(link);
      listOf(linksOf, to).push(link);
      setOwner(identityKeyString(key), finalTarget);
      if (!newProfiles.has(to) && (key.type === 'id_number' || key.type === 'phone')) {
        const fill = fills.get(to) ?? {};
        if (key.type === 'id_number') fill.idNumber = claim.idNumber;
        else fill.phone = claim.phone;
        fills.set(to, fill);
      }
    }
    listOf(targetsOf, to).push(targets.length);
    targets.push(to);
  }

  if (newProfiles.size > 0) {
    const ids = [...newProfiles.keys()];
    const rows = ids.map((id) => newProfiles.get(id)!);
    await bulkInsert(db, 'customers', [
      { name: 'id', type: 'uuid', values: ids },
      { name: 'name', type: 'text', values: rows.map(() => '') },
      { name: 'phone', type: 'text', values: rows.map((r) => (!r.anonymous && r.claim.phone && r.claim.keys.some((k) => k.type === 'phone') ? r.claim.phone : '')) },
      { name: 'id_number_hash', type: 'text', values: rows.map((r) => r.claim.keys.find((k) => k.type === 'id_number')?.hash ?? null) },
      { name: 'id_number_enc', type: 'text', values: rows.map((r) => (r.claim.idNumber ? protector.encrypt(r.claim.idNumber) : null)) },
      { name: 'email', type: 'text', values: rows.map((r) => (r.anonymous ? null : (r.claim.email ?? null))) },
      { name: 'anonymous', type: 'bool', values: rows.map((r) => r.anonymous) },
      { name: 'source', type: 'text', values: rows.map(() => source) },
      { name: 'first_seen_at', type: 'timestamptz', values: rows.map(() => nowIso) },
      { name: 'created_at', type: 'timestamptz', values: rows.map(() => nowIso) },
    ]);
  }
  const promoted = [...promote].filter((id) => !newProfiles.has(id));
  if (promoted.length > 0) await db.query(`UPDATE customers SET anonymous = false, updated_at = $2 WHERE id = ANY($1::uuid[])`, [`{${promoted.join(',')}}`, nowIso]);
  if (links.length > 0) {
    await bulkInsert(db, 'customer_identities', [
      { name: 'customer_id', type: 'uuid', values: links.map((l) => l.customerId) },
      { name: 'type', type: 'text', values: links.map((l) => l.key.type) },
      { name: 'value_hash', type: 'text', values: links.map((l) => l.key.hash) },
      { name: 'strong', type: 'bool', values: links.map((l) => isStrong(l.key.type)) },
      { name: 'verified', type: 'bool', values: links.map((l) => l.key.type === 'phone' || l.key.type === 'id_number') },
      { name: 'source', type: 'text', values: links.map(() => source) },
      { name: 'first_seen_at', type: 'timestamptz', values: links.map(() => nowIso) },
    ]);
  }
  for (const [id, fill] of fills) {
    if (newProfiles.has(id)) continue;
    await db.query(
      `UPDATE customers SET id_number_hash = coalesce(id_number_hash, $2), id_number_enc = coalesce(id_number_enc, $3),
              phone = CASE WHEN phone = '' AND $4::text IS NOT NULL THEN $4 ELSE phone END, updated_at = $5 WHERE id = $1::uuid`,
      [id, fill.idNumber ? protector.keyedHash('id_number', fill.idNumber) : null, fill.idNumber ? protector.encrypt(fill.idNumber) : null, fill.phone ?? null, nowIso],
    );
  }
  for (const m of merges) await mergeProfiles(db, { survivorId: m.survivor, mergedId: m.merged, kind: 'auto', reason: m.reason, actor: { type: 'system', label: 'identity resolution' }, at: now });
  return { targets, created: newProfiles.size, merged: merges.length, mergedIds: merges.map((m) => m.merged), conflicts };
}

/**
 * Folds `mergedId` into `survivorId`: its identifiers move to the survivor (listed in the merge record so a
 * split gives exactly those back), the profile points at the survivor, and so do the profiles that had
 * been merged into it. Events stay where they are (append-only); reads follow merged_into.
 */
export async function mergeProfiles(
  db: SqlRunner,
  m: { survivorId: string; mergedId: string; kind: 'auto' | 'manual'; reason: string; actor: AuditActor; at: Date },
): Promise<string> {
  const moved = await db.query<{ type: string; value_hash: string }>(`UPDATE customer_identities SET customer_id = $1 WHERE customer_id = $2 RETURNING type, value_hash`, [m.survivorId, m.mergedId]);
  const repointed = await db.query<{ id: string }>(`UPDATE customers SET merged_into = $1, updated_at = $3 WHERE merged_into = $2 RETURNING id`, [m.survivorId, m.mergedId, m.at.toISOString()]);
  await db.query(`UPDATE customers SET merged_into = $1, updated_at = $3 WHERE id = $2`, [m.survivorId, m.mergedId, m.at.toISOString()]);
  const rows = await db.query<{ id: string }>(
    `INSERT INTO customer_merges (survivor_id, merged_id, kind, reason, actor_type, actor_id, actor_label, moved_identities, at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8::jsonb, $9) RETURNING id`,
    [
      m.survivorId,
      m.mergedId,
      m.kind,
      m.reason,
      m.actor.type,
      m.actor.id ?? null,
      m.actor.label ?? null,
      JSON.stringify({ identities: moved.map((r) => ({ type: r.type, valueHash: r.value_hash })), repointed: repointed.map((r) => r.id) }),
      m.at.toISOString(),
    ],
  );
  return rows[0]!.id;
}
