import { Segmented } from 'antd';
import { useLocale } from '../i18n/locale-provider.tsx';
import { isLocale } from '../i18n/i18n.ts';

/** 中文 / English, each written in its own language so anyone can find theirs. */
export function LanguageSwitch({ size = 'middle' }: { size?: 'small' | 'middle' }) {
  const { locale, setLocale } = useLocale();
  return (
    <Segmented
      size={size}
      value={locale}
      data-testid="language-switch"
      aria-label="Language / 语言"
      options={[
        { label: '中文', value: 'zh-CN' },
        { label: 'English', value: 'en-US' },
      ]}
      onChange={(value) => {
        if (isLocale(value)) setLocale(value);
      }}
    />
  );
}
