import type { SqlRunner } from '@autofin/db';
import type { Consent, CustomerProfile, Role, Traits } from '@autofin/contracts';
import { DomainError, formatMoney, maskEmail, maskIdNumber, maskName, maskPhone, recencyDays } from '@autofin/domain';
import type { PersonalDataProtector } from '../../security/personal-data.ts';

/**
 * Who may see what in clear (DESIGN.md rule 8), always with a reason and an audit record:
 * L1 (name, phone, e-mail) for customer-facing and control roles; L3 (the ID number) for risk and
 * compliance only. Marketing and viewers always see masks.
 */
/** Shown for an ID number of which only the keyed hash is stored (the demo market): nothing to unmask. */
export const HASH_ONLY_ID_NUMBER = '******************';

export const L1_UNMASK_ROLES: readonly Role[] = ['compliance', 'risk', 'dealer_ops'];
export const L3_UNMASK_ROLES: readonly Role[] = ['compliance', 'risk'];

export function mayUnmask(roles: readonly Role[], level: 'L1' | 'L3'): boolean {
  if (roles.includes('admin')) return true;
  const allowed = level === 'L1' ? L1_UNMASK_ROLES : L3_UNMASK_ROLES;
  return roles.some((r) => allowed.includes(r));
}

/** Anonymous profiles have no name or phone yet; say so instead of showing an empty mask. */
export function displayName(name: string, anonymous: boolean, clear: boolean): string {
  if (!name) return anonymous ? '(anonymous)' : '(no name)';
  return clear ? name : maskName(name);
}
export function displayPhone(phone: string, clear: boolean): string {
  if (!phone) return '';
  return clear ? phone : maskPhone(phone);
}

interface ListRow {
  id: string;
  name: string;
  phone: string;
  city: string | null;
  lifecycle_stage: string | null;
  anonymous: boolean;
  source: string;
}

export interface CustomerListQuery {
  q?: string | undefined;
  segmentId?: string | undefined;
  limit: number;
  cursor?: string | undefined;
}

/**
 * Search: a full 11-digit phone matches exactly, a UUID matches the id, anything else is a name prefix.
 * Keyset pagination on id. Merged-away profiles are not listed (their survivor is).
 */
