import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from './client.ts';
import { useLocale } from '../i18n/locale-provider.tsx';

/**
 * Turns an error into a sentence in the user's language: a known error code is translated;
 * otherwise the server's own `detail`/`title` is shown, which is better than a generic message.
 */
export function useErrorMessage(): (error: unknown) => string {
  const { messages } = useLocale();
  const { t } = useTranslation();
  return useCallback(
    (error: unknown) => {
      if (error instanceof ApiError) {
        const code = error.code;
        const known: Record<string, string> = messages.errors;
        if (code !== 'UNKNOWN' && Object.hasOwn(known, code)) return known[code] as string;
        return error.problem?.detail ?? error.problem?.title ?? t('errors.UNKNOWN', { status: error.status });
      }
      return error instanceof Error ? error.message : String(error);
    },
    [messages, t],
  );
}
