import type { Database } from '@autofin/db';
import { assertPublishable, assertValidPricingGrid, defaultPricingGrid, demoOemPromotionOn, demoProducts, validatePromotion } from '@autofin/domain';
import { recordAudit } from '../audit/audit.repository.ts';
import { findActiveGridRecord, insertGrid } from '../pricing/pricing.repository.ts';
import { businessDate } from '../quotes/business-date.ts';
import { insertPromotion } from '../promotions/promotion.repository.ts';
import { seedDealerWidgets } from '../widget/widget.repository.ts';
import { countProducts, insertDraft, publishDraft } from './product.repository.ts';

const SEED_LOCK = 7_236_004;

export interface CatalogueSeed {
  products: number;
  grid: string | null;
  promotion: string | null;
  widgets: number;
}

/**
 * The demo catalogue, once, when it is empty: the default pricing grid (active), the market's
 * products (each version 1, checked against the rulebook and the grid, published) and the OEM
 * 0 % NEV promotion (approved by the system, running at least a year from `today`, China's date).
 * Then a widget for every dealer that has none. Everything is written through the same
 * repositories as the API and audited.
 */
export async function seedDemoCatalogue(database: Database, today: string = businessDate()): Promise<CatalogueSeed> {
  return database.withLock(SEED_LOCK, async () => {
    const seed: CatalogueSeed = { products: 0, grid: null, promotion: null, widgets: 0 };
    if ((await countProducts(database.db)) === 0) {
      const actor = { type: 'system' as const, label: 'start-up' };
      await database.db.transaction(async (tx) => {
        let grid = (await findActiveGridRecord(tx))?.grid;
        if (!grid) {
          grid = assertValidPricingGrid(defaultPricingGrid);
          await insertGrid(tx, grid, 'active', null);
          await recordAudit(tx, { actor, action: 'pricing_grid.published', entityType: 'pricing_grid', entityId: `${grid.id}@${grid.version}`, after: { seeded: true } });
          seed.grid = `${grid.id}@${grid.version}`;
        }
        for (const def of demoProducts) {
          const verdict = assertPublishable(def, { grid });
          await insertDraft(tx, def, null);
          await publishDraft(tx, def.code, 1, verdict.rulebookVersion, null);
          await recordAudit(tx, { actor, action: 'product.published', entityType: 'product', entityId: `${def.code}@1`, after: { seeded: true, rulebookVersion: verdict.rulebookVersion } });
          seed.products += 1;
        }
        const promotion = demoOemPromotionOn(today);
        validatePromotion(promotion);
        const promo = await insertPromotion(tx, promotion, 'approved', null, 'system');
        await recordAudit(tx, { actor, action: 'promotion.approved', entityType: 'promotion', entityId: promo.id, after: { seeded: true, code: promotion.code, budget: promotion.budget, endsOn: promotion.endsOn } });
        seed.promotion = promotion.code;
      });
    }
    seed.widgets = await seedDealerWidgets(database);
    return seed;
  });
}
