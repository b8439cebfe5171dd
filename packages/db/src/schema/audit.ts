import { pgTable, bigserial, text, timestamp, jsonb, index } from 'drizzle-orm/pg-core';

/**
 * The append-only audit trail. Every later feature writes through `recordAudit` (apps/server);
 * a trigger in the migration rejects UPDATE and DELETE so history cannot be rewritten.
 */
export const auditLog = pgTable(
  'audit_log',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
    actorType: text('actor_type').notNull(), // user | partner_key | system
    actorId: text('actor_id'),
    actorLabel: text('actor_label'),
    action: text('action').notNull(),
    entityType: text('entity_type').notNull(),
    entityId: text('entity_id'),
    before: jsonb('before'),
    after: jsonb('after'),
    requestId: text('request_id'),
  },
  (t) => [
    index('audit_log_at_idx').on(t.at),
    index('audit_log_entity_idx').on(t.entityType, t.entityId),
    index('audit_log_action_idx').on(t.action),
  ],
);
