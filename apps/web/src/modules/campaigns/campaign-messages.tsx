import { useEffect, useState } from 'react';
import { Alert, Button, Select, Space, Table, Tag } from 'antd';
import dayjs from 'dayjs';
import { Link } from 'react-router-dom';
import { useErrorMessage } from '../../api/use-error-message.ts';
import { useModuleMessages } from '../../i18n/module-messages.ts';
import { campaignsMessages, reasonText } from './campaigns.i18n.ts';
import { fetchMessages, MESSAGE_STATUSES, type CampaignMessage } from './campaigns.api.ts';

const outcomeColor: Record<string, string> = { holdout: 'default', suppressed: 'orange', deferred: 'gold', queued: 'blue', sending: 'blue', sent: 'blue', delivered: 'green', clicked: 'cyan', failed: 'red' };

/** The latest thing that happened to the message (a deferred one shows when it may go). */
function when(row: CampaignMessage): string {
  const at = row.clickedAt ?? row.deliveredAt ?? row.failedAt ?? row.sentAt ?? row.notBefore;
  return at ? dayjs(at).format('YYYY-MM-DD HH:mm') : '–';
}

/** Who was reached, held back or not sent to, and why: one row per targeted customer, masked. */
export function CampaignMessages({ campaignId, generation }: { campaignId: string; generation: number }) {
  const m = useModuleMessages(campaignsMessages);
  const r = m.report;
  const errorMessage = useErrorMessage();
  const [outcome, setOutcome] = useState<string>('');
  const [items, setItems] = useState<CampaignMessage[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    const controller = new AbortController();
    setLoading(true);
    fetchMessages(campaignId, { status: outcome || undefined }, controller.signal).then(
      (page) => {
        setItems(page.items);
        setCursor(page.nextCursor ?? null);
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
  }, [campaignId, outcome, generation]);

  const more = async () => {
    if (!cursor) return;
    setLoading(true);
    try {
      const page = await fetchMessages(campaignId, { status: outcome || undefined, cursor });
      setItems((prev) => [...prev, ...page.items]);
      setCursor(page.nextCursor ?? null);
    } catch (e) {
      setError(e);
    } finally {
      setLoading(false);
    }
  };

  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Select
        value={outcome}
        onChange={setOutcome}
        style={{ width: 240 }}
        data-testid="campaign-messages-filter"
        options={[{ value: '', label: r.allOutcomes }, ...MESSAGE_STATUSES.map((o) => ({ value: o, label: r.outcomes[o] ?? o }))]}
      />
      {error ? <Alert type="error" showIcon message={errorMessage(error)} /> : null}
      <Table<CampaignMessage>
        size="small"
        rowKey={(row) => `${row.customerId}:${row.arm}`}
        loading={loading}
        dataSource={items}
        pagination={false}
        data-testid="campaign-messages"
        columns={[
          { title: r.customer, key: 'customer', render: (_: unknown, row) => <Link to={`/customers/${row.customerId}`}>{row.customerName}</Link> },
          { title: r.phone, key: 'phone', render: (_: unknown, row) => <span className="mono">{row.customerPhone ?? '–'}</span> },
          { title: r.arm, key: 'arm', width: 110, render: (_: unknown, row) => (row.arm === 'holdout' ? r.armHoldout : row.arm === 'main' ? r.armMain : row.arm.toUpperCase()) },
          { title: r.outcome, key: 'outcome', width: 170, render: (_: unknown, row) => <Tag color={outcomeColor[row.status] ?? 'default'}>{r.outcomes[row.status] ?? row.status}</Tag> },
          { title: r.reason, key: 'reason', render: (_: unknown, row) => (row.reason ? <span title={(row.reasons ?? []).map((x) => reasonText(m, x)).join('；')}>{reasonText(m, row.reason)}</span> : '–') },
          { title: r.content, key: 'content', render: (_: unknown, row) => <span style={{ fontSize: 12.5 }}>{row.content ?? '–'}</span> },
          { title: r.at, key: 'at', width: 150, render: (_: unknown, row) => when(row) },
        ]}
      />
      {cursor ? (
        <Button onClick={more} loading={loading}>
          {r.loadMore}
        </Button>
      ) : null}
    </Space>
  );
}
