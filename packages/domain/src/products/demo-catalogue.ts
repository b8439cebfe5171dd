import type { ProductDefinition, ProductDefinitionInput, PromotionDefinition } from '@autofin/contracts';
import { productDefinitionSchema, promotionDefinitionSchema } from '@autofin/contracts';
import { addMonths, daysInMonth, formatDate, parseDate } from '../finance/dates.ts';

const FROM = '2026-01-01';
const GPS = { code: 'GPS', name: { zh: 'GPS 安装服务费', en: 'GPS tracker fee' }, basis: 'amount', value: '1200.00', timing: 'financed', financeCharge: true } as const;
const NEW_TERMS = [12, 24, 36, 48, 60];

/**
 * The products the Chinese auto-finance market actually sells, as the demo catalogue (version 1
 * of each, published at start-up). Figures are typical, not any lender's tariff: GPS fees of
 * about 1 000–1 500 yuan, 手续费分期 at about 0.25 % a month, NIO-style battery rental of a
 * 70 000-yuan pack at 728 yuan a month, balloons of 30 %, 以租代购 with a 5 % deposit.
 * Self-use LTV limits are the institution's own since the 2024 notice (80 % ICE, 85 % NEV here,
 * the 2018 ratios kept as policy); used and commercial follow the rulebook (70 %, 70/75 %).
 * Borrower age at maturity: 65 on the retail loans and leases, the common ceiling of Chinese auto
 * lenders (income usually falls at retirement, now rising towards 63 for men); 70 on the bank-card
 * style flat-fee instalment, whose terms stop at 36 months and whose issuers lend to card holders
 * up to about 70 (the strategy's stricter 65 still binds unless a strategy loosens it). The fleet
 * lease is sold to companies, so no borrower age applies and it is left unset.
 */
