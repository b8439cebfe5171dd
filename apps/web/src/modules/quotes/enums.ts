// The contracts' enumerations as plain lists for selects and checkboxes. Importing the values
// from @autofin/contracts would pull zod into the console bundle (the README's rule: type-only
// imports), so they are listed here and checked against the contract types both ways: a value
// added to or removed from a contract enum fails the typecheck until the list follows.
import type { DealerGrade, Fuel, SalesChannel, VehicleCondition, ProductType, PromotionKind, QuoteVehicleCategory, RepaymentMethodName, RiskTier, SubsidyPayer } from '@autofin/contracts';

type Exhaustive<T extends string, A extends readonly T[]> = [T] extends [A[number]] ? A : never;

function every<T extends string>() {
  return <const A extends readonly T[]>(values: A & Exhaustive<T, A>): readonly T[] => values;
}

export const vehicleCategoryList = every<QuoteVehicleCategory>()(['new-ice', 'new-nev', 'used', 'commercial-ice', 'commercial-nev']);
export const riskTierList = every<RiskTier>()(['A', 'B', 'C', 'D', 'E']);
export const productTypeList = every<ProductType>()(['loan', 'lease']);
export const repaymentMethodList = every<RepaymentMethodName>()([
  'equal-installment',
  'equal-principal',
  'interest-only',
  'balloon',
  'stepped',
  'seasonal',
  'flat-fee',
  'subsidised',
  'interest-free',
  'lease',
]);
export const promotionKindList = every<PromotionKind>()(['reduced-rate', 'zero-rate', 'waived-fees', 'free-months']);
export const subsidyPayerList = every<SubsidyPayer>()(['oem', 'dealer', 'lender']);
export const fuelList = every<Fuel>()(['ICE', 'BEV', 'PHEV']);
export const salesChannelList = every<SalesChannel>()(['direct', 'dealer', 'online', 'partner']);
export const dealerGradeList = every<DealerGrade>()(['A', 'B', 'C', 'D']);
export const vehicleConditionList = every<VehicleCondition>()(['new', 'used']);
