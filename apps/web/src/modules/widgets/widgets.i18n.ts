import { registerMessages } from '../../i18n/module-messages.ts';

const zh = {
  title: '经销商计算器',
  subtitle: '每家经销商官网可嵌入的分期计算器：复制代码交给经销商，页面即显示月供、年化利率与总成本',
  dealer: '经销商',
  widgetId: '计算器 ID',
  categories: '车辆类别',
  products: '产品',
  status: '状态',
  active: '启用',
  inactive: '停用',
  embed: '嵌入代码',
  script: '脚本嵌入',
  iframe: 'iframe 嵌入',
  preview: '预览',
  copied: '已复制',
  search: '搜索经销商或 ID',
  count: '共 {{count}} 家经销商',
  category: { 'new-ice': '新车（燃油）', 'new-nev': '新车（新能源）', used: '二手车', 'commercial-ice': '商用车（燃油）', 'commercial-nev': '商用车（新能源）' },
};

export type WidgetsMessages = typeof zh;

export const widgetsMessages = registerMessages('widgets', zh, {
  title: 'Dealer calculators',
  subtitle: "The payment calculator each dealer can embed in its website: copy the snippet for the dealer and the page shows monthly payment, APR and total cost",
  dealer: 'Dealer',
  widgetId: 'Widget ID',
  categories: 'Vehicles',
  products: 'Products',
  status: 'Status',
  active: 'Active',
  inactive: 'Inactive',
  embed: 'Embed code',
  script: 'Script tag',
  iframe: 'iframe',
  preview: 'Preview',
  copied: 'Copied',
  search: 'Search dealer or ID',
  count: '{{count}} dealers',
  category: { 'new-ice': 'New (ICE)', 'new-nev': 'New (NEV)', used: 'Used', 'commercial-ice': 'Commercial (ICE)', 'commercial-nev': 'Commercial (NEV)' },
});