const inputs: ProductDefinitionInput[] = [
  {
    code: 'NEW_CAR_LOAN',
    name: { zh: '新车贷款（燃油车）', en: 'New-car loan (ICE)' },
    description: { zh: '燃油新车等额本息/等额本金贷款', en: 'Annuity or equal-principal loan for a new petrol car' },
    type: 'loan',
    vehicleCategories: ['new-ice'],
    terms: NEW_TERMS,
    minDownPaymentPercent: '20',
    maxLtvPercent: '80',
    maxBorrowerAgeAtMaturity: 65,
    methods: ['equal-installment', 'equal-principal'],
    fees: [GPS],
    prepayment: { type: 'percent-of-principal', percent: '2' },
    pricing: { gridProductCode: 'NEW_CAR_LOAN', adjustmentPercent: '0' },
    effectiveFrom: FROM,
  },
  {
    code: 'NEV_LOAN',
    name: { zh: '新能源车贷款', en: 'NEV loan' },
    description: { zh: '新能源新车贷款，首付低至15%', en: 'Loan for a new-energy vehicle, 15 % down' },
    type: 'loan',
    vehicleCategories: ['new-nev'],
    terms: NEW_TERMS,
    minDownPaymentPercent: '15',
    maxLtvPercent: '85',
    maxBorrowerAgeAtMaturity: 65,
    methods: ['equal-installment', 'equal-principal'],
    fees: [GPS],
    prepayment: { type: 'percent-of-principal', percent: '1' },
    pricing: { gridProductCode: 'NEW_CAR_LOAN', adjustmentPercent: '-0.10' },
    effectiveFrom: FROM,
  },
  {
    code: 'USED_CAR_LOAN',
    name: { zh: '二手车贷款', en: 'Used-car loan' },
    type: 'loan',
    vehicleCategories: ['used'],
    maxVehicleAgeMonths: 96,
    maxMileageKm: 200_000,
    terms: [12, 24, 36],
    minDownPaymentPercent: '30',
    maxLtvPercent: '70',
    maxBorrowerAgeAtMaturity: 65,
    methods: ['equal-installment'],
    fees: [{ code: 'HANDLING', name: { zh: '手续费', en: 'Handling fee' }, basis: 'percent', value: '1', timing: 'upfront', financeCharge: true }],
    prepayment: { type: 'months-of-interest', months: 3 },
    pricing: { gridProductCode: 'USED_CAR_LOAN', adjustmentPercent: '0' },
    effectiveFrom: FROM,
  },
  {
    code: 'BALLOON_LOAN',
    name: { zh: '尾款贷', en: 'Balloon loan' },
    description: { zh: '月供更低，最后一期支付车价30%的尾款', en: 'Lower monthly payments and a final balloon of 30 % of the price' },
    type: 'loan',
    vehicleCategories: ['new-ice', 'new-nev'],
    terms: [24, 36, 48],
    minDownPaymentPercent: '20',
    maxLtvPercent: '80',
    maxBorrowerAgeAtMaturity: 65,
    methods: ['balloon'],
    balloonPercent: '30',
    fees: [GPS],
    prepayment: { type: 'percent-of-principal', percent: '2' },
    pricing: { gridProductCode: 'NEW_CAR_LOAN', adjustmentPercent: '0.20' },
    effectiveFrom: FROM,
  },
  {
    code: 'FLAT_FEE_INSTALMENT',
    name: { zh: '汽车分期（手续费分期）', en: 'Flat-fee instalment' },
    description: { zh: '0利息，每月按分期本金的0.25%收取手续费', en: 'No interest; a monthly fee of 0.25 % of the original principal' },
    type: 'loan',
    vehicleCategories: ['new-ice', 'new-nev'],
    terms: [12, 24, 36],
    minDownPaymentPercent: '20',
    maxLtvPercent: '80',
    maxBorrowerAgeAtMaturity: 70,
    methods: ['flat-fee'],
    monthlyFeeRatePercent: '0.25',
    prepayment: { type: 'none' },
    pricing: { gridProductCode: 'NEW_CAR_LOAN', adjustmentPercent: '0' },
    effectiveFrom: FROM,
  },
  {
    code: 'LEASE_TO_OWN',
    name: { zh: '以租代购（融资租赁）', en: 'Lease to own (finance lease)' },
    description: { zh: '首付10%起，租期结束支付留购价即可过户', en: 'From 10 % down; pay the buy-out price at the end and the car is yours' },
    type: 'lease',
    vehicleCategories: ['new-ice', 'new-nev'],
    terms: [24, 36, 48],
    minDownPaymentPercent: '10',
    maxLtvPercent: '90',
    maxBorrowerAgeAtMaturity: 65,
    methods: ['lease'],
    residualPercent: '1',
    depositPercent: '5',
    fees: [{ code: 'SERVICE', name: { zh: '租赁服务费', en: 'Lease service fee' }, basis: 'amount', value: '2000.00', timing: 'upfront', financeCharge: true }],
    prepayment: { type: 'percent-of-principal', percent: '3' },
    pricing: { gridProductCode: 'NEW_CAR_LEASE', adjustmentPercent: '0' },
    effectiveFrom: FROM,
  },
  {
    code: 'FLEET_LEASE',
    name: { zh: '企业车队融资租赁', en: 'Fleet / corporate lease' },
    description: { zh: '营运及企业用车，残值10%，保证金10%', en: 'Commercial and company vehicles; 10 % residual, 10 % deposit' },
    type: 'lease',
    vehicleCategories: ['commercial-ice', 'commercial-nev'],
    terms: [24, 36, 48, 60],
    minDownPaymentPercent: '30',
    maxLtvPercent: '70',
    methods: ['lease'],
    residualPercent: '10',
    depositPercent: '10',
    fees: [{ ...GPS, value: '800.00' }],
    prepayment: { type: 'percent-of-principal', percent: '3' },
    pricing: { gridProductCode: 'NEW_CAR_LEASE', adjustmentPercent: '0.30' },
    effectiveFrom: FROM,
  },
  {
    code: 'NEV_BUNDLE',
    name: { zh: '新能源安心包', en: 'NEV bundle' },
    description: { zh: '车贷 + 充电额度 + 保养套餐 + 电池健康险，一起分期', en: 'Car loan + charging credit + maintenance package + battery-health insurance, financed together' },
    type: 'loan',
    vehicleCategories: ['new-nev'],
    terms: [24, 36, 48, 60],
    minDownPaymentPercent: '15',
    maxLtvPercent: '85',
    maxBorrowerAgeAtMaturity: 65,
    methods: ['equal-installment'],
    fees: [GPS],
    services: [
      { code: 'CHARGING', name: { zh: '充电额度', en: 'Charging credit' }, description: { zh: '3000元公共充电额度', en: '3,000 yuan of public charging' }, price: '3000.00', timing: 'financed' },
      { code: 'MAINTENANCE', name: { zh: '保养套餐', en: 'Maintenance package' }, description: { zh: '3年6次常规保养', en: 'Six scheduled services over three years' }, price: '2400.00', timing: 'financed' },
      { code: 'BATTERY_INSURANCE', name: { zh: '电池健康险', en: 'Battery-health insurance' }, description: { zh: '3年电池衰减保障（容量低于70%赔付）', en: 'Three years of cover against battery capacity below 70 %' }, price: '1800.00', timing: 'financed' },
    ],
    prepayment: { type: 'percent-of-principal', percent: '1' },
    pricing: { gridProductCode: 'NEW_CAR_LOAN', adjustmentPercent: '-0.10' },
    effectiveFrom: FROM,
  },
  {
    code: 'USED_CAR_BUNDLE',
    name: { zh: '二手车安心包', en: 'Used-car bundle' },
    description: { zh: '车贷 + 第三方检测 + 评估 + 延保', en: 'Car loan + independent inspection + appraisal + extended warranty' },
    type: 'loan',
    vehicleCategories: ['used'],
    maxVehicleAgeMonths: 96,
    maxMileageKm: 200_000,
    terms: [12, 24, 36],
    minDownPaymentPercent: '30',
    maxLtvPercent: '70',
    maxBorrowerAgeAtMaturity: 65,
    methods: ['equal-installment'],
    services: [
      { code: 'INSPECTION', name: { zh: '第三方检测', en: 'Independent inspection' }, description: { zh: '259项车况检测报告', en: '259-point condition report' }, price: '300.00', timing: 'upfront' },
      { code: 'APPRAISAL', name: { zh: '车辆评估', en: 'Appraisal' }, description: { zh: '持证评估师估值报告', en: 'Valuation report by a licensed appraiser' }, price: '200.00', timing: 'upfront' },
      { code: 'EXTENDED_WARRANTY', name: { zh: '延长保修', en: 'Extended warranty' }, description: { zh: '2年或4万公里发动机变速箱保修', en: 'Engine and gearbox, 2 years or 40,000 km' }, price: '3600.00', timing: 'financed' },
    ],
    prepayment: { type: 'months-of-interest', months: 3 },
    pricing: { gridProductCode: 'USED_CAR_LOAN', adjustmentPercent: '0' },
    effectiveFrom: FROM,
  },
  {
    code: 'TRADE_IN_LOAN',
    name: { zh: '以旧换新贷款', en: 'Trade-in loan' },
    description: { zh: '旧车评估价减旧车贷款余额抵作首付，旧车贷款提前结清免违约金', en: 'The trade-in’s appraised value less its loan is down payment; the old loan is repaid early without penalty' },
    type: 'loan',
    vehicleCategories: ['new-ice', 'new-nev'],
    terms: NEW_TERMS,
    minDownPaymentPercent: '20',
    maxLtvPercent: '80',
    maxBorrowerAgeAtMaturity: 65,
    methods: ['equal-installment'],
    fees: [GPS],
    tradeInProgramme: true,
    prepayment: { type: 'trade-in' },
    pricing: { gridProductCode: 'NEW_CAR_LOAN', adjustmentPercent: '-0.15' },
    effectiveFrom: FROM,
  },
  {
    code: 'NEV_BATTERY_RENTAL',
    name: { zh: '车电分离贷款（电池租用）', en: 'NEV loan with battery rental' },
    description: { zh: '电池单独租用，车价减去电池价格后再贷款', en: 'The battery is rented separately, so its price is not financed' },
    type: 'loan',
    vehicleCategories: ['new-nev'],
    terms: NEW_TERMS,
    minDownPaymentPercent: '15',
    maxLtvPercent: '85',
    maxBorrowerAgeAtMaturity: 65,
    methods: ['equal-installment'],
    fees: [GPS],
    batteryRental: { batteryPrice: '70000.00', monthlyRent: '728.00' },
    prepayment: { type: 'percent-of-principal', percent: '1' },
    pricing: { gridProductCode: 'NEW_CAR_LOAN', adjustmentPercent: '0' },
    effectiveFrom: FROM,
  },
];