export async function listCustomers(db: SqlRunner, query: CustomerListQuery) {
  const where: string[] = ['c.merged_into IS NULL'];
  const params: unknown[] = [];
  const p = (v: unknown) => {
    params.push(v);
    return `$${params.length}`;
  };
  const q = query.q?.trim();
  if (q) {
    if (/^1\d{10}$/.test(q)) where.push(`c.phone = ${p(q)}`);
    else if (/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(q)) where.push(`c.id = ${p(q)}::uuid`);
    else where.push(`c.name LIKE ${p(`${q.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`)}`);
  }
  if (query.segmentId) where.push(`EXISTS (SELECT 1 FROM segment_memberships sm WHERE sm.segment_id = ${p(query.segmentId)}::uuid AND sm.customer_id = c.id AND sm.left_at IS NULL)`);
  if (query.cursor) {
    if (!/^[0-9a-f-]{36}$/i.test(query.cursor)) throw new DomainError('VALIDATION_FAILED', 'cursor is not valid', [{ field: 'cursor', message: 'use the nextCursor of the previous page' }]);
    where.push(`c.id > ${p(query.cursor)}::uuid`);
  }
  const rows = await db.query<ListRow>(
    `SELECT c.id, c.name, c.phone, ci.name AS city, t.lifecycle_stage, c.anonymous, c.source
       FROM customers c LEFT JOIN cities ci ON ci.id = c.city_id LEFT JOIN customer_traits t ON t.customer_id = c.id
      WHERE ${where.join(' AND ')} ORDER BY c.id LIMIT ${query.limit + 1}`,
    params,
  );
  const page = rows.slice(0, query.limit);
  return {
    items: page.map((r) => ({
      id: r.id,
      name: displayName(r.name, r.anonymous, false),
      phone: displayPhone(r.phone, false),
      city: r.city,
      lifecycleStage: r.lifecycle_stage,
      anonymous: r.anonymous,
      source: r.source,
      demo: r.source === 'simulator',
    })),
    nextCursor: rows.length > query.limit ? page[page.length - 1]!.id : null,
  };
}

function iso(v: unknown): string {
  return v instanceof Date ? v.toISOString() : new Date(String(v)).toISOString();
}
function isoOrNull(v: unknown): string | null {
  return v === null || v === undefined ? null : iso(v);
}
function dateOnly(v: unknown): string | null {
  if (v === null || v === undefined) return null;
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  return String(v).slice(0, 10);
}

export interface ProfileOptions {
  /** L1 in clear (the caller checked the role and audits) */
  clearL1: boolean;
  /** L3 in clear (ID number decrypted) */
  clearL3: boolean;
  now: Date;
  eventLimit?: number;
}

export async function getCustomerProfile(db: SqlRunner, id: string, protector: PersonalDataProtector, options: ProfileOptions): Promise<CustomerProfile> {
  const [c] = await db.query<Record<string, unknown>>(
    `SELECT c.*, ci.name AS city_name, ci.tier AS city_tier, pr.name AS province_name
       FROM customers c LEFT JOIN cities ci ON ci.id = c.city_id LEFT JOIN provinces pr ON pr.id = ci.province_id WHERE c.id = $1::uuid`,
    [id],
  );
  if (!c) throw new DomainError('NOT_FOUND', `no customer ${id}`);
  const anonymous = Boolean(c.anonymous);
  const mergedRows = await db.query<{ id: string }>(`SELECT id FROM customers WHERE merged_into = $1::uuid ORDER BY id`, [id]);
  const memberIds = `{${[id, ...mergedRows.map((r) => r.id)].join(',')}}`;

  const [identifiers, consents, events, eventCount, apps, loans, traits, segments] = await Promise.all([
    db.query<{ type: string; strong: boolean; verified: boolean; source: string; first_seen_at: unknown }>(
      `SELECT type, strong, verified, source, first_seen_at FROM customer_identities WHERE customer_id = $1::uuid ORDER BY first_seen_at, type`,
      [id],
    ),
    db.query<{ purpose: string; channel: string; status: string; granted_at: unknown; withdrawn_at: unknown; captured_via: string; text_version: string | null }>(
      `SELECT k.purpose, k.channel, k.status, k.granted_at, k.withdrawn_at, k.captured_via,
              (SELECT e.text_version FROM customer_consent_events e WHERE e.customer_id = k.customer_id AND e.purpose = k.purpose AND e.channel = k.channel ORDER BY e.at DESC, e.id DESC LIMIT 1) AS text_version
         FROM customer_consents k WHERE k.customer_id = $1::uuid ORDER BY k.purpose, k.channel`,
      [id],
    ),
    db.query<{ id: string; type: string; channel: string; campaign: string | null; occurred_at: unknown; received_at: unknown; payload: unknown; source: string }>(
      `SELECT id, type, channel, campaign, occurred_at, received_at, payload, source FROM customer_events WHERE customer_id = ANY($1::uuid[]) ORDER BY occurred_at DESC, id LIMIT ${options.eventLimit ?? 100}`,
      [memberIds],
    ),
    db.query<{ n: number | string }>(`SELECT count(*) AS n FROM customer_events WHERE customer_id = ANY($1::uuid[])`, [memberIds]),
    db.query<Record<string, unknown>>(
      `SELECT a.id, a.status, a.product_code, a.requested_amount_fen, a.term_months, a.submitted_at, a.channel, a.vehicle_condition, a.vehicle_price_fen,
              mk.name AS make, mo.name AS model, tr.name AS trim, tr.fuel
         FROM applications a LEFT JOIN trims tr ON tr.id = a.trim_id LEFT JOIN models mo ON mo.id = tr.model_id LEFT JOIN makes mk ON mk.id = mo.make_id
        WHERE a.customer_id = ANY($1::uuid[]) ORDER BY a.submitted_at DESC`,
      [memberIds],
    ),
    db.query<Record<string, unknown>>(`SELECT id, status, principal_fen, term_months, funded_at FROM loans WHERE customer_id = ANY($1::uuid[]) ORDER BY funded_at DESC`, [memberIds]),
    db.query<Record<string, unknown>>(`SELECT * FROM customer_traits WHERE customer_id = $1::uuid`, [id]),
    db.query<{ id: string; name: string; entered_at: unknown }>(
      `SELECT s.id, s.name, sm.entered_at FROM segment_memberships sm JOIN segments s ON s.id = sm.segment_id WHERE sm.customer_id = $1::uuid AND sm.left_at IS NULL ORDER BY s.name`,
      [id],
    ),
  ]);
  const messages = await loadMessages(db, memberIds);

  const idNumberEnc = c.id_number_enc as string | null;
  let idNumber: string | null = null;
  if (idNumberEnc) {
    const plain = protector.decrypt(idNumberEnc);
    idNumber = options.clearL3 ? plain : maskIdNumber(plain);
  } else if (c.id_number_hash) idNumber = HASH_ONLY_ID_NUMBER;

  const t = traits[0];
  const traitView: Traits | null = t
    ? {
        lifecycleStage: String(t.lifecycle_stage),
        lastEventAt: isoOrNull(t.last_event_at),
        recencyDays: recencyDays(t.last_event_at ? new Date(iso(t.last_event_at)).getTime() : null, options.now.getTime()),
        frequency90d: Number(t.frequency_90d),
        monetary: formatMoney(Number(t.monetary_fen)),
        rfmScore: String(t.rfm_score),
        channelPreference: (t.channel_preference as string | null) ?? null,
        nevAffinity: Number(t.nev_affinity),
        priceSensitivity: Number(t.price_sensitivity),
        predictedLtv: formatMoney(Number(t.predicted_ltv_fen)),
        churnRisk: t.churn_risk === null ? null : Number(t.churn_risk),
        nextBestProduct: (t.next_best_product as string | null) ?? null,
        personalised: Boolean(t.personalised),
        version: String(t.version),
        computedAt: iso(t.computed_at),
      }
    : null;

  const consentView: Consent[] = consents.map((k) => ({
    purpose: k.purpose,
    channel: k.channel,
    status: k.status === 'withdrawn' ? 'withdrawn' : 'granted',
    grantedAt: iso(k.granted_at),
    withdrawnAt: isoOrNull(k.withdrawn_at),
    capturedVia: k.captured_via,
    textVersion: k.text_version,
  }));

  return {
    id,
    kind: String(c.kind),
    anonymous,
    demo: c.source === 'simulator',
    source: String(c.source),
    mergedInto: (c.merged_into as string | null) ?? null,
    mergedProfiles: mergedRows.map((r) => r.id),
    unmasked: options.clearL1,
    identity: {
      name: displayName(String(c.name ?? ''), anonymous, options.clearL1),
      idNumber,
      gender: (c.gender as string | null) ?? null,
      birthDate: dateOnly(c.birth_date),
      identifiers: identifiers.map((r) => ({ type: r.type, strong: r.strong, verified: r.verified, source: r.source, firstSeenAt: iso(r.first_seen_at) })),
    },
    contact: {
      phone: displayPhone(String(c.phone ?? ''), options.clearL1),
      email: c.email ? (options.clearL1 ? String(c.email) : maskEmail(String(c.email))) : null,
    },
    demographics: {
      city: (c.city_name as string | null) ?? null,
      cityTier: c.city_tier === null || c.city_tier === undefined ? null : Number(c.city_tier),
      province: (c.province_name as string | null) ?? null,
      occupation: (c.occupation as string | null) ?? null,
      education: (c.education as string | null) ?? null,
      maritalStatus: (c.marital_status as string | null) ?? null,
      children: c.children === null || c.children === undefined ? null : Number(c.children),
      incomeBand: (c.income_band as string | null) ?? null,
      creditFile: (c.credit_file as string | null) ?? null,
      digitalScore: c.digital_score === null || c.digital_score === undefined ? null : Number(c.digital_score),
      devicePlatform: (c.device_platform as string | null) ?? null,
      appUser: Boolean(c.app_user),
      preferredChannel: (c.preferred_channel as string | null) ?? null,
      acquisitionChannel: (c.acquisition_channel as string | null) ?? null,
      firstSeenAt: iso(c.first_seen_at),
    },
    vehicles: apps.map((a) => ({
      applicationId: String(a.id),
      make: (a.make as string | null) ?? null,
      model: (a.model as string | null) ?? null,
      trim: (a.trim as string | null) ?? null,
      fuel: (a.fuel as string | null) ?? null,
      condition: String(a.vehicle_condition),
      price: formatMoney(Number(a.vehicle_price_fen)),
    })),
    consents: consentView,
    events: events.map((e) => ({
      id: e.id,
      type: e.type,
      channel: e.channel,
      campaign: e.campaign,
      occurredAt: iso(e.occurred_at),
      receivedAt: iso(e.received_at),
      payload: (typeof e.payload === 'string' ? JSON.parse(e.payload) : e.payload) as Record<string, unknown>,
      source: e.source,
    })),
    eventCount: Number(eventCount[0]?.n ?? 0),
    applications: apps.map((a) => ({
      id: String(a.id),
      status: String(a.status),
      productCode: String(a.product_code ?? ''),
      requestedAmount: formatMoney(Number(a.requested_amount_fen)),
      termMonths: Number(a.term_months),
      submittedAt: iso(a.submitted_at),
      channel: String(a.channel),
    })),
    loans: loans.map((l) => ({ id: String(l.id), status: String(l.status), principal: formatMoney(Number(l.principal_fen)), termMonths: Number(l.term_months), disbursedOn: dateOnly(l.funded_at) })),
    messages,
    traits: traitView,
    segments: segments.map((s) => ({ id: s.id, name: s.name, enteredAt: iso(s.entered_at) })),
  };
}

/**
 * Messages received: what the campaigns outbox handed to a provider for any of the profile's merged
 * members (campaign or journey), newest first. Suppressed and still-queued rows are not "received".
 */
async function loadMessages(db: SqlRunner, memberIds: string): Promise<CustomerProfile['messages']> {
  const rows = await db.query<{ id: string; channel: string; purpose: string; status: string; at: unknown; campaign_id: string | null; campaign_name: string | null; journey_id: string | null; journey_name: string | null }>(
    `SELECT m.id::text, m.channel, m.purpose, m.status, m.sent_at AS at,
            c.id::text AS campaign_id, c.name AS campaign_name, j.id::text AS journey_id, j.definition->>'name' AS journey_name
       FROM campaign_messages m
       LEFT JOIN campaigns c ON c.id = m.campaign_id
       LEFT JOIN journeys j ON j.id = m.journey_id
      WHERE m.customer_id = ANY($1::uuid[]) AND m.sent_at IS NOT NULL
      ORDER BY m.sent_at DESC
      LIMIT 100`,
    [memberIds],
  );
  return rows.map((r) => ({
    id: r.id,
    channel: r.channel,
    purpose: r.purpose,
    status: r.status,
    sentAt: iso(r.at),
    campaign: r.campaign_id ? { id: r.campaign_id, name: r.campaign_name ?? '' } : null,
    journey: r.journey_id ? { id: r.journey_id, name: r.journey_name ?? '' } : null,
  }));
}
