import type {
  Bilingual,
  DealerGrade,
  Fuel,
  LgdVehicleClass,
  PriceRateRequest,
  PriceRateResult,
  PricingGrid,
  PricingLine,
  PricingLineCode,
  RiskTier,
  SalesChannel,
  VehicleCondition,
} from '@autofin/contracts';
import { DomainError } from '../shared/domain-error.ts';
import { parseMoney } from '../finance/money.ts';
import { fmt4, pct, PDecimal, roundToStep } from './decimal.ts';
import { expectedLoss } from './expected-loss.ts';
import { assertValidPricingGrid } from './validate-grid.ts';

/** What the engine needs to price one loan. Money in integer fen (DESIGN.md rule 2). */
export interface PriceRateInput {
  productCode: string;
  riskTier: RiskTier;
  termMonths: number;
  amountFinancedFen: number;
  /** The vehicle's price (new) or valuation (used): the LTV denominator. */
  vehicleValueFen: number;
  /** 1 (Beijing, Shanghai, Guangzhou, Shenzhen) … 4 (county towns). */
  cityTier: number;
  vehicle: { condition: VehicleCondition; fuel: Fuel; ageMonths: number };
  channel: SalesChannel;
  /** The originating dealer's grade; only the dealer channel uses it. */
  dealerGrade?: DealerGrade | undefined;
  /** Loans this customer has had with us and repaid as agreed. */
  priorLoans: number;
}

export const pricingLineLabels: Record<PricingLineCode, Bilingual> = {
  COST_OF_FUNDS: { zh: '资金成本', en: 'Cost of funds' },
  EXPECTED_LOSS: { zh: '预期损失', en: 'Expected loss' },
  OPERATING_COST: { zh: '运营成本', en: 'Operating cost' },
  TARGET_MARGIN: { zh: '目标利润', en: 'Target margin' },
  ADJ_LTV: { zh: '贷款价值比调整', en: 'LTV band adjustment' },
  ADJ_REGION: { zh: '地区（城市等级）调整', en: 'Region (city tier) adjustment' },
  ADJ_FUEL: { zh: '能源类型调整', en: 'Fuel type (NEV) adjustment' },
  ADJ_USED_AGE: { zh: '二手车车龄调整', en: 'Used-car age adjustment' },
  ADJ_CHANNEL: { zh: '渠道调整', en: 'Channel adjustment' },
  ADJ_DEALER: { zh: '经销商评级调整', en: 'Dealer grade adjustment' },
  ADJ_LOYALTY: { zh: '老客户优惠', en: 'Returning-customer adjustment' },
  ROUNDING: { zh: '取整', en: 'Rounding' },
  FLOOR: { zh: '产品利率下限', en: 'Product floor' },
  CEILING: { zh: '产品利率上限', en: 'Product ceiling' },
};

function notEligible(field: string, message: string): never {
  throw new DomainError('PRICING_NOT_ELIGIBLE', message, [{ field, message }]);
}

function invalid(field: string, message: string): never {
  throw new DomainError('PRICING_INVALID_INPUT', `${field} ${message}`, [{ field, message }]);
}

// Grids are values: every caller builds a new object for a changed grid (a database row, a
// structuredClone, React state), never edits one in place. So each grid object is validated once,
// on first use, instead of on every price: a quote prices a dozen offers off the same grid. An
// invalid grid is not remembered and fails every time.
const validGrids = new WeakSet<PricingGrid>();

function ensureValidGrid(grid: PricingGrid): void {
  if (validGrids.has(grid)) return;
  assertValidPricingGrid(grid);
  validGrids.add(grid);
}

// The pricing of a grid's own figures depends on nothing else, and a grid has few of them: each
// is formatted, and each expected-loss build-up (tier PD × band LGD × term) computed, once and
// kept (bounded, so arbitrary grids cannot grow them without limit). Every string is the one the
// full computation gives.
const CACHE_MAX = 4096;
const formatted = new Map<string, string>();

function fmt4Text(percent: string): string {
  let text = formatted.get(percent);
  if (text === undefined) {
    text = fmt4(pct(percent));
    if (formatted.size >= CACHE_MAX) formatted.clear();
    formatted.set(percent, text);
  }
  return text;
}

interface LossLine {
  /** The annual rate, four places. */
  rate: string;
  pdFraction: string;
  lifetimePd: string;
  lifetimeLoss: string;
  balanceYears: string;
}
const losses = new Map<string, LossLine>();

function expectedLossLine(pd12mPercent: string, lgdPercent: string, termMonths: number): LossLine {
  const key = `${pd12mPercent}|${lgdPercent}|${termMonths}`;
  let line = losses.get(key);
  if (line === undefined) {
    const el = expectedLoss({ pd12mPercent, lgdPercent, termMonths });
    line = {
      rate: fmt4(el.annualRatePercent),
      pdFraction: new PDecimal(pd12mPercent).div(100).toString(),
      lifetimePd: fmt4(el.lifetimePd.mul(100)),
      lifetimeLoss: fmt4(el.lifetimeLoss.mul(100)),
      balanceYears: el.balanceYears.toDecimalPlaces(4).toFixed(4),
    };
    if (losses.size >= CACHE_MAX) losses.clear();
    losses.set(key, line);
  }
  return line;
}

