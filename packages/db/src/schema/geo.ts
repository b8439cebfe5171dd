import { pgTable, smallint, integer, text, boolean, index } from 'drizzle-orm/pg-core';

/** Provinces, municipalities and autonomous regions (reference data, small). */
export const provinces = pgTable('provinces', {
  id: smallint('id').primaryKey(),
  name: text('name').notNull(),
  nameEn: text('name_en').notNull(),
  /** east | central | west | northeast (the statistical regions of the NBS) */
  region: text('region').notNull(),
});

/** Prefecture-level cities with the market tier (1 = Beijing/Shanghai/Guangzhou/Shenzhen … 4). */
export const cities = pgTable(
  'cities',
  {
    id: integer('id').primaryKey(),
    provinceId: smallint('province_id')
      .notNull()
      .references(() => provinces.id),
    name: text('name').notNull(),
    nameEn: text('name_en').notNull(),
    tier: smallint('tier').notNull(),
    /** Registered car-buying households relative to the other cities, used as a sampling weight. */
    marketWeight: integer('market_weight').notNull(),
    /** Whether new ICE plates are rationed (lottery/auction), which pushes buyers towards NEVs. */
    plateRestricted: boolean('plate_restricted').notNull().default(false),
  },
  (t) => [index('cities_province_idx').on(t.provinceId), index('cities_tier_idx').on(t.tier)],
);
