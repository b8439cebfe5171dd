import { sql } from 'drizzle-orm';
import { pgTable, uuid, text, integer, timestamp, jsonb, boolean, index, uniqueIndex, primaryKey } from 'drizzle-orm/pg-core';

/**
 * Triggered journeys (issue 8 §2; definitions in packages/contracts/src/journeys.ts). status: draft |
 * approved | active | paused | archived. `definition` is the current version; every edit bumps
 * `version` and clears the approval (four eyes: approved_by differs from created_by). The runner's
 * trigger cursor lives here: cursor_at is how far the trigger source (memberships' entered_at,
 * events' occurred_at, loan milestone dates) has been read, so each tick reads only what is new.
 */
export const journeys = pgTable(
  'journeys',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    status: text('status').notNull().default('draft'),
    version: integer('version').notNull().default(1),
    definition: jsonb('definition').notNull(),
    /** Seeded with the demo market (演示数据). */
    demo: boolean('demo').notNull().default(false),
    createdBy: text('created_by'),
    approvedBy: text('approved_by'),
    approvedVersion: integer('approved_version'),
    approvedAt: timestamp('approved_at', { withTimezone: true }),
    activatedAt: timestamp('activated_at', { withTimezone: true }),
    pausedAt: timestamp('paused_at', { withTimezone: true }),
    cursorAt: timestamp('cursor_at', { withTimezone: true }),
    /** Tie-break of the cursor: the last trigger key read at cursor_at (many rows can share a time). */
    cursorKey: text('cursor_key').notNull().default(''),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('journeys_status_idx').on(t.status)],
);

/** Every version of every journey's definition, as saved: enrolments point at the one they started on. */
export const journeyVersions = pgTable(
  'journey_versions',
  {
    journeyId: uuid('journey_id')
      .notNull()
      .references(() => journeys.id, { onDelete: 'cascade' }),
    version: integer('version').notNull(),
    definition: jsonb('definition').notNull(),
    createdBy: text('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.journeyId, t.version] })],
);

/**
 * One customer's walk through a journey. status: active | completed | exited (exit_reason says why).
 * trigger_key names what enrolled them (membership entry, event id, loan id + milestone) and is
 * unique per journey, so reading a trigger twice never enrols twice; at most one active enrolment
 * per customer and journey (partial unique index). next_run_at is when the runner looks again;
 * the runner takes due rows with FOR UPDATE SKIP LOCKED.
 */
export const journeyEnrolments = pgTable(
  'journey_enrolments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    journeyId: uuid('journey_id')
      .notNull()
      .references(() => journeys.id, { onDelete: 'cascade' }),
    journeyVersion: integer('journey_version').notNull(),
    customerId: uuid('customer_id').notNull(),
    triggerKey: text('trigger_key').notNull(),
    triggeredAt: timestamp('triggered_at', { withTimezone: true }).notNull(),
    enrolledAt: timestamp('enrolled_at', { withTimezone: true }).notNull(),
    status: text('status').notNull().default('active'),
    stepIndex: integer('step_index').notNull().default(0),
    stepStartedAt: timestamp('step_started_at', { withTimezone: true }).notNull(),
    nextRunAt: timestamp('next_run_at', { withTimezone: true }),
    exitReason: text('exit_reason'),
    endedAt: timestamp('ended_at', { withTimezone: true }),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('journey_enrolments_trigger_uq').on(t.journeyId, t.triggerKey),
    uniqueIndex('journey_enrolments_active_uq').on(t.journeyId, t.customerId).where(sql`${t.status} = 'active'`),
    index('journey_enrolments_due_idx').on(t.nextRunAt).where(sql`${t.status} = 'active'`),
    index('journey_enrolments_customer_idx').on(t.customerId),
    index('journey_enrolments_journey_idx').on(t.journeyId, t.status),
  ],
);
