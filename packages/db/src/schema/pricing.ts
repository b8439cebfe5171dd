import { sql } from 'drizzle-orm';
import { pgTable, text, integer, timestamp, jsonb, primaryKey, uniqueIndex } from 'drizzle-orm/pg-core';

/**
 * Pricing grids as versioned data. status: draft | active | retired. Exactly one version of one
 * grid is active at a time (quotes price off it); publishing a draft retires the active one.
 * `grid` is the PricingGrid of packages/contracts, validated before it is written.
 */
export const pricingGrids = pgTable(
  'pricing_grids',
  {
    gridId: text('grid_id').notNull(),
    version: integer('version').notNull(),
    status: text('status').notNull(),
    grid: jsonb('grid').notNull(),
    createdBy: text('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    publishedBy: text('published_by'),
    publishedAt: timestamp('published_at', { withTimezone: true }),
  },
  (t) => [primaryKey({ columns: [t.gridId, t.version] }), uniqueIndex('pricing_grids_one_active').on(t.status).where(sql`status = 'active'`)],
);