export const demoProducts: readonly ProductDefinition[] = inputs.map((p) => productDefinitionSchema.parse(p));

/** The demo's OEM 0 % promotion (贴息): NEV loans at 12–36 months, the OEM restores the lender's yield. */
export const demoOemPromotion: PromotionDefinition = promotionDefinitionSchema.parse({
  code: 'OEM_NEV_0APR',
  name: { zh: '厂商贴息 新能源0息', en: 'OEM-subsidised 0 % NEV finance' },
  kind: 'zero-rate',
  payer: 'oem',
  target: { productCodes: ['NEV_LOAN'], terms: [12, 24, 36] },
  startsOn: '2026-01-01',
  endsOn: '2027-06-30',
  budget: '300000.00',
});

/**
 * The demo's OEM promotion as seeded on `today` (YYYY-MM-DD): it ends on 2027-06-30 or, if later,
 * on the last day of the month twelve months after today's. A demo first started in July 2027 or
 * after would otherwise seed a promotion that had already ended, with no 0 % offer to quote or take up.
 */
export function demoOemPromotionOn(today: string): PromotionDefinition {
  const inAYear = addMonths(parseDate(today, 'today'), 12);
  const endOfThatMonth = formatDate({ ...inAYear, day: daysInMonth(inAYear.year, inAYear.month) });
  return endOfThatMonth > demoOemPromotion.endsOn ? promotionDefinitionSchema.parse({ ...demoOemPromotion, endsOn: endOfThatMonth }) : demoOemPromotion;
}
