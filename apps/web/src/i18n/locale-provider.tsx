import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { ConfigProvider, App as AntApp } from 'antd';
import antdZhCN from 'antd/locale/zh_CN';
import antdEnUS from 'antd/locale/en_US';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import 'dayjs/locale/en';
import { I18nextProvider } from 'react-i18next';
import { i18n, messagesByLocale, storeLocale, defaultLocale, isLocale } from './i18n.ts';
import type { Messages } from './zh-CN.ts';
import type { Locale } from '../ui/format.ts';
import { theme } from '../ui/theme.ts';

interface LocaleContextValue {
  locale: Locale;
  messages: Messages;
  /**
   * Switches the console's language, antd's and dayjs's. A choice the user makes is remembered
   * on this browser; `{ remember: false }` applies a default (the user's profile) without pinning it.
   */
  setLocale(locale: Locale, options?: { remember?: boolean }): void;
}

const LocaleContext = createContext<LocaleContextValue | null>(null);

const dayjsLocale: Record<Locale, string> = { 'zh-CN': 'zh-cn', 'en-US': 'en' };
const antdLocale = { 'zh-CN': antdZhCN, 'en-US': antdEnUS } as const;

function apply(locale: Locale): void {
  dayjs.locale(dayjsLocale[locale]);
  document.documentElement.lang = locale;
  document.title = messagesByLocale[locale].app.name;
}

export function LocaleProvider({ children }: { children: ReactNode }) {
  const [locale, setLocaleState] = useState<Locale>(() => {
    const current = i18n.language;
    return isLocale(current) ? current : defaultLocale;
  });

  useEffect(() => apply(locale), [locale]);

  const setLocale = useCallback((next: Locale, options?: { remember?: boolean }) => {
    if (options?.remember !== false) storeLocale(next);
    void i18n.changeLanguage(next);
    apply(next);
    setLocaleState(next);
  }, []);

  const value = useMemo(() => ({ locale, setLocale, messages: messagesByLocale[locale] }), [locale, setLocale]);

  return (
    <I18nextProvider i18n={i18n}>
      <LocaleContext.Provider value={value}>
        <ConfigProvider locale={antdLocale[locale]} theme={theme}>
          <AntApp>{children}</AntApp>
        </ConfigProvider>
      </LocaleContext.Provider>
    </I18nextProvider>
  );
}

export function useLocale(): LocaleContextValue {
  const value = useContext(LocaleContext);
  if (!value) throw new Error('useLocale must be used inside <LocaleProvider>');
  return value;
}

/** Looks up a label for a value that comes from the server (a status, a role), falling back to the value itself. */
export function label<T extends Record<string, string>>(table: T, key: string): string {
  return Object.hasOwn(table, key) ? (table[key] as string) : key;
}
