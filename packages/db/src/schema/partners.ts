import { pgTable, uuid, text, integer, smallint, date, timestamp, index, type AnyPgColumn } from 'drizzle-orm/pg-core';
import { cities } from './geo.ts';
import { makes } from './vehicles.ts';

/**
 * Every organisation the lender works with. `type`: dealer | dealer_group | oem | ecommerce | broker.
 * partner_id is the distribution key of the partner-side tables.
 */
export const partners = pgTable(
  'partners',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    type: text('type').notNull(),
    name: text('name').notNull(),
    /** A dealer's group, if any. */
    parentId: uuid('parent_id').references((): AnyPgColumn => partners.id),
    cityId: integer('city_id').references(() => cities.id),
    status: text('status').notNull().default('active'),
    /** 'simulator' for demo data; otherwise where the record came from. */
    source: text('source').notNull().default('manual'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('partners_type_idx').on(t.type), index('partners_parent_idx').on(t.parentId)],
);

/** Dealer details for partners of type 'dealer'. format: 4s | used | nev_direct. */
export const dealers = pgTable(
  'dealers',
  {
    partnerId: uuid('partner_id')
      .primaryKey()
      .references(() => partners.id, { onDelete: 'cascade' }),
    format: text('format').notNull(),
    /** The franchised brand of a 4S or NEV direct store; null for multi-brand used-car dealers. */
    makeId: smallint('make_id').references(() => makes.id),
    cityId: integer('city_id')
      .notNull()
      .references(() => cities.id),
    openedOn: date('opened_on', { mode: 'string' }),
  },
  (t) => [index('dealers_city_idx').on(t.cityId), index('dealers_make_idx').on(t.makeId)],
);
