import { journeyDefinitionSchema, type JourneyDefinition } from '@autofin/contracts';
import { mayEnrol, nextJourneyAction, type EnrolmentFacts, type PastEnrolment } from '@autofin/domain';
import { arrayLiteral, type Database, type SqlRunner } from '@autofin/db';
import { runnerOf } from '../customers/sql-runner.ts';
import { eventTypesFor } from '../segments/segment-sql.ts';
import { enqueueMessages } from '../campaigns/enqueue.service.ts';
import { readTriggerHits, SETTLE_MS } from './journey-triggers.repository.ts';
import { renderOfferDeadline } from './offer-deadline.ts';

/** Trigger rows read per journey per tick; the cursor carries on from the last one next tick. */
export const ENROL_BATCH = 2_000;
/** Due enrolments advanced per transaction. */
export const ADVANCE_BATCH = 200;
/** An enrolment that failed to advance is looked at again after this long. */
export const RETRY_MS = 15 * 60_000;

export interface RunSummary {
  /** Enrolments that could not be advanced this pass (retried after RETRY_MS). */
  failed: number;
  enrolled: number;
  skipped: number;
  advanced: number;
  sent: number;
  suppressed: number;
  exited: number;
  completed: number;
}

const empty = (): RunSummary => ({ failed: 0, enrolled: 0, skipped: 0, advanced: 0, sent: 0, suppressed: 0, exited: 0, completed: 0 });

/**
 * One pass of the journey runner: enrol the customers whose trigger fired since each active
 * journey's cursor, then advance every due enrolment until none is left. Safe on any number of
 * instances at once: a journey's cursor moves under its row lock (taken with SKIP LOCKED, so a
 * second instance moves on to other journeys), due enrolments are taken with SKIP LOCKED, an
 * enrolment is unique per trigger key, and the outbox ignores a (journey, key) it already has.
 */
export async function runJourneysOnce(database: Database, now: Date = new Date(), onError: (err: unknown, enrolmentId: string) => void = () => undefined): Promise<RunSummary> {
  const summary = empty();
  const active = await database.query<{ id: string }>(`SELECT id FROM journeys WHERE status = 'active' ORDER BY id`);
  for (const { id } of active) {
    // Keep reading while a batch comes back full, so a burst is absorbed within one pass.
    for (;;) {
      const r = await enrolTriggered(database, id, now);
      summary.enrolled += r.enrolled;
      summary.skipped += r.skipped;
      if (!r.more) break;
    }
  }
  for (;;) {
    const r = await advanceDue(database, now, onError);
    for (const k of Object.keys(summary) as Array<keyof RunSummary>) if (k !== 'enrolled' && k !== 'skipped') summary[k] += r[k];
    if (r.advanced < ADVANCE_BATCH) break;
  }
  return summary;
}

