import { sql } from 'drizzle-orm';
import { pgTable, uuid, text, integer, timestamp, jsonb, boolean, index, primaryKey, uniqueIndex } from 'drizzle-orm/pg-core';
import { customers } from './customers.ts';

/**
 * Saved segments: a rule (packages/domain/src/segments, zod-validated) compiled to parameterised SQL.
 * builtin segments are created with the demo market and cannot be edited. member_count is the size
 * at the last evaluation.
 */
export const segments = pgTable(
  'segments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    code: text('code').unique(),
    name: text('name').notNull(),
    nameEn: text('name_en'),
    description: text('description'),
    rule: jsonb('rule').notNull(),
    builtin: boolean('builtin').notNull().default(false),
    memberCount: integer('member_count').notNull().default(0),
    evaluatedAt: timestamp('evaluated_at', { withTimezone: true }),
    createdBy: text('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('segments_builtin_idx').on(t.builtin)],
);

/**
 * Who is (left_at IS NULL) and was in a segment, with when they entered and left, so a campaign can
 * trigger on "entered segment" by reading rows with entered_at after its last look.
 */
export const segmentMemberships = pgTable(
  'segment_memberships',
  {
    segmentId: uuid('segment_id')
      .notNull()
      .references(() => segments.id, { onDelete: 'cascade' }),
    customerId: uuid('customer_id')
      .notNull()
      .references(() => customers.id, { onDelete: 'cascade' }),
    enteredAt: timestamp('entered_at', { withTimezone: true }).notNull(),
    leftAt: timestamp('left_at', { withTimezone: true }),
  },
  (t) => [
    primaryKey({ columns: [t.segmentId, t.customerId, t.enteredAt] }),
    uniqueIndex('segment_memberships_current_uq').on(t.segmentId, t.customerId).where(sql`${t.leftAt} IS NULL`),
    index('segment_memberships_customer_idx').on(t.customerId),
    index('segment_memberships_entered_idx').on(t.segmentId, t.enteredAt),
  ],
);
