import { Alert, Card, Typography } from 'antd';
import type { QuoteOffer } from '@autofin/contracts';
import { renderTemplate, validateCampaignTemplate, type TemplateValues } from '@autofin/domain/campaigns/render-template';
import { composeSms } from '@autofin/domain/campaigns/compose-sms';
import { useModuleMessages } from '../../i18n/module-messages.ts';
import { useLocale } from '../../i18n/locale-provider.tsx';
import { formatMoney } from '../../ui/format.ts';
import { campaignsMessages } from './campaigns.i18n.ts';
import { fill } from './fill.ts';

/**
 * The template as it would read before any customer is chosen: the domain's own renderer with the
 * sample quote's figures and NO customer data, so every customer token shows its fallback (what a
 * customer without that data gets); an SMS gets the signature and opt-out exactly as the sender adds
 * them, with its billed parts. The per-customer preview (server) shows real data once saved.
 */
export function SamplePreview({ zh, en, channel, senderName, hasOffer, offer }: { zh: string; en?: string; channel?: string; senderName?: string; hasOffer: boolean; offer: QuoteOffer | null }) {
  const m = useModuleMessages(campaignsMessages);
  const { locale } = useLocale();
  if (!zh.trim()) return null;
  const problems = validateCampaignTemplate({ zh, ...(en?.trim() ? { en } : {}) }, { hasOffer });
  const values: TemplateValues = offer
    ? {
        productName: locale === 'en-US' ? offer.productName.en : offer.productName.zh,
        rate: offer.customerRate,
        apr: offer.aprSimple.toFixed(2),
        monthlyPayment: formatMoney(offer.monthlyPayment, { symbol: false }),
        downPayment: formatMoney(offer.downPayment, { symbol: false }),
        term: offer.term,
      }
    : {};
  let text: string | null = null;
  let parts: { characters: number; segments: number } | null = null;
  try {
    const body = renderTemplate(zh, values);
    if (channel === 'sms') {
      const sms = composeSms({ body, senderName: senderName && senderName.trim().length >= 2 ? senderName : m.editor.defaultSender, language: 'zh', purpose: 'marketing' });
      text = sms.text;
      parts = sms;
    } else {
      text = body;
    }
  } catch {
    text = null; // the problems below say why
  }
  return (
    <Card size="small" title={m.editor.samplePreview} style={{ marginBottom: 16 }} data-testid="campaign-sample-preview">
      {text ? <div className="campaign-template">{text}</div> : null}
      {parts ? <Typography.Text type="secondary">{fill(m.editor.smsParts, { characters: parts.characters, segments: parts.segments })}</Typography.Text> : null}
      {problems.length > 0 ? (
        <Alert
          type="warning"
          showIcon
          style={{ marginTop: 8 }}
          data-testid="campaign-template-problems"
          message={m.editor.templateProblems}
          description={problems.map((p) => (
            <div key={`${p.field}:${p.message}`}>
              {p.field}: {p.message}
            </div>
          ))}
        />
      ) : null}
    </Card>
  );
}