async function enrolTriggered(database: Database, journeyId: string, now: Date): Promise<{ enrolled: number; skipped: number; more: boolean }> {
  return database.db.transaction(async (tx) => {
    const db = runnerOf(tx);
    const [j] = await db.query<{ version: number; definition: unknown; cursor_at: Date | string; cursor_key: string }>(
      `SELECT version, definition, cursor_at, cursor_key FROM journeys WHERE id = $1 AND status = 'active' FOR UPDATE SKIP LOCKED`,
      [journeyId],
    );
    if (!j) return { enrolled: 0, skipped: 0, more: false };
    const def = journeyDefinitionSchema.parse(j.definition);
    const until = new Date(now.getTime() - SETTLE_MS);
    const hits = await readTriggerHits(db, def.trigger, { at: new Date(j.cursor_at), key: j.cursor_key }, until, ENROL_BATCH);
    if (hits.length === 0) return { enrolled: 0, skipped: 0, more: false };

    // One customer can fire several times in a batch: the first hit counts, the rest meet the rule.
    const ids = [...new Set(hits.map((h) => h.customerId))];
    const pastRows = await db.query<{ customer_id: string; status: PastEnrolment['status']; enrolled_at: Date | string; ended_at: Date | string | null }>(
      `SELECT customer_id, status, enrolled_at, ended_at FROM journey_enrolments WHERE journey_id = $1 AND customer_id = ANY($2::uuid[])`,
      [journeyId, arrayLiteral(ids)],
    );
    const past = new Map<string, PastEnrolment[]>();
    for (const r of pastRows) {
      const list = past.get(r.customer_id) ?? [];
      list.push({ status: r.status, enrolledAt: new Date(r.enrolled_at).toISOString(), endedAt: r.ended_at === null ? null : new Date(r.ended_at).toISOString() });
      past.set(r.customer_id, list);
    }
    const nowIso = now.toISOString();
    const rows: Array<{ customerId: string; key: string; at: Date }> = [];
    let skipped = 0;
    for (const hit of hits) {
      const previous = past.get(hit.customerId) ?? [];
      if (!mayEnrol(def.reentry, previous, nowIso).enrol) {
        skipped++;
        continue;
      }
      rows.push({ customerId: hit.customerId, key: hit.key, at: hit.at });
      past.set(hit.customerId, [...previous, { status: 'active', enrolledAt: nowIso, endedAt: null }]);
    }
    let enrolled = 0;
    if (rows.length > 0) {
      // The enrolment starts at the trigger's moment (a "wait 3 days" counts from the quote view),
      // and is due at once so the first pass of advanceDue looks at it.
      const inserted = await db.query<{ id: string }>(
        `INSERT INTO journey_enrolments (journey_id, journey_version, customer_id, trigger_key, triggered_at, enrolled_at, status, step_index, step_started_at, next_run_at, updated_at)
         SELECT $1, $2, x.customer_id, x.key, x.at, x.at, 'active', 0, x.at, $3, $3
           FROM unnest($4::uuid[], $5::text[], $6::timestamptz[]) AS x(customer_id, key, at)
         ON CONFLICT DO NOTHING RETURNING id`,
        [journeyId, j.version, now, arrayLiteral(rows.map((r) => r.customerId)), arrayLiteral(rows.map((r) => r.key)), arrayLiteral(rows.map((r) => r.at.toISOString()))],
      );
      enrolled = inserted.length;
      skipped += rows.length - inserted.length;
    }
    const last = hits[hits.length - 1]!;
    await db.query(`UPDATE journeys SET cursor_at = $2, cursor_key = $3 WHERE id = $1`, [journeyId, last.at, last.key]);
    return { enrolled, skipped, more: hits.length === ENROL_BATCH };
  });
}

interface DueRow {
  id: string;
  journey_id: string;
  customer_id: string;
  enrolled_at: Date | string;
  step_index: number;
  step_started_at: Date | string;
  definition: unknown;
}

/** The event types a definition looks at after enrolment (conditions and exits), with their legacy names. */
function watchedEventTypes(def: JourneyDefinition): string[] {
  const types = new Set<string>();
  for (const s of def.steps) if (s.type === 'condition') for (const c of s.all) if (c.kind !== 'no_application') types.add(c.eventType);
  for (const e of def.exits) if (e.kind === 'event') types.add(e.eventType);
  return [...types].flatMap(eventTypesFor);
}

const CANONICAL: Record<string, string> = Object.fromEntries(['quote_viewed', 'calculator_used'].flatMap((t) => eventTypesFor(t).map((legacy) => [legacy, t])));

async function loadFacts(db: SqlRunner, due: readonly DueRow[], defs: Map<string, JourneyDefinition>): Promise<Map<string, EnrolmentFacts>> {
  const facts = new Map<string, { enrolledAt: string; events: Array<EnrolmentFacts['events'][number]>; applications: Array<EnrolmentFacts['applications'][number]> }>();
  for (const d of due) facts.set(d.id, { enrolledAt: new Date(d.enrolled_at).toISOString(), events: [], applications: [] });
  const ids = [...new Set(due.map((d) => d.customer_id))];
  const since = new Date(Math.min(...due.map((d) => new Date(d.enrolled_at).getTime())));
  const types = [...new Set(due.flatMap((d) => watchedEventTypes(defs.get(d.id)!)))];
  const [events, apps] = await Promise.all([
    types.length === 0
      ? Promise.resolve([])
      : db.query<{ customer_id: string; type: string; occurred_at: Date | string }>(
          `SELECT customer_id, type, occurred_at FROM customer_events WHERE customer_id = ANY($1::uuid[]) AND occurred_at >= $2 AND type = ANY($3::text[])`,
          [arrayLiteral(ids), since, arrayLiteral(types)],
        ),
    db.query<{ customer_id: string; submitted_at: Date | string }>(`SELECT customer_id, submitted_at FROM applications WHERE customer_id = ANY($1::uuid[]) AND submitted_at >= $2`, [arrayLiteral(ids), since]),
  ]);
  const byCustomer = new Map<string, DueRow[]>();
  for (const d of due) byCustomer.set(d.customer_id, [...(byCustomer.get(d.customer_id) ?? []), d]);
  for (const e of events) for (const d of byCustomer.get(e.customer_id) ?? []) facts.get(d.id)!.events.push({ type: CANONICAL[e.type] ?? e.type, at: new Date(e.occurred_at).toISOString() });
  for (const a of apps) for (const d of byCustomer.get(a.customer_id) ?? []) facts.get(d.id)!.applications.push({ submittedAt: new Date(a.submitted_at).toISOString() });
  return facts;
}

