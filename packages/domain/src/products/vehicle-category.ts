import type { Fuel, QuoteVehicleCategory, VehicleCondition } from '@autofin/contracts';
import type { VehicleCategory } from '../compliance/auto-loan-rulebook.ts';

/** The rulebook's category of a quote's vehicle category. */
export const RULEBOOK_CATEGORY: Record<QuoteVehicleCategory, VehicleCategory> = {
  'new-ice': 'self-use-conventional',
  'new-nev': 'self-use-new-energy',
  used: 'used',
  'commercial-ice': 'commercial-conventional',
  'commercial-nev': 'commercial-new-energy',
};

/** New or used, as the pricing grid sees it. */
export function conditionOf(category: QuoteVehicleCategory): VehicleCondition {
  return category === 'used' ? 'used' : 'new';
}

export function isNevCategory(category: QuoteVehicleCategory): boolean {
  return category === 'new-nev' || category === 'commercial-nev';
}

/** The fuel a quote assumes when it does not say: BEV for NEV categories, ICE otherwise. */
export function defaultFuelOf(category: QuoteVehicleCategory): Fuel {
  return isNevCategory(category) ? 'BEV' : 'ICE';
}

/** Which term rule of the rulebook applies: used cars have their own maximum. */
export function termRuleOf(category: QuoteVehicleCategory): 'new-vehicle' | 'used-vehicle' {
  return category === 'used' ? 'used-vehicle' : 'new-vehicle';
}
