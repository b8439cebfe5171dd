// Navigation labels of the product, pricing, promotion and quote areas (the pages' own strings
// live beside them in modules/<context>/<context>.i18n.ts).
export const catalogueNavZh = {
  quotes: '报价试算',
  products: '产品目录',
  pricing: '定价网格',
  promotions: '营销活动',
  widgets: '经销商计算器',
} as const;

export const catalogueNavEn: Record<keyof typeof catalogueNavZh, string> = {
  quotes: 'Quote calculator',
  products: 'Products',
  pricing: 'Pricing grids',
  promotions: 'Promotions',
  widgets: 'Dealer calculators',
};
