import type { PricingGrid } from '@autofin/contracts';

/**
 * The default grid for the Chinese market in 2026. A starting point a lender tunes, not advice.
 *
 * - Cost of funds: the 1-year LPR is 3.0 % and the 5-year 3.5 %; licensed auto-finance companies
 *   fund below LPR through interbank borrowing and auto-loan ABS, so the curve runs from 2.35 %
 *   (12 months) to 2.90 % (60 months).
 * - Risk tiers A–E carry 12-month PDs of 0.4 % (prime) to 8 % (sub-prime), in line with Chinese
 *   auto-finance books whose NPL ratios sit around 0.5–1 % with a thin sub-prime tail.
 * - LGD rises with LTV; NEVs lose more (steep depreciation during the price war) and used cars
 *   are harder to remarket. Recoveries on repossessed cars keep LGD well below unsecured credit.
 * - Result at 36 months, 70 % LTV, city tier 2, dealer channel: new ICE car ≈ 4.2 % (tier A)
 *   to 8.3 % (tier E); used cars about 1.5–2 points more.
 * - Ceilings stay far below the 24 % a year above which courts do not enforce interest, and
 *   below the 4 × LPR (12 %) that marks private lending, for the prime products.
 */
export const defaultPricingGrid: PricingGrid = {
  id: 'cn-default',
  version: 1,
  effectiveFrom: '2026-01-01',
  currency: 'CNY',
  description: 'Default risk-based pricing grid, China 2026 (LPR 1Y 3.0 %, 5Y 3.5 %)',
  roundingStepPercent: '0.01',
  costOfFunds: [
    { termMonths: 12, ratePercent: '2.35' },
    { termMonths: 24, ratePercent: '2.50' },
    { termMonths: 36, ratePercent: '2.60' },
    { termMonths: 48, ratePercent: '2.75' },
    { termMonths: 60, ratePercent: '2.90' },
  ],
  riskTiers: [
    { tier: 'A', pd12mPercent: '0.40' },
    { tier: 'B', pd12mPercent: '1.00' },
    { tier: 'C', pd12mPercent: '2.00' },
    { tier: 'D', pd12mPercent: '4.00' },
    { tier: 'E', pd12mPercent: '8.00' },
  ],
  ltvBands: [
    { code: 'LTV50', maxLtvPercent: '50', lgdPercent: { new_ice: '20', new_nev: '28', used: '30' }, adjustmentPercent: '-0.20' },
    { code: 'LTV60', maxLtvPercent: '60', lgdPercent: { new_ice: '25', new_nev: '33', used: '35' }, adjustmentPercent: '-0.10' },
    { code: 'LTV70', maxLtvPercent: '70', lgdPercent: { new_ice: '30', new_nev: '38', used: '40' }, adjustmentPercent: '0.00' },
    { code: 'LTV80', maxLtvPercent: '80', lgdPercent: { new_ice: '35', new_nev: '43', used: '45' }, adjustmentPercent: '0.15' },
    { code: 'LTV90', maxLtvPercent: '90', lgdPercent: { new_ice: '40', new_nev: '48', used: '50' }, adjustmentPercent: '0.35' },
    { code: 'LTV100', maxLtvPercent: '100', lgdPercent: { new_ice: '45', new_nev: '53', used: '55' }, adjustmentPercent: '0.60' },
  ],
  products: [
    {
      code: 'NEW_CAR_LOAN',
      label: { zh: '新车贷款', en: 'New-car loan' },
      vehicleCondition: 'new',
      termsMonths: [12, 24, 36, 48, 60],
      maxLtvPercent: '100',
      operatingCostPercent: '0.60',
      targetMarginPercent: '0.80',
      floorPercent: '2.80',
      ceilingPercent: '15.00',
    },
    {
      code: 'NEW_CAR_LEASE',
      label: { zh: '新车融资租赁', en: 'New-car finance lease' },
      vehicleCondition: 'new',
      termsMonths: [24, 36, 48, 60],
      maxLtvPercent: '100',
      operatingCostPercent: '0.80',
      targetMarginPercent: '1.20',
      floorPercent: '3.50',
      ceilingPercent: '15.00',
    },
    {
      code: 'USED_CAR_LOAN',
      label: { zh: '二手车贷款', en: 'Used-car loan' },
      vehicleCondition: 'used',
      termsMonths: [12, 24, 36],
      maxLtvPercent: '80',
      operatingCostPercent: '1.10',
      targetMarginPercent: '1.30',
      floorPercent: '4.50',
      ceilingPercent: '18.00',
    },
  ],
  regionAdjustments: [
    { cityTier: 1, adjustmentPercent: '-0.10' },
    { cityTier: 2, adjustmentPercent: '0.00' },
    { cityTier: 3, adjustmentPercent: '0.15' },
    { cityTier: 4, adjustmentPercent: '0.30' },
  ],
  fuelAdjustments: [
    { fuel: 'ICE', adjustmentPercent: '0.00' },
    { fuel: 'BEV', adjustmentPercent: '-0.15' },
    { fuel: 'PHEV', adjustmentPercent: '-0.10' },
  ],
  usedCarAgeBands: [
    { maxAgeMonths: 36, adjustmentPercent: '0.30' },
    { maxAgeMonths: 60, adjustmentPercent: '0.60' },
    { maxAgeMonths: 96, adjustmentPercent: '1.00' },
    { maxAgeMonths: 120, adjustmentPercent: '1.60' },
  ],
  channelAdjustments: [
    { channel: 'direct', adjustmentPercent: '-0.10' },
    { channel: 'dealer', adjustmentPercent: '0.00' },
    { channel: 'online', adjustmentPercent: '-0.05' },
    { channel: 'partner', adjustmentPercent: '0.10' },
  ],
  dealerGradeAdjustments: [
    { grade: 'A', adjustmentPercent: '-0.10' },
    { grade: 'B', adjustmentPercent: '0.00' },
    { grade: 'C', adjustmentPercent: '0.15' },
    { grade: 'D', adjustmentPercent: '0.35' },
  ],
  loyaltyAdjustments: [
    { minPriorLoans: 1, adjustmentPercent: '-0.20' },
    { minPriorLoans: 3, adjustmentPercent: '-0.35' },
  ],
};
