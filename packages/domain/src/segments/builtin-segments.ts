import type { RuleGroup } from '@autofin/contracts';

/**
 * The groups auto-finance marketing works with (issue 7 §5), as rules over the simulator's and any
 * real market's customer attributes and traits. Definitions are documented in docs/customers.md.
 */
export interface BuiltinSegment {
  code: string;
  name: string;
  nameEn: string;
  description: string;
  rule: RuleGroup;
}

const WHITE_COLLAR = ['salaried', 'professional', 'civil_servant', 'soe_employee'];

export const BUILTIN_SEGMENTS: readonly BuiltinSegment[] = [
  {
    code: 'high_income',
    name: '高收入',
    nameEn: 'High income',
    description: 'Monthly income band 20,000 yuan or more.',
    rule: { op: 'and', rules: [{ kind: 'attribute', field: 'income_band', op: 'in', value: ['20k_50k', 'ge50k'] }] },
  },
  {
    code: 'good_credit',
    name: '信用良好',
    nameEn: 'Good credit',
    description: 'An established credit file without serious delinquency (credit file "established").',
    rule: { op: 'and', rules: [{ kind: 'attribute', field: 'credit_file', op: 'eq', value: 'established' }] },
  },
  {
    code: 'credit_impaired',
    name: '信用受损',
    nameEn: 'Credit-impaired',
    description: 'Serious delinquency on the credit file (credit file "impaired").',
    rule: { op: 'and', rules: [{ kind: 'attribute', field: 'credit_file', op: 'eq', value: 'impaired' }] },
  },
  {
    code: 'first_time_buyer',
    name: '首次购车',
    nameEn: 'First-time buyer',
    description: 'No loan with us and a thin credit file: most likely buying and financing a first car.',
    rule: {
      op: 'and',
      rules: [
        { kind: 'attribute', field: 'has_loan', op: 'eq', value: false },
        { kind: 'attribute', field: 'credit_file', op: 'eq', value: 'thin' },
      ],
    },
  },
  {
    code: 'used_car_buyer',
    name: '二手车买家',
    nameEn: 'Used-car buyer',
    description: 'Has applied to finance a used car.',
    rule: { op: 'and', rules: [{ kind: 'attribute', field: 'has_used_car_application', op: 'eq', value: true }] },
  },
  {
    code: 'fleet_corporate',
    name: '车队/企业客户',
    nameEn: 'Fleet / corporate',
    description: 'Company profiles (kind "company"): fleet operators, ride-hailing and logistics firms buying in the company\'s name — about 3 % of the simulated demo market, and companies imported or applying.',
    rule: { op: 'and', rules: [{ kind: 'attribute', field: 'kind', op: 'eq', value: 'company' }] },
  },
  {
    code: 'eco_nev',
    name: '环保/新能源偏好',
    nameEn: 'Eco-conscious / NEV',
    description: 'NEV affinity trait 0.6 or higher.',
    rule: { op: 'and', rules: [{ kind: 'trait', field: 'nev_affinity', op: 'gte', value: 0.6 }] },
  },
  {
    code: 'young_white_collar',
    name: '年轻白领',
    nameEn: 'Young white-collar',
    description: 'Aged 22–35, salaried/professional/civil-service/SOE, bachelor degree or higher.',
    rule: {
      op: 'and',
      rules: [
        { kind: 'attribute', field: 'age', op: 'between', value: [22, 35] },
        { kind: 'attribute', field: 'occupation', op: 'in', value: WHITE_COLLAR },
        { kind: 'attribute', field: 'education', op: 'in', value: ['bachelor', 'postgraduate'] },
      ],
    },
  },
  {
    code: 'small_business_owner',
    name: '小微企业主',
    nameEn: 'Small-business owner',
    description: 'Self-employed.',
    rule: { op: 'and', rules: [{ kind: 'attribute', field: 'occupation', op: 'eq', value: 'self_employed' }] },
  },
  {
    code: 'high_net_worth',
    name: '高净值',
    nameEn: 'High-net-worth',
    description: 'Monthly income 50,000 yuan or more, or a predicted lifetime value of 10,000 yuan or more.',
    rule: {
      op: 'or',
      rules: [
        { kind: 'attribute', field: 'income_band', op: 'eq', value: 'ge50k' },
        { kind: 'trait', field: 'predicted_ltv_yuan', op: 'gte', value: 10_000 },
      ],
    },
  },
  {
    code: 'lower_tier_blue_collar',
    name: '下沉市场蓝领',
    nameEn: 'Lower-tier-city blue-collar',
    description: 'Tier-3/4 city, gig or salaried work, high-school or associate education.',
    rule: {
      op: 'and',
      rules: [
        { kind: 'attribute', field: 'city_tier', op: 'in', value: [3, 4] },
        { kind: 'attribute', field: 'occupation', op: 'in', value: ['gig_worker', 'salaried'] },
        { kind: 'attribute', field: 'education', op: 'in', value: ['high_school', 'associate'] },
      ],
    },
  },
];
