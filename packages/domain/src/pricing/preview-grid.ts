import type { GridPreview, PricingGrid } from '@autofin/contracts';
import { DomainError } from '../shared/domain-error.ts';
import { pct, PDecimal } from './decimal.ts';
import type { PriceRateInput } from './price-rate.ts';
import { priceRate } from './price-rate.ts';
import { assertValidPricingGrid } from './validate-grid.ts';

/** What stays fixed across a preview matrix. */
export type PreviewBase = Omit<PriceRateInput, 'riskTier' | 'termMonths' | 'amountFinancedFen' | 'vehicleValueFen'> & {
  /** Fixed term when the columns are LTV bands. */
  termMonths?: number;
  /** Fixed LTV in percent when the columns are terms, e.g. "70". */
  ltvPercent?: string;
};

export interface PreviewScenarios {
  base: PreviewBase;
  /** Rows are always the grid's risk tiers; columns are the product's terms or the grid's LTV bands (priced at each band's upper bound). */
  columns: 'term' | 'ltvBand';
}

// A round notional for the LTV: the rate depends on the ratio only, never on the amount.
const NOTIONAL_FEN = 100_000_000;

function financedAt(ltvPercent: string): number {
  const fen = new PDecimal(NOTIONAL_FEN).mul(pct(ltvPercent)).div(100);
  return fen.toDecimalPlaces(0, PDecimal.ROUND_FLOOR).toNumber();
}

/** Prices a matrix — tiers × terms or tiers × LTV bands — for the console's live preview of a draft grid. */
export function previewGrid(grid: PricingGrid, scenarios: PreviewScenarios): GridPreview {
  assertValidPricingGrid(grid);
  const { base, columns } = scenarios;
  const product = grid.products.find((p) => p.code === base.productCode);
  if (!product) {
    throw new DomainError('PRICING_INVALID_INPUT', `no product ${base.productCode} in grid ${grid.id}`, [
      { field: 'base.productCode', message: `is not a product of grid ${grid.id} v${grid.version}` },
    ]);
  }
  const tiers = grid.riskTiers.map((t) => t.tier);
  const priceAt = (tier: PriceRateInput['riskTier'], termMonths: number, ltvPercent: string) => {
    const { rate, bound } = priceRate(
      { ...base, riskTier: tier, termMonths, amountFinancedFen: financedAt(ltvPercent), vehicleValueFen: NOTIONAL_FEN },
      grid,
    );
    return { rate, bound };
  };

  if (columns === 'term') {
    const ltv = base.ltvPercent ?? '70';
    return {
      grid: { id: grid.id, version: grid.version },
      productCode: product.code,
      columns,
      rowLabels: tiers,
      columnLabels: product.termsMonths.map(String),
      cells: tiers.map((tier) => product.termsMonths.map((term) => priceAt(tier, term, ltv))),
    };
  }
  const term = base.termMonths ?? product.termsMonths[Math.floor((product.termsMonths.length - 1) / 2)]!;
  const bands = grid.ltvBands.filter((b) => pct(b.maxLtvPercent).lte(pct(product.maxLtvPercent)));
  return {
    grid: { id: grid.id, version: grid.version },
    productCode: product.code,
    columns,
    rowLabels: tiers,
    columnLabels: bands.map((b) => b.code),
    cells: tiers.map((tier) => bands.map((band) => priceAt(tier, term, band.maxLtvPercent))),
  };
}
