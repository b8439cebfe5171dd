/**
 * The personalisation tokens a campaign template may use, {{token}} or {{token|fallback}}.
 * - customer: from the customer's profile; may be missing for any one customer, so the template
 *   must give a fallback ({{name|您好}}) — otherwise one customer without a name would get "尊敬的，".
 * - offer: from the campaign's offer (its quote preview); need an offer on the campaign (or a fallback).
 * - system: always filled by the sender (tracked link, sender name).
 */
export const TEMPLATE_TOKENS = {
  name: { source: 'customer', zh: '称呼（如 张先生）', en: 'form of address (e.g. Mr Zhang)' },
  surname: { source: 'customer', zh: '姓', en: 'surname' },
  city: { source: 'customer', zh: '所在城市', en: 'city' },
  dealerName: { source: 'customer', zh: '经销商名称', en: "the customer's dealer" },
  vehicleModel: { source: 'customer', zh: '意向/现有车型', en: 'vehicle model of interest or owned' },
  productName: { source: 'offer', zh: '产品名称', en: 'product name' },
  rate: { source: 'offer', zh: '年利率（%）', en: 'annual rate (%)' },
  apr: { source: 'offer', zh: '年化利率 APR（%）', en: 'APR (%)' },
  monthlyPayment: { source: 'offer', zh: '月供（元）', en: 'monthly payment (yuan)' },
  downPayment: { source: 'offer', zh: '首付（元）', en: 'down payment (yuan)' },
  term: { source: 'offer', zh: '期数（月）', en: 'term (months)' },
  offerEndsOn: { source: 'offer', zh: '优惠截止日期', en: 'offer ends on' },
  link: { source: 'system', zh: '活动链接（短链，可追踪点击）', en: 'campaign link (short, click-tracked)' },
  senderName: { source: 'system', zh: '发送方名称', en: 'sender name' },
} as const satisfies Record<string, { source: 'customer' | 'offer' | 'system'; zh: string; en: string }>;

export type TemplateToken = keyof typeof TEMPLATE_TOKENS;

export function isTemplateToken(name: string): name is TemplateToken {
  return Object.hasOwn(TEMPLATE_TOKENS, name);
}
