import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from './client.ts';
import { useLocale } from '../i18n/locale-provider.tsx';

/**
 * Turns an error into a sentence in the user's language: a known error code is translated;
 * otherwise the server's own `detail`/`title` is shown, which is better than a generic message.
 */
export function useErrorMessage(): (error: unknown) => string {
  const { messages, locale } = useLocale();
  const { t } = useTranslation();
  return useCallback(
    (error: unknown) => {
      if (error instanceof ApiError) {
        const code = error.code;
        const known: Record<string, string> = messages.errors;
        if (code !== 'UNKNOWN' && Object.hasOwn(known, code)) {
          const sentence = known[code] as string;
          // Name the bad fields: the generic sentence alone does not say what to fix.
          const fields = error.problem?.errors?.map((e) => `${e.field}: ${e.message}`) ?? [];
          if (fields.length === 0) return sentence;
          return locale === 'zh-CN' ? `${sentence}（${fields.join('；')}）` : `${sentence} (${fields.join('; ')})`;
        }
        return error.problem?.detail ?? error.problem?.title ?? t('errors.UNKNOWN', { status: error.status });
      }
      return error instanceof Error ? error.message : String(error);
    },
    [messages, locale, t],
  );
}
