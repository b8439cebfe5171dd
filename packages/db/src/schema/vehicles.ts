import { pgTable, smallint, integer, text, bigint, boolean, index } from 'drizzle-orm/pg-core';

/** Car brands sold in China. origin: domestic | joint_venture | foreign. */
export const makes = pgTable('makes', {
  id: smallint('id').primaryKey(),
  name: text('name').notNull(),
  nameEn: text('name_en').notNull(),
  origin: text('origin').notNull(),
  /** Sells only new-energy vehicles (BYD, Tesla, NIO …). */
  nevOnly: boolean('nev_only').notNull().default(false),
  /** Sold through the brand's own stores rather than franchised 4S dealers. */
  directSales: boolean('direct_sales').notNull().default(false),
});

/**
 * Models with their residual-value curve: value after t years (t ≥ 1) as a share of list price
 * = residual_y1_bp/10000 × (residual_decay_bp/10000)^(t−1). Basis points keep the parameters exact.
 */
export const models = pgTable(
  'models',
  {
    id: integer('id').primaryKey(),
    makeId: smallint('make_id')
      .notNull()
      .references(() => makes.id),
    name: text('name').notNull(),
    nameEn: text('name_en').notNull(),
    /** sedan | suv | mpv | hatchback */
    body: text('body').notNull(),
    /** economy | mid | premium | luxury */
    segment: text('segment').notNull(),
    residualY1Bp: integer('residual_y1_bp').notNull(),
    residualDecayBp: integer('residual_decay_bp').notNull(),
  },
  (t) => [index('models_make_idx').on(t.makeId)],
);

/** Trims: what is priced and financed. fuel: ICE | BEV | PHEV (BEV + PHEV = NEV, the Chinese "新能源"). */
export const trims = pgTable(
  'trims',
  {
    id: integer('id').primaryKey(),
    modelId: integer('model_id')
      .notNull()
      .references(() => models.id),
    name: text('name').notNull(),
    fuel: text('fuel').notNull(),
    modelYear: smallint('model_year').notNull(),
    /** Manufacturer's suggested retail price (指导价) in fen. */
    listPriceFen: bigint('list_price_fen', { mode: 'number' }).notNull(),
  },
  (t) => [index('trims_model_idx').on(t.modelId), index('trims_fuel_idx').on(t.fuel)],
);
