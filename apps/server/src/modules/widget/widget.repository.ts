import { eq, schema, sql, type Database, type DbOrTx } from '@autofin/db';
import type { QuoteVehicleCategory } from '@autofin/contracts';

export interface DealerWidget {
  partnerId: string;
  widgetId: string;
  displayName: string;
  vehicleCategories: QuoteVehicleCategory[];
  productCodes: string[];
  defaultDownPaymentPercent: string;
}

export async function findWidget(db: DbOrTx, widgetId: string): Promise<DealerWidget | null> {
  const rows = await db.select().from(schema.dealerWidgets).where(eq(schema.dealerWidgets.widgetId, widgetId));
  const r = rows[0];
  if (!r || !r.active) return null;
  return {
    partnerId: r.partnerId,
    widgetId: r.widgetId,
    displayName: r.displayName,
    vehicleCategories: r.vehicleCategories as QuoteVehicleCategory[],
    productCodes: r.productCodes as string[],
    defaultDownPaymentPercent: r.defaultDownPaymentPercent,
  };
}

/**
 * Counts one request in the widget's current one-minute window and returns the count so far.
 * One upsert: concurrent requests on any instance add up in the same row. Windows older than an
 * hour are swept when a new window opens.
 */
export async function countWidgetRequest(db: DbOrTx, widgetId: string, now: Date): Promise<{ count: number; windowEndsInSeconds: number }> {
  const windowStart = new Date(Math.floor(now.getTime() / 60_000) * 60_000);
  const w = schema.widgetRateWindows;
  const rows = await db
    .insert(w)
    .values({ widgetId, windowStart, count: 1 })
    .onConflictDoUpdate({ target: [w.widgetId, w.windowStart], set: { count: sql`${w.count} + 1` } })
    .returning({ count: w.count });
  const count = rows[0]?.count ?? 1;
  if (count === 1) await db.delete(w).where(sql`${w.windowStart} < ${new Date(windowStart.getTime() - 3_600_000)}`);
  return { count, windowEndsInSeconds: Math.max(1, Math.ceil((windowStart.getTime() + 60_000 - now.getTime()) / 1000)) };
}

/**
 * Gives every dealer of the market without a widget one, set-based: a public id derived from the
 * partner id, the categories and products that fit the dealer's format (4S of an NEV-only make,
 * 4S, NEV direct store, used-car dealer). Returns how many were created.
 */
export async function seedDealerWidgets(database: Database): Promise<number> {
  const rows = await database.query<{ n: number }>(`
    WITH ins AS (
      INSERT INTO dealer_widgets (partner_id, widget_id, display_name, vehicle_categories, product_codes, default_down_payment_percent)
      SELECT p.id,
             'w' || substr(md5(p.id::text), 1, 15),
             p.name,
             CASE WHEN d.format = 'used' THEN '["used"]'::jsonb
                  WHEN d.format = 'nev_direct' OR m.nev_only THEN '["new-nev"]'::jsonb
                  ELSE '["new-ice","new-nev"]'::jsonb END,
             CASE WHEN d.format = 'used' THEN '["USED_CAR_LOAN","USED_CAR_BUNDLE"]'::jsonb
                  WHEN d.format = 'nev_direct' OR m.nev_only THEN '["NEV_LOAN","NEV_BUNDLE","NEV_BATTERY_RENTAL","BALLOON_LOAN","LEASE_TO_OWN"]'::jsonb
                  ELSE '["NEW_CAR_LOAN","NEV_LOAN","BALLOON_LOAN","FLAT_FEE_INSTALMENT","LEASE_TO_OWN"]'::jsonb END,
             CASE WHEN d.format = 'used' THEN '40' ELSE '30' END
        FROM partners p
        JOIN dealers d ON d.partner_id = p.id
        LEFT JOIN makes m ON m.id = d.make_id
       WHERE p.type = 'dealer'
      ON CONFLICT DO NOTHING
      RETURNING 1)
    SELECT count(*)::int AS n FROM ins`);
  return Number(rows[0]?.n ?? 0);
}

/** Every dealer widget, by dealer name, for the console. */
export async function listWidgets(db: DbOrTx): Promise<
  Array<{ dealerId: string; widgetId: string; dealerName: string; vehicleCategories: QuoteVehicleCategory[]; productCodes: string[]; active: boolean }>
> {
  const w = schema.dealerWidgets;
  const rows = await db.select().from(w).orderBy(w.displayName);
  return rows.map((r) => ({
    dealerId: r.partnerId,
    widgetId: r.widgetId,
    dealerName: r.displayName,
    vehicleCategories: r.vehicleCategories as QuoteVehicleCategory[],
    productCodes: r.productCodes as string[],
    active: r.active,
  }));
}
