import { pgTable, uuid, text, integer, timestamp, jsonb, boolean, primaryKey } from 'drizzle-orm/pg-core';
import { partners } from './partners.ts';

/**
 * The dealer's embeddable calculator: its public widget id and what it offers. Kept beside the
 * dealers table (one row per dealer partner) so the market schema stays as the simulator owns it.
 */
export const dealerWidgets = pgTable('dealer_widgets', {
  partnerId: uuid('partner_id')
    .primaryKey()
    .references(() => partners.id, { onDelete: 'cascade' }),
  widgetId: text('widget_id').notNull().unique(),
  displayName: text('display_name').notNull(),
  /** QuoteVehicleCategory[] the dealer sells. */
  vehicleCategories: jsonb('vehicle_categories').notNull(),
  /** Product codes the widget quotes (each must be sellable at quote time). */
  productCodes: jsonb('product_codes').notNull(),
  defaultDownPaymentPercent: text('default_down_payment_percent').notNull().default('30'),
  active: boolean('active').notNull().default(true),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

/** Fixed one-minute windows of widget requests: the rate limit every server instance shares. */
export const widgetRateWindows = pgTable(
  'widget_rate_windows',
  {
    widgetId: text('widget_id').notNull(),
    windowStart: timestamp('window_start', { withTimezone: true }).notNull(),
    count: integer('count').notNull(),
  },
  (t) => [primaryKey({ columns: [t.widgetId, t.windowStart] })],
);
