import { inArray, schema, type DbOrTx } from '@autofin/db';
import type { SellableProduct } from '@autofin/domain';

/**
 * What a partner may sell: a dealer the products of its calculator set-up (dealer_widgets, one
 * per dealer), a dealer group the union of its dealers'; OEMs, platforms, brokers and dealers
 * without a set-up every sellable product. Returns null for "every product".
 */
export async function partnerProductCodes(db: DbOrTx, partnerIds: string[]): Promise<Set<string> | null> {
  const rows = await db.select({ codes: schema.dealerWidgets.productCodes }).from(schema.dealerWidgets).where(inArray(schema.dealerWidgets.partnerId, partnerIds));
  if (rows.length === 0) return null;
  return new Set(rows.flatMap((r) => r.codes as string[]));
}

export function productFilter(codes: Set<string> | null): ((p: SellableProduct) => boolean) | undefined {
  return codes ? (p) => codes.has(p.definition.code) : undefined;
}
