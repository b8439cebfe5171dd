import type { IsoDate } from '../finance/dates.ts';

/** Vehicle categories the Chinese auto-loan rules distinguish. */
export type VehicleCategory = 'self-use-conventional' | 'self-use-new-energy' | 'commercial-conventional' | 'commercial-new-energy' | 'used';
export const VEHICLE_CATEGORIES: readonly VehicleCategory[] = [
  'self-use-conventional',
  'self-use-new-energy',
  'commercial-conventional',
  'commercial-new-energy',
  'used',
];

export interface RuleSource {
  readonly title: string;
  readonly issuer: string;
  /** Document number where verified; absent when not verified against the issuer's own page. */
  readonly documentNo?: string;
  readonly url?: string;
  /** What the rule says, in the source's words (summarised). */
  readonly clause: string;
}

export interface LtvRule {
  readonly category: VehicleCategory;
  /** Maximum loan as a percent of the vehicle price; null: set by the institution itself. */
  readonly maxPercent: number | null;
  readonly source: RuleSource;
}

export interface TermRule {
  readonly loan: 'new-vehicle' | 'used-vehicle' | 'dealer';
  /** Maximum term including extensions (含展期), in months. */
  readonly maxMonths: number;
  readonly source: RuleSource;
}

export interface AutoLoanRulebook {
  readonly version: string;
  readonly effectiveFrom: IsoDate;
  readonly ltv: readonly LtvRule[];
  readonly terms: readonly TermRule[];
  readonly note?: string;
}

const MEASURES_2017: RuleSource = {
  title: '《汽车贷款管理办法》',
  issuer: '中国人民银行、中国银行业监督管理委员会',
  documentNo: '中国人民银行 中国银行业监督管理委员会令〔2017〕第2号 (effective 2018-01-01)',
  clause: '汽车贷款的贷款期限（含展期）不得超过5年，其中，二手车贷款的贷款期限（含展期）不得超过3年，经销商汽车贷款的贷款期限不得超过1年。',
};

const NOTICE_2017: RuleSource = {
  title: '《关于调整汽车贷款有关政策的通知》',
  issuer: '中国人民银行、中国银行业监督管理委员会',
  documentNo: '银发〔2017〕234号 (effective 2018-01-01)',
  clause: '自用传统动力汽车贷款最高发放比例为80%，商用传统动力汽车为70%；自用新能源汽车为85%，商用新能源汽车为75%；二手车为70%。',
};

const NOTICE_2024: RuleSource = {
  title: '《关于调整汽车贷款有关政策的通知》',
  issuer: '中国人民银行、国家金融监督管理总局',
  url: 'https://longportapp.com/news/201222448',
  clause:
    '金融机构在依法合规、风险可控前提下，根据借款人信用状况、还款能力等自主确定自用传统动力汽车、自用新能源汽车贷款最高发放比例；商用传统动力汽车贷款最高发放比例为70%，商用新能源汽车为75%；二手车为70%。',
};

const TERMS = [
  { loan: 'new-vehicle', maxMonths: 60, source: MEASURES_2017 },
  { loan: 'used-vehicle', maxMonths: 36, source: MEASURES_2017 },
  { loan: 'dealer', maxMonths: 12, source: MEASURES_2017 },
] as const satisfies readonly TermRule[];

/**
 * China's auto-loan limits, versioned by the date they took effect. Product and quote
 * validation records the version it applied (DESIGN.md rule 7).
 */
export const AUTO_LOAN_RULEBOOKS: readonly AutoLoanRulebook[] = [
  {
    version: 'CN-AUTO-2018.01',
    effectiveFrom: '2018-01-01',
    ltv: [
      { category: 'self-use-conventional', maxPercent: 80, source: NOTICE_2017 },
      { category: 'self-use-new-energy', maxPercent: 85, source: NOTICE_2017 },
      { category: 'commercial-conventional', maxPercent: 70, source: NOTICE_2017 },
      { category: 'commercial-new-energy', maxPercent: 75, source: NOTICE_2017 },
      { category: 'used', maxPercent: 70, source: NOTICE_2017 },
    ],
    terms: TERMS,
  },
  {
    version: 'CN-AUTO-2024.04',
    // Publication date of the PBoC/NFRA notice as reported at the time; its document number is
    // not recorded here because it was not verified against the PBoC's own page.
    effectiveFrom: '2024-04-02',
    ltv: [
      { category: 'self-use-conventional', maxPercent: null, source: NOTICE_2024 },
      { category: 'self-use-new-energy', maxPercent: null, source: NOTICE_2024 },
      { category: 'commercial-conventional', maxPercent: 70, source: NOTICE_2024 },
      { category: 'commercial-new-energy', maxPercent: 75, source: NOTICE_2024 },
      { category: 'used', maxPercent: 70, source: NOTICE_2024 },
    ],
    terms: TERMS,
    note: 'Self-use ratios are each institution’s own; pass the institution’s policy ratio to checkAutoLoan.',
  },
];
