import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { zhCN, type Messages } from './zh-CN.ts';
import { enUS } from './en-US.ts';
import type { Locale } from '../ui/format.ts';
import type { QuotesMessages } from '../modules/quotes/quotes.i18n.ts';
import type { ProductsMessages } from '../modules/products/products.i18n.ts';
import type { PromotionsMessages } from '../modules/promotions/promotions.i18n.ts';
import type { PricingMessages } from '../modules/pricing/pricing.i18n.ts';
import type { WidgetsMessages } from '../modules/widgets/widgets.i18n.ts';
import type { DecisioningMessages } from '../modules/decisioning/decisioning.i18n.ts';
import type { PartnersMessages } from '../modules/partners/partners.i18n.ts';

export const locales = ['zh-CN', 'en-US'] as const satisfies readonly Locale[];
export const defaultLocale: Locale = 'zh-CN';
const STORAGE_KEY = 'autofin.locale';

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    // Each page module registers its own namespace (modules/<context>/<context>.i18n.ts).
    resources: { translation: Messages; quotes: QuotesMessages; products: ProductsMessages; promotions: PromotionsMessages; pricing: PricingMessages; widgets: WidgetsMessages; partners: PartnersMessages; decisioning: DecisioningMessages };
  }
}

export const messagesByLocale: Record<Locale, Messages> = { 'zh-CN': zhCN, 'en-US': enUS };

export function isLocale(value: unknown): value is Locale {
  return value === 'zh-CN' || value === 'en-US';
}

/** The language the user chose on this browser, if any. */
export function storedLocale(): Locale | null {
  try {
    const value = window.localStorage.getItem(STORAGE_KEY);
    return isLocale(value) ? value : null;
  } catch {
    return null; // storage can be disabled; the console still works in the default language
  }
}

export function storeLocale(locale: Locale): void {
  try {
    window.localStorage.setItem(STORAGE_KEY, locale);
  } catch {
    // ignore: the choice then lasts for this page only
  }
}

export const i18n = i18next.createInstance();

void i18n.use(initReactI18next).init({
  resources: { 'zh-CN': { translation: zhCN }, 'en-US': { translation: enUS } },
  lng: storedLocale() ?? defaultLocale,
  fallbackLng: defaultLocale,
  supportedLngs: [...locales],
  interpolation: { escapeValue: false }, // React escapes
  returnNull: false,
  initAsync: false,
});
