import type { Database } from '@autofin/db';
import type { ApplicationDetail } from '@autofin/contracts';
import { DomainError } from '@autofin/domain';
import type { PersonalDataProtector } from '../../security/personal-data.ts';
import { toPgArray, type ApplicationRow, type DecisionRow, type EventRow, type StipulationRow } from './application.repository.ts';
import { applicationView, decisionView, eventView, stipulationView, type DecisionViewRow, type PersonalData } from './application-view.ts';

/** What a partner sees of an application (GET /v1/applications/{id}): no decision audit, no review state. */
export type PartnerApplicationView = Pick<ApplicationDetail, 'application' | 'decision' | 'stipulations' | 'timeline'>;

interface PartnerRow extends ApplicationRow {
  dc_id: string | null;
  dc_kind: DecisionRow['kind'];
  dc_status: string;
  dc_reasons: unknown;
  dc_score: unknown;
  dc_offer: unknown;
  dc_counter_offer: unknown;
  dc_stipulations: unknown;
  dc_versions: unknown;
  dc_decided_by_type: DecisionRow['decided_by_type'];
  dc_decided_by_id: string | null;
  dc_decided_by_label: string | null;
  dc_note: string | null;
  dc_decided_at: Date | string;
  dc_duration_ms: number;
  events: EventRow[] | null;
  stipulations: StipulationRow[] | null;
}

/**
 * Times inside the aggregated JSON as ISO 8601 in UTC with milliseconds, truncated like the
 * drivers' Date (every time in these tables is written from a JS Date, so has no microseconds):
 * `iso()` turns them into exactly the string a Date column would have given.
 */
const isoText = (column: string) => `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

const PARTNER_VIEW_SQL = `
      SELECT a.id, a.customer_id, a.partner_id, a.channel, a.type, a.status, a.product_code, a.vehicle_price_fen, a.down_payment_fen, a.requested_amount_fen,
             a.term_months::int AS term_months, a.score, a.risk_tier, a.submitted_at, a.decided_at, a.updated_at, a.expires_at,
             d.applicant_name, d.id_number_hash, d.personal_enc, d.applicant_age::int AS applicant_age, d.employment, d.company, d.vehicle, d.deal, d.consents, d.quote_id,
             dc.id AS dc_id, dc.kind AS dc_kind, dc.status AS dc_status, dc.reasons AS dc_reasons, dc.score AS dc_score, dc.offer AS dc_offer,
             dc.counter_offer AS dc_counter_offer, dc.stipulations AS dc_stipulations, dc.versions AS dc_versions, dc.decided_by_type AS dc_decided_by_type,
             dc.decided_by_id AS dc_decided_by_id, dc.decided_by_label AS dc_decided_by_label, dc.note AS dc_note, dc.decided_at AS dc_decided_at,
             dc.duration_ms AS dc_duration_ms,
             (SELECT json_agg(json_build_object('id', e.id::text, 'at', ${isoText('e.at')}, 'from_status', e.from_status, 'to_status', e.to_status,
                                                'actor_type', e.actor_type, 'actor_id', e.actor_id, 'actor_label', e.actor_label, 'reason', e.reason) ORDER BY e.at, e.id)
                FROM application_events e WHERE e.application_id = a.id) AS events,
             (SELECT json_agg(json_build_object('id', s.id, 'type', s.type, 'status', s.status, 'amount_fen', s.amount_fen::text, 'message', s.message,
                                                'created_at', ${isoText('s.created_at')}, 'verified_by_id', s.verified_by_id, 'verified_by_label', s.verified_by_label,
                                                'verified_at', ${isoText('s.verified_at')}, 'note', s.note) ORDER BY s.created_at, s.type)
                FROM application_stipulations s WHERE s.application_id = a.id) AS stipulations
        FROM applications a
        JOIN application_details d ON d.application_id = a.id
        LEFT JOIN LATERAL (
          SELECT id, kind, status, reasons, score, offer, counter_offer, stipulations, versions, decided_by_type, decided_by_id, decided_by_label, note, decided_at, duration_ms
            FROM application_decisions WHERE application_id = a.id ORDER BY decided_at DESC, id DESC LIMIT 1) dc ON TRUE
       WHERE a.id = $1 AND a.partner_id = ANY($2::uuid[])`;

/**
 * The partner view in ONE statement: the application with its details, the latest decision's
 * view columns (LATERAL … LIMIT 1), and the timeline and stipulations aggregated as JSON in the
 * rows' own column names. The console's detail (getApplicationDetail) reads every decision with its
 * whole audit (input, data, rules, measures — most of the bytes) in five statements and the
 * partner route threw all that away; this reads only what the partner response shows, through the
 * same view functions, so the bytes are the same (partner-application-view.int.test.ts pins them
 * against the raw tables). Another partner's application, or one that is not an API application,
 * finds no row: 404, exactly as a missing one.
 */
export async function getPartnerApplicationView(database: Database, protector: PersonalDataProtector, id: string, partnerIds: readonly string[]): Promise<PartnerApplicationView> {
  const rows = await database.query<PartnerRow>(PARTNER_VIEW_SQL, [id, toPgArray(partnerIds)]);
  const row = rows[0];
  // Another partner's application answers exactly as a missing one (DESIGN.md: isolation).
  if (!row) throw new DomainError('NOT_FOUND', `No application ${id}.`);
  const personal = JSON.parse(protector.decrypt(row.personal_enc, row.id)) as PersonalData;
  const decision: DecisionViewRow | null =
    row.dc_id === null
      ? null
      : {
          id: row.dc_id,
          kind: row.dc_kind,
          status: row.dc_status,
          reasons: row.dc_reasons,
          score: row.dc_score,
          offer: row.dc_offer,
          counter_offer: row.dc_counter_offer,
          stipulations: row.dc_stipulations,
          versions: row.dc_versions,
          decided_by_type: row.dc_decided_by_type,
          decided_by_id: row.dc_decided_by_id,
          decided_by_label: row.dc_decided_by_label,
          note: row.dc_note,
          decided_at: row.dc_decided_at,
          duration_ms: row.dc_duration_ms,
        };
  return {
    application: applicationView(row, personal, false),
    decision: decision ? decisionView(decision) : null,
    stipulations: (row.stipulations ?? []).map(stipulationView),
    timeline: (row.events ?? []).map(eventView),
  };
}
