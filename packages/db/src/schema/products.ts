import { sql } from 'drizzle-orm';
import { pgTable, text, integer, timestamp, jsonb, primaryKey, uniqueIndex, index } from 'drizzle-orm/pg-core';

/**
 * The product catalogue, one row per version (DESIGN.md rule 7: quotes and applications keep the
 * version they used). status: draft | published | superseded. A change is a new draft version;
 * publishing supersedes the previous published version; at most one published version per code.
 * `definition` is the ProductDefinition of packages/contracts (validated before it is written).
 */
export const productVersions = pgTable(
  'product_versions',
  {
    code: text('code').notNull(),
    version: integer('version').notNull(),
    status: text('status').notNull(),
    definition: jsonb('definition').notNull(),
    /** The rulebook version(s) the product was checked against when published. */
    rulebookVersion: text('rulebook_version'),
    createdBy: text('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    publishedBy: text('published_by'),
    publishedAt: timestamp('published_at', { withTimezone: true }),
  },
  (t) => [
    primaryKey({ columns: [t.code, t.version] }),
    uniqueIndex('product_versions_one_published').on(t.code).where(sql`status = 'published'`),
    index('product_versions_status_idx').on(t.status),
  ],
);
