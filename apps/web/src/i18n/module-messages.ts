import { useLocale } from './locale-provider.tsx';
import { i18n } from './i18n.ts';
import type { Locale } from '../ui/format.ts';

/** A message tree with every leaf widened to string: the shape the English side must have. */
export type Widen<T> = T extends string ? string : { [K in keyof T]: Widen<T[K]> };

export type ModuleMessages<T> = Record<Locale, Widen<T>>;

/**
 * Registers a module's messages as its own i18next namespace (so `useTranslation(ns)` finds
 * them) and returns both languages for lookups of server values (status, kind, tier names).
 */
export function registerMessages<T>(namespace: string, zh: T, en: Widen<T>): ModuleMessages<T> {
  i18n.addResourceBundle('zh-CN', namespace, zh, true, true);
  i18n.addResourceBundle('en-US', namespace, en, true, true);
  return { 'zh-CN': zh as Widen<T>, 'en-US': en };
}

/** The module's messages in the current language. */
export function useModuleMessages<T>(messages: ModuleMessages<T>): Widen<T> {
  const { locale } = useLocale();
  return messages[locale];
}
