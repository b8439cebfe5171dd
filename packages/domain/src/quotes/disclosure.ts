import type { Bilingual, RepaymentMethodName } from '@autofin/contracts';
import type { Fen } from '../finance/money.ts';
import { formatMoney } from '../finance/money.ts';

/** The figures a disclosure states. Money in fen; rates as percent strings. */
export interface DisclosureFacts {
  productName: Bilingual;
  productType: 'loan' | 'lease';
  method: RepaymentMethodName;
  /** PBoC 单利 APR, percent (as a number, rounded here to two places). */
  aprSimple: number;
  aprCompound: number;
  vehiclePrice: Fen;
  downPayment: Fen;
  noteAmount: Fen;
  payments: number;
  firstPayment: Fen;
  totalInterest: Fen;
  totalFees: Fen;
  totalCost: Fen;
  /** The nominal rate the schedule runs at, percent; with a flat fee, the monthly fee rate instead. */
  customerRate: string;
  monthlyFeeRate?: string | undefined;
  finalPayment?: Fen | null | undefined;
  deposit?: Fen | null | undefined;
  subsidy?: { amount: Fen; payerZh: string; payerEn: string } | null | undefined;
  promotionName?: Bilingual | null | undefined;
}

const PAYER = { oem: ['厂商', 'the manufacturer'], dealer: ['经销商', 'the dealer'], lender: ['本公司', 'the lender'] } as const;
export function payerNames(payer: keyof typeof PAYER): { payerZh: string; payerEn: string } {
  return { payerZh: PAYER[payer][0], payerEn: PAYER[payer][1] };
}

const yuan = (fen: Fen) => formatMoney(fen);

/**
 * The disclosure of one offer in Chinese and English. Rules it keeps (PBoC announcement
 * 〔2021〕 No. 3 and the NFRA's marketing rules on consumer credit):
 *
 * - it opens with the annualised rate (年化利率), labelled 单利, so no monthly rate, fee rate or
 *   payment it mentions is shown before it or more prominently (the same plain text, first);
 * - every fee the borrower pays for the credit is in that rate, and the text says so;
 * - it states the down payment, the number of payments, the first payment, total interest,
 *   total fees and the total cost of the credit; a balloon, buy-out price, deposit or subsidy
 *   is named with its amount.
 */
export function disclosureText(f: DisclosureFacts): Bilingual {
  const apr = f.aprSimple.toFixed(2);
  const aprC = f.aprCompound.toFixed(2);
  const lease = f.productType === 'lease';
  const zh: string[] = [];
  const en: string[] = [];
  zh.push(`年化利率（单利）${apr}%。`);
  en.push(`Annualised rate (APR, simple, 单利): ${apr}%.`);
  zh.push(
    `${f.productName.zh}：车价${yuan(f.vehiclePrice)}元，首付${yuan(f.downPayment)}元，${lease ? '融资' : '贷款'}金额${yuan(f.noteAmount)}元，共${f.payments}期，首期还款${yuan(f.firstPayment)}元。`,
  );
  en.push(
    `${f.productName.en}: vehicle price ${yuan(f.vehiclePrice)} yuan, down payment ${yuan(f.downPayment)} yuan, ${lease ? 'amount leased' : 'loan amount'} ${yuan(f.noteAmount)} yuan, ${f.payments} payments, the first ${yuan(f.firstPayment)} yuan.`,
  );
  if (f.finalPayment) {
    zh.push(f.method === 'lease' ? `租期末留购价${yuan(f.finalPayment)}元（含在最后一期）。` : `最后一期含尾款${yuan(f.finalPayment)}元。`);
    en.push(f.method === 'lease' ? `The buy-out price of ${yuan(f.finalPayment)} yuan is due with the last payment.` : `The last payment includes a balloon of ${yuan(f.finalPayment)} yuan.`);
  }
  if (f.deposit) {
    zh.push(`签约时支付保证金${yuan(f.deposit)}元，于最后一期抵扣。`);
    en.push(`A deposit of ${yuan(f.deposit)} yuan is paid at signing and offset against the last payment.`);
  }
  zh.push(`利息合计${yuan(f.totalInterest)}元，费用合计${yuan(f.totalFees)}元，融资总成本${yuan(f.totalCost)}元。`);
  en.push(`Total interest ${yuan(f.totalInterest)} yuan, total fees ${yuan(f.totalFees)} yuan, total cost of credit ${yuan(f.totalCost)} yuan.`);
  if (f.monthlyFeeRate !== undefined) {
    zh.push(`按月手续费率${f.monthlyFeeRate}%（按初始本金计收），折算年化利率（单利）${apr}%。`);
    en.push(`Monthly fee rate ${f.monthlyFeeRate}% of the original principal, equal to an annualised rate (simple) of ${apr}%.`);
  } else {
    zh.push(`名义年利率${f.customerRate}%。`);
    en.push(`Nominal annual rate ${f.customerRate}%.`);
  }
  if (f.subsidy && f.subsidy.amount > 0) {
    zh.push(`${f.promotionName ? `活动“${f.promotionName.zh}”：` : ''}${f.subsidy.payerZh}贴息${yuan(f.subsidy.amount)}元，不由您支付。`);
    en.push(`${f.promotionName ? `Promotion “${f.promotionName.en}”: ` : ''}${f.subsidy.payerEn} pays a subsidy of ${yuan(f.subsidy.amount)} yuan; you do not pay it.`);
  } else if (f.promotionName) {
    zh.push(`活动“${f.promotionName.zh}”已计入上述金额。`);
    en.push(`Promotion “${f.promotionName.en}” is included in these figures.`);
  }
  zh.push(`年化利率按中国人民银行公告〔2021〕第3号口径计算，已计入全部利息和与借款相关的费用（复利口径${aprC}%）。`);
  en.push(`The annualised rate follows PBoC announcement [2021] No. 3 and counts all interest and every fee for the credit (compound: ${aprC}%).`);
  return { zh: zh.join(''), en: en.join(' ') };
}