function checkInput(input: PriceRateInput): void {
  if (!Number.isSafeInteger(input.amountFinancedFen) || input.amountFinancedFen <= 0) invalid('amountFinancedFen', 'must be a positive whole number of fen');
  if (!Number.isSafeInteger(input.vehicleValueFen) || input.vehicleValueFen <= 0) invalid('vehicleValueFen', 'must be a positive whole number of fen');
  if (!Number.isInteger(input.termMonths) || input.termMonths <= 0) invalid('termMonths', 'must be a positive whole number of months');
  if (!Number.isInteger(input.cityTier) || input.cityTier < 1 || input.cityTier > 4) invalid('cityTier', 'must be 1, 2, 3 or 4');
  if (!Number.isInteger(input.vehicle.ageMonths) || input.vehicle.ageMonths < 0) invalid('vehicle.ageMonths', 'must be a whole number of months, zero or more');
  if (!Number.isInteger(input.priorLoans) || input.priorLoans < 0) invalid('priorLoans', 'must be a whole number, zero or more');
}

/** The LGD column a vehicle falls in. */
export function lgdClassOf(vehicle: PriceRateInput['vehicle']): LgdVehicleClass {
  if (vehicle.condition === 'used') return 'used';
  return vehicle.fuel === 'ICE' ? 'new_ice' : 'new_nev';
}

/**
 * Prices one loan off a grid: cost of funds for the term + expected loss (tier PD × LGD at this
 * LTV and vehicle class, spread over the average balance) + operating cost + target margin, then
 * the grid's adjustments (LTV band, city tier, fuel, used-car age, channel, dealer grade,
 * loyalty). The sum is rounded half-up to the grid's step and held within the product's floor
 * and ceiling. Every step is a line, so the lines add up to the rate exactly.
 */
