import type { DecisionStrategy, DecisionStrategyInput } from '@autofin/contracts';
import { parseDecisionStrategy } from './parse-strategy.ts';

/** The champion model the demo strategy names; the registry's demo scorecard trained on the simulated history carries it. */
export const DEMO_CHAMPION_MODEL = { modelId: 'demo-application-scorecard', modelVersion: '1' } as const;

/**
 * The demo retail strategy (演示数据: thresholds chosen for the simulated market, not a lender's
 * real credit policy). Each rule's `rationale` says why its threshold is what it is; docs/decisioning.md
 * lists them all. Rule codes are stable: reports, audits and the what-if count by them.
 */
const input: DecisionStrategyInput = {
  id: 'cn-retail-demo',
  version: 1,
  name: { zh: '零售车贷演示策略', en: 'Retail auto-loan demo strategy' },
  description: 'Demo strategy (演示数据) for the simulated market: data checks, policy, fraud, the champion scorecard with tier cut-offs, and conditions.',
  stages: [
    {
      stage: 'data_checks',
      // A wrong ID number or an under-age applicant is not a credit question: stop before scoring.
      stopOn: 'decline',
      rules: [
        {
          code: 'DATA_ID_INVALID',
          kind: 'id_valid',
          outcome: 'decline',
          reason: { zh: '身份证号码无效（校验码、出生日期或地区码不符）', en: 'The resident ID number is not valid (check digit, birth date or region code)' },
          rationale: 'GB 11643-1999: a number whose check digit fails was mistyped or made up; nothing can be verified against it.',
        },
        {
          code: 'DATA_PHONE_INVALID',
          kind: 'phone_valid',
          outcome: 'decline',
          reason: { zh: '手机号码格式无效', en: 'The mobile number is not a valid mainland number' },
          rationale: 'The phone is the contact for the contract and collections and a fraud key; it must be a real 11-digit mobile number.',
        },
        {
          code: 'DATA_COMPANY_CODE_INVALID',
          kind: 'company_code_valid',
          outcome: 'decline',
          reason: { zh: '统一社会信用代码无效', en: 'The company\u2019s unified social credit code is not valid' },
          rationale: 'GB 32100-2015 check character: a corporate borrower must be an identifiable registered entity.',
        },
        {
          code: 'DATA_AGE_UNDER_18',
          kind: 'min_age',
          minYears: 18,
          outcome: 'decline',
          reason: { zh: '申请人未满18周岁', en: 'The applicant is under 18' },
          rationale: 'Civil Code art. 17–18: under 18 a person cannot sign a loan contract alone; the auto-loan rules lend to adults.',
        },
        {
          code: 'DATA_AGE_AT_MATURITY',
          kind: 'max_age_at_maturity',
          maxYears: 65,
          outcome: 'decline',
          reason: { zh: '贷款到期时申请人年龄将超过产品或政策允许的上限', en: 'The applicant would be older than the product or policy allows when the loan ends' },
          rationale: 'Common practice of Chinese auto lenders (60–65 at maturity): income usually falls at retirement; 65 keeps retired applicants with short terms.',
        },
      ],
    },
    {
      stage: 'policy',
      // Every policy rule is evaluated (the decision lists all failures, and the counter-offer needs them).
      stopOn: 'never',
      rules: [
        {
          code: 'POLICY_PRODUCT_NOT_ELIGIBLE',
          kind: 'product_eligible',
          outcome: 'decline',
          reason: { zh: '所选产品不能为该车辆或期限提供融资', en: 'The chosen product does not finance this vehicle, down payment or term' },
          rationale: 'The published product (vehicle category, minimum down payment, terms, maximum LTV) is the lender\u2019s offer: outside it there is no price.',
        },
        {
          code: 'POLICY_MAX_LTV',
          kind: 'max_ltv',
          maxPercent: null,
          outcome: 'decline',
          reason: { zh: '贷款金额超过车辆价值的允许比例，需要提高首付', en: 'The loan is too large for the vehicle\u2019s value: a larger down payment is needed' },
          rationale: 'Limit = the least of the PBoC/NFRA rulebook in force (2024 notice: used 70%, commercial 70%/75%, self-use cars left to the lender) and the product\u2019s maximum (e.g. 80%); no stricter house limit.',
        },
        {
          code: 'POLICY_TERM_LIMIT',
          kind: 'term_limit',
          maxMonthsNew: 60,
          maxMonthsUsed: 36,
          outcome: 'decline',
          reason: { zh: '贷款期限超过允许的最长期限', en: 'The term is longer than allowed' },
          rationale: 'The auto-loan rules allow at most 5 years for a new car and 3 years for a used one; also capped by the rulebook in force.',
        },
        {
          code: 'POLICY_MAX_PTI',
          kind: 'max_pti',
          maxPercent: 50,
          outcome: 'decline',
          reason: { zh: '月供超过月收入的50%', en: 'The monthly payment is more than 50% of monthly income' },
          rationale: 'Half the income is the usual ceiling for one instalment in Chinese consumer lending; above it the borrower has too little left to live on.',
        },
        {
          code: 'POLICY_MAX_DTI',
          kind: 'max_dti',
          maxPercent: 70,
          outcome: 'decline',
          reason: { zh: '含本笔月供在内的月还款总额超过月收入的70%', en: 'All monthly debt payments, this one included, exceed 70% of monthly income' },
          rationale: 'Leaves at least 30% of income for living costs after every obligation; 70% is the upper end lenders use for total debt service.',
        },
        {
          code: 'POLICY_MIN_INCOME',
          kind: 'min_income',
          minMonthlyIncomeFen: 300_000,
          outcome: 'decline',
          reason: { zh: '月收入低于3000元', en: 'Monthly income is below 3,000 yuan' },
          rationale: 'About the highest provincial minimum wage (Shanghai 2,690 yuan a month in 2024) rounded up: below it no car payment is affordable.',
        },
        {
          code: 'POLICY_BLACKLIST',
          kind: 'blacklist',
          outcome: 'decline',
          reason: { zh: '申请信息命中内部黑名单', en: 'The application matches the internal blacklist' },
          rationale: 'Confirmed fraud, or a written-off loan with us: the lender does not deal with the party again.',
        },
        {
          code: 'POLICY_NO_BUREAU',
          kind: 'bureau_required',
          thinFileAllowed: true,
          outcome: 'refer',
          reason: { zh: '未获得征信查询授权，需人工审核', en: 'No credit-check authorisation: manual review needed' },
          rationale: 'Without the applicant\u2019s authorisation the bureau may not be queried (PIPL, credit reporting rules); a reviewer decides on documents. A thin file is scored (the scorecard has a missing bin).',
        },
        {
          code: 'POLICY_MIN_BUREAU_SCORE',
          kind: 'min_bureau_score',
          minScore: 540,
          outcome: 'decline',
          reason: { zh: '征信评分过低', en: 'The credit bureau score is too low' },
          rationale: 'The floor the simulated lender\u2019s history was decided under (below 540 declined): the what-if then compares like with like.',
        },
      ],
    },
    {
      stage: 'fraud',
      stopOn: 'never',
      rules: [
        {
          code: 'FRAUD_ID_VELOCITY_24H',
          kind: 'velocity',
          key: 'id_number',
          window: '24h',
          maxCount: 1,
          outcome: 'refer',
          reason: { zh: '同一身份证24小时内多次申请', en: 'Several applications with the same ID number within 24 hours' },
          rationale: 'One earlier application in a day is a dealer resubmitting; two or more means shopping the identity around.',
        },
        {
          code: 'FRAUD_ID_VELOCITY_7D',
          kind: 'velocity',
          key: 'id_number',
          window: '7d',
          maxCount: 3,
          outcome: 'refer',
          reason: { zh: '同一身份证7天内多次申请', en: 'Many applications with the same ID number within 7 days' },
          rationale: 'A buyer compares two or three dealers in a week; more is a pattern of identity misuse.',
        },
        {
          code: 'FRAUD_PHONE_VELOCITY_24H',
          kind: 'velocity',
          key: 'phone',
          window: '24h',
          maxCount: 2,
          outcome: 'refer',
          reason: { zh: '同一手机号24小时内多次申请', en: 'Several applications with the same phone within 24 hours' },
          rationale: 'A little looser than the ID: a household may apply for two cars on one phone.',
        },
        {
          code: 'FRAUD_DEVICE_VELOCITY_24H',
          kind: 'velocity',
          key: 'device',
          window: '24h',
          maxCount: 5,
          outcome: 'refer',
          reason: { zh: '同一设备24小时内提交大量申请', en: 'Many applications from the same device within 24 hours' },
          rationale: 'Online/app applications come from the customer\u2019s phone; a dealer tablet submits a few a day. More than five is a farm.',
        },
        {
          code: 'FRAUD_PHONE_SHARED',
          kind: 'phone_shared',
          maxIdentities: 1,
          outcome: 'refer',
          reason: { zh: '该手机号曾被其他身份使用', en: 'This phone number was used by other identities' },
          rationale: 'One other identity is a spouse or parent; two or more on one phone is typical of application fraud rings.',
        },
        {
          code: 'FRAUD_IDENTITY_MISMATCH',
          kind: 'identity_mismatch',
          outcome: 'refer',
          reason: { zh: '填写的出生日期或性别与身份证不一致', en: 'The declared birth date or gender does not match the ID number' },
          rationale: 'A typing slip or a borrowed identity: a reviewer checks the ID card.',
        },
        {
          code: 'FRAUD_DEALER_SURGE',
          kind: 'dealer_surge',
          maxRatio: 3,
          minTrailingAverage: 5,
          outcome: 'refer',
          reason: { zh: '经销商本周申请量异常激增', en: 'The dealer\u2019s applications surged this week' },
          rationale: 'Three times its usual week (with at least 5 a week of history) without a campaign is a classic sign of a dealer pushing straw-buyer applications.',
        },
        {
          code: 'FRAUD_PRICE_ABOVE_VALUATION',
          kind: 'price_above_valuation',
          maxRatio: 1.2,
          outcome: 'refer',
          reason: { zh: '车辆成交价明显高于估值', en: 'The vehicle price is far above its valuation' },
          rationale: 'A price 20% over the valuation inflates the loan (the dealer and buyer split the excess); valuations of used cars spread about ±10%.',
        },
      ],
    },
    {
      stage: 'scorecard',
      stopOn: 'never',
      champion: DEMO_CHAMPION_MODEL,
      challengers: [],
      // 600 points = 50:1 good:bad, 20 points double the odds (the trainer's default scaling):
      // A ≥ 660 (400:1, PD 0.25%), B ≥ 630 (141:1, 0.70%), C ≥ 600 (50:1, 1.96%), D ≥ 580 (25:1, 3.85%), E below.
      tierMinScores: { A: 660, B: 630, C: 600, D: 580 },
      tierActions: { A: 'approve', B: 'approve', C: 'conditional', D: 'refer', E: 'decline' },
      conditionalStipulations: ['proof_of_income'],
      reasons: {
        conditional: { zh: '评分处于中等风险区间，需补充收入证明', en: 'The score is in the middle risk band: proof of income is needed' },
        refer: { zh: '评分处于较高风险区间，需人工审核', en: 'The score is in a higher risk band: manual review needed' },
        decline: { zh: '综合信用评分未达到要求', en: 'The credit score is below the approval cut-off' },
      },
    },
    {
      stage: 'conditions',
      stopOn: 'never',
      conditions: [
        {
          code: 'COND_LTV_DOWN_PAYMENT',
          kind: 'ltv_down_payment',
          abovePercent: 75,
          reason: { zh: '需提高首付，使贷款价值比不超过75%', en: 'A larger down payment is needed to bring the loan to 75% of the vehicle\u2019s value' },
          rationale: 'Within the rulebook\u2019s 80% a loan above 75% is the thinnest-equity slice, with the highest loss given default in the first year.',
        },
        {
          code: 'COND_PTI_CO_SIGNER',
          kind: 'pti_band',
          fromPercent: 40,
          toPercent: 50,
          stipulation: 'co_signer',
          reason: { zh: '月供占收入40%–50%，需增加共同还款人', en: 'The payment is 40–50% of income: a co-signer is needed' },
          rationale: 'The grey band below the 50% ceiling: a second income makes the payment survivable.',
        },
        {
          code: 'COND_GPS_LARGE_LOAN',
          kind: 'amount_above',
          aboveFen: 30_000_000,
          stipulation: 'gps_installation',
          reason: { zh: '贷款金额超过30万元，需安装GPS', en: 'The loan is above 300,000 yuan: a GPS tracker must be installed' },
          rationale: 'Above 300,000 yuan a repossession is worth the tracker; Chinese auto lenders commonly require GPS on large loans.',
        },
        {
          code: 'COND_SELF_EMPLOYED_INCOME',
          kind: 'employment',
          employments: ['self_employed', 'gig_worker'],
          stipulation: 'proof_of_income',
          reason: { zh: '自雇或灵活就业，需提供收入证明（银行流水）', en: 'Self-employed or gig work: proof of income (bank statements) is needed' },
          rationale: 'Declared income without payslips is overstated most often; six months of statements verify it.',
        },
        {
          code: 'COND_CORPORATE_LICENCE',
          kind: 'corporate',
          stipulation: 'business_licence',
          reason: { zh: '企业申请需提供营业执照', en: 'A corporate application needs the business licence' },
          rationale: 'The licence confirms the registered entity and its legal representative.',
        },
      ],
    },
  ],
  counterOffer: { enabled: true, roundToFen: 100_000 },
};

export const defaultDecisionStrategy: DecisionStrategy = parseDecisionStrategy(input);
