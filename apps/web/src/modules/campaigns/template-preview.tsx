import { useEffect, useState } from 'react';
import { Alert, Select, Space, Spin, Typography } from 'antd';
import dayjs from 'dayjs';
import { formatMoney } from '../../ui/format.ts';
import { useErrorMessage } from '../../api/use-error-message.ts';
import { useModuleMessages } from '../../i18n/module-messages.ts';
import { searchCustomers, type CustomerSummary } from '../customers/customers.api.ts';
import { campaignsMessages, reasonText } from './campaigns.i18n.ts';
import { fetchPreview, type Preview } from './campaigns.api.ts';
import { fill } from './fill.ts';

/**
 * The saved draft rendered for one customer by the server (tokens filled from the customer's data,
 * fallbacks where a value is missing, the opt-out text on SMS), and whether the contact policy would
 * let it go out now.
 */
export function TemplatePreview({ campaignId }: { campaignId: string }) {
  const m = useModuleMessages(campaignsMessages);
  const errorMessage = useErrorMessage();
  const [query, setQuery] = useState('');
  const [options, setOptions] = useState<CustomerSummary[]>([]);
  const [customerId, setCustomerId] = useState<string | null>(null);
  const [preview, setPreview] = useState<Preview | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [loading, setLoading] = useState(false);

  useEffect(() => {
    const controller = new AbortController();
    const timer = setTimeout(() => {
      searchCustomers({ q: query || undefined, limit: 20 }, controller.signal).then(
        (page) => setOptions(page.items),
        () => undefined,
      );
    }, 250);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [query]);

  useEffect(() => {
    if (!customerId) return;
    const controller = new AbortController();
    setLoading(true);
    fetchPreview(campaignId, customerId, controller.signal).then(
      (p) => {
        setPreview(p);
        setError(null);
        setLoading(false);
      },
      (e: unknown) => {
        if (controller.signal.aborted) return;
        setError(e);
        setLoading(false);
      },
    );
    return () => controller.abort();
  }, [campaignId, customerId]);

  return (
    <Space direction="vertical" style={{ width: '100%' }} data-testid="campaign-preview">
      <Select
        showSearch
        filterOption={false}
        placeholder={m.editor.previewPick}
        onSearch={setQuery}
        onChange={(v: string) => setCustomerId(v)}
        style={{ width: '100%' }}
        data-testid="campaign-preview-customer"
        options={options.map((c) => ({ value: c.id, label: `${c.name} · ${c.phone}${c.city ? ` · ${c.city}` : ''}` }))}
      />
      {loading ? <Spin size="small" /> : null}
      {error ? <Alert type="error" showIcon message={errorMessage(error)} /> : null}
      {preview && !loading ? (
        <>
          <div className="campaign-template" data-testid="campaign-preview-text">
            {preview.subject ? <b>{preview.subject}<br /></b> : null}
            {preview.text}
          </div>
          <Typography.Text type="secondary" style={{ fontSize: 12.5 }}>
            {fill(m.editor.previewCost, { segments: preview.segments, cost: formatMoney(preview.cost) })}
            {preview.quote ? ` · ${fill(m.editor.previewQuote, { monthly: formatMoney(preview.quote.monthlyPayment), rate: preview.quote.customerRate, term: preview.quote.term })}` : ''}
          </Typography.Text>
          {preview.decision.kind === 'send' ? (
            <Typography.Text type="success">{m.editor.previewAllowed}</Typography.Text>
          ) : preview.decision.kind === 'defer' ? (
            <Typography.Text type="warning">{fill(m.editor.previewDeferred, { until: preview.decision.until ? dayjs(preview.decision.until).format('MM-DD HH:mm') : '–' })}</Typography.Text>
          ) : (
            <Typography.Text type="danger">{fill(m.editor.previewBlocked, { reason: reasonText(m, preview.decision.reason ?? '') })}</Typography.Text>
          )}
        </>
      ) : null}
    </Space>
  );
}