export function priceRate(input: PriceRateInput, grid: PricingGrid): PriceRateResult {
  ensureValidGrid(grid);
  checkInput(input);

  const product = grid.products.find((p) => p.code === input.productCode);
  if (!product) invalid('productCode', `is not a product of grid ${grid.id} v${grid.version}: ${input.productCode}`);
  if (product.vehicleCondition !== input.vehicle.condition) {
    notEligible('vehicle.condition', `${product.code} finances ${product.vehicleCondition} vehicles, not ${input.vehicle.condition}`);
  }
  if (!product.termsMonths.includes(input.termMonths)) {
    notEligible('termMonths', `${product.code} offers terms of ${product.termsMonths.join(', ')} months, not ${input.termMonths}`);
  }
  const tier = grid.riskTiers.find((t) => t.tier === input.riskTier);
  if (!tier) notEligible('riskTier', `grid ${grid.id} v${grid.version} does not price tier ${input.riskTier}`);

  // LTV in percent, exact: financed × 100 / value.
  const ltv = new PDecimal(input.amountFinancedFen).mul(100).div(input.vehicleValueFen);
  if (ltv.gt(pct(product.maxLtvPercent))) {
    notEligible('amountFinancedFen', `LTV ${ltv.toFixed(2)}% is above ${product.code}'s maximum ${product.maxLtvPercent}%`);
  }
  const band = grid.ltvBands.find((b) => ltv.lte(pct(b.maxLtvPercent)));
  if (!band) notEligible('amountFinancedFen', `LTV ${ltv.toFixed(2)}% is above the highest LTV band`);

  let ageBand: PricingGrid['usedCarAgeBands'][number] | undefined;
  if (input.vehicle.condition === 'used') {
    ageBand = grid.usedCarAgeBands.find((b) => input.vehicle.ageMonths <= b.maxAgeMonths);
    if (!ageBand) {
      const oldest = grid.usedCarAgeBands[grid.usedCarAgeBands.length - 1]!.maxAgeMonths;
      notEligible('vehicle.ageMonths', `used cars older than ${oldest} months are not financed (${input.vehicle.ageMonths})`);
    }
  }

  const lines: PricingLine[] = [];
  /** `rate` is a Decimal or, for a grid's own figure or a line already formatted, its percent string. */
  const push = (code: PricingLineCode, rate: PDecimal | string, detail: string): void => {
    lines.push({ code, label: pricingLineLabels[code], rate: typeof rate === 'string' ? fmt4Text(rate) : fmt4(rate), detail });
  };

  const cof = grid.costOfFunds.find((c) => c.termMonths === input.termMonths)!;
  push('COST_OF_FUNDS', cof.ratePercent, `funding curve at ${input.termMonths} months: ${cof.ratePercent}%`);

  const lgdClass = lgdClassOf(input.vehicle);
  const lgdPercent = band.lgdPercent[lgdClass];
  const el = expectedLossLine(tier.pd12mPercent, lgdPercent, input.termMonths);
  push(
    'EXPECTED_LOSS',
    el.rate,
    `tier ${tier.tier} PD12m ${tier.pd12mPercent}% → lifetime PD 1 − (1 − ${el.pdFraction})^(${input.termMonths}/12) = ${el.lifetimePd}%; ` +
      `× LGD ${lgdPercent}% (LTV ${ltv.toFixed(2)}% in band ${band.code}, ${lgdClass}) = lifetime loss ${el.lifetimeLoss}%; ` +
      `÷ balance-years (${input.termMonths}+1)/(2×${input.termMonths}) × ${input.termMonths}/12 = ${el.balanceYears} → ${el.rate}% a year`,
  );
  push('OPERATING_COST', product.operatingCostPercent, `${product.code} servicing and origination cost: ${product.operatingCostPercent}% a year`);
  push('TARGET_MARGIN', product.targetMarginPercent, `${product.code} target margin: ${product.targetMarginPercent}% a year`);

  push('ADJ_LTV', band.adjustmentPercent, `LTV ${ltv.toFixed(2)}% ≤ ${band.maxLtvPercent}% (band ${band.code})`);

  const region = grid.regionAdjustments.find((r) => r.cityTier === input.cityTier)!;
  push('ADJ_REGION', region.adjustmentPercent, `city tier ${input.cityTier}`);

  const fuel = grid.fuelAdjustments.find((f) => f.fuel === input.vehicle.fuel)!;
  push('ADJ_FUEL', fuel.adjustmentPercent, `fuel ${input.vehicle.fuel}`);

  if (ageBand) {
    push('ADJ_USED_AGE', ageBand.adjustmentPercent, `used car aged ${input.vehicle.ageMonths} months ≤ ${ageBand.maxAgeMonths}`);
  } else {
    push('ADJ_USED_AGE', new PDecimal(0), 'new vehicle: not applicable');
  }

  const channel = grid.channelAdjustments.find((c) => c.channel === input.channel)!;
  push('ADJ_CHANNEL', channel.adjustmentPercent, `channel ${input.channel}`);

  if (input.channel === 'dealer' && input.dealerGrade) {
    const grade = grid.dealerGradeAdjustments.find((g) => g.grade === input.dealerGrade)!;
    push('ADJ_DEALER', grade.adjustmentPercent, `dealer grade ${grade.grade}`);
  } else {
    push('ADJ_DEALER', new PDecimal(0), input.channel === 'dealer' ? 'dealer not graded: no adjustment' : 'not a dealer loan: not applicable');
  }

  const loyalty = [...grid.loyaltyAdjustments].reverse().find((l) => input.priorLoans >= l.minPriorLoans);
  if (loyalty) {
    push('ADJ_LOYALTY', loyalty.adjustmentPercent, `${input.priorLoans} prior loans repaid ≥ ${loyalty.minPriorLoans}`);
  } else {
    push('ADJ_LOYALTY', new PDecimal(0), `${input.priorLoans} prior loans: new customer`);
  }

  // Lines are exact to four places, so their sum is exact too.
  const unrounded = lines.reduce((sum, line) => sum.plus(pct(line.rate)), new PDecimal(0));
  const step = pct(grid.roundingStepPercent);
  const rounded = roundToStep(unrounded, step);
  push('ROUNDING', rounded.minus(unrounded), `${fmt4(unrounded)}% rounded half-up to a multiple of ${grid.roundingStepPercent}%`);

  const floor = pct(product.floorPercent);
  const ceiling = pct(product.ceilingPercent);
  let rate = rounded;
  let bound: PriceRateResult['bound'] = null;
  if (rounded.lt(floor)) {
    rate = floor;
    bound = 'floor';
    push('FLOOR', floor.minus(rounded), `raised to ${product.code}'s floor ${product.floorPercent}%`);
  } else if (rounded.gt(ceiling)) {
    rate = ceiling;
    bound = 'ceiling';
    push('CEILING', ceiling.minus(rounded), `held at ${product.code}'s ceiling ${product.ceilingPercent}%`);
  }

  return {
    rate: rate.toFixed(step.decimalPlaces()),
    unroundedRate: fmt4(unrounded),
    lines,
    bound,
    grid: { id: grid.id, version: grid.version },
  };
}

/** The wire request (money as decimal strings) priced: parse → priceRate. */
export function priceRateRequest(request: PriceRateRequest, grid: PricingGrid): PriceRateResult {
  return priceRate(
    {
      productCode: request.productCode,
      riskTier: request.riskTier,
      termMonths: request.termMonths,
      amountFinancedFen: parseMoney(request.amountFinanced, 'amountFinanced'),
      vehicleValueFen: parseMoney(request.vehicleValue, 'vehicleValue'),
      cityTier: request.cityTier,
      vehicle: request.vehicle,
      channel: request.channel,
      dealerGrade: request.dealerGrade,
      priorLoans: request.priorLoans,
    },
    grid,
  );
}