async function advanceDue(database: Database, now: Date, onError: (err: unknown, enrolmentId: string) => void): Promise<RunSummary> {
  return database.db.transaction(async (tx) => {
    const db = runnerOf(tx);
    const summary = empty();
    // A paused journey's enrolments stay where they are until it resumes.
    const due = await db.query<DueRow>(
      `SELECT e.id, e.journey_id, e.customer_id, e.enrolled_at, e.step_index, e.step_started_at, v.definition
         FROM journey_enrolments e
         JOIN journeys j ON j.id = e.journey_id AND j.status = 'active'
         JOIN journey_versions v ON v.journey_id = e.journey_id AND v.version = e.journey_version
        WHERE e.status = 'active' AND e.next_run_at <= $1
        ORDER BY e.next_run_at LIMIT $2
        FOR UPDATE OF e SKIP LOCKED`,
      [now, ADVANCE_BATCH],
    );
    if (due.length === 0) return summary;
    const defs = new Map(due.map((d) => [d.id, journeyDefinitionSchema.parse(d.definition)]));
    const facts = await loadFacts(db, due, defs);
    for (const d of due) {
      summary.advanced++;
      try {
        // A savepoint per enrolment: one that cannot be advanced (bad data, a failing send) is
        // retried later instead of holding back the whole batch on every tick.
        const local = empty();
        await tx.transaction(async (sp) => advanceOne(runnerOf(sp), d, defs.get(d.id)!, facts.get(d.id)!, now, local));
        summary.sent += local.sent;
        summary.suppressed += local.suppressed;
        summary.exited += local.exited;
        summary.completed += local.completed;
      } catch (err) {
        summary.failed++;
        await db.query(`UPDATE journey_enrolments SET next_run_at = $2, updated_at = $3 WHERE id = $1`, [d.id, new Date(now.getTime() + RETRY_MS), now]);
        onError(err, d.id);
      }
    }
    return summary;
  });
}

/** Walks one enrolment until it has to wait or ends; each send is one outbox row. */
async function advanceOne(db: SqlRunner, d: DueRow, def: JourneyDefinition, facts: EnrolmentFacts, now: Date, summary: RunSummary): Promise<void> {
  const nowIso = now.toISOString();
  let position = { stepIndex: d.step_index, stepStartedAt: new Date(d.step_started_at).toISOString() };
  for (let guard = 0; guard <= def.steps.length; guard++) {
    const action = nextJourneyAction(def, position, facts, nowIso);
    if (action.kind === 'send') {
      const step = action.step;
      const result = await enqueueMessages(
        db,
        {
          journeyId: d.journey_id,
          items: [{ customerId: d.customer_id, journeyKey: `${step.id}:${d.id}` }],
          channel: step.channel,
          purpose: step.purpose,
          template: renderOfferDeadline(step.template, step.offer?.validHours, now),
        },
        now,
      );
      summary.sent += result.queued + result.deferred;
      summary.suppressed += Object.values(result.suppressed).reduce((a, b) => a + b, 0);
      position = action.position;
      continue;
    }
    if (action.kind === 'wait') {
      await db.query(`UPDATE journey_enrolments SET step_index = $2, step_started_at = $3, next_run_at = $4, updated_at = $5 WHERE id = $1`, [
        d.id,
        action.position.stepIndex,
        action.position.stepStartedAt,
        action.until,
        now,
      ]);
    } else {
      const status = action.kind === 'exit' ? 'exited' : 'completed';
      if (action.kind === 'exit') summary.exited++;
      else summary.completed++;
      await db.query(`UPDATE journey_enrolments SET status = $2, exit_reason = $3, step_index = $4, ended_at = $5, next_run_at = NULL, updated_at = $5 WHERE id = $1`, [
        d.id,
        status,
        action.kind === 'exit' ? action.reason : null,
        position.stepIndex,
        now,
      ]);
    }
    break;
  }
}
