import { useCallback, useState } from 'react';
import dayjs from 'dayjs';
import { Alert, App, Button, Empty, Space, Table, Tag, Typography } from 'antd';
import { RedoOutlined, ReloadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { WebhookDelivery } from '@autofin/contracts';
import { useLoad } from '../../ui/use-load.ts';
import { useErrorMessage } from '../../api/use-error-message.ts';
import { useModuleMessages } from '../../i18n/module-messages.ts';
import { fetchDeliveries, fetchWebhooks, replayDelivery, type ConsoleWebhook } from './partners.api.ts';
import { partnersMessages } from './partners.i18n.ts';

const DELIVERY_COLOR: Record<string, string> = { pending: 'orange', succeeded: 'green', failed: 'red' };

/** A partner's webhook subscriptions and the delivery log with each attempt's answer and a replay. */
export function PartnerWebhooks({ partnerId }: { partnerId: string }) {
  const m = useModuleMessages(partnersMessages).hook;
  const { t } = useTranslation();
  const { message } = App.useApp();
  const errorMessage = useErrorMessage();
  const loadHooks = useCallback((signal: AbortSignal) => fetchWebhooks(partnerId, signal), [partnerId]);
  const loadDeliveries = useCallback((signal: AbortSignal) => fetchDeliveries(partnerId, signal), [partnerId]);
  const [hooks] = useLoad(loadHooks);
  const [deliveries, reload] = useLoad(loadDeliveries);
  const [replaying, setReplaying] = useState<string | null>(null);

  const replay = async (d: WebhookDelivery) => {
    setReplaying(d.id);
    try {
      await replayDelivery(partnerId, d.id);
      void message.success(m.replayed);
      // The worker sends within a second; show its attempt.
      setTimeout(reload, 1500);
    } catch (err) {
      void message.error(errorMessage(err));
    } finally {
      setReplaying(null);
    }
  };

  return (
    <div data-testid="partner-webhooks">
      {hooks.status === 'error' ? <Alert type="error" showIcon message={t('common.loadFailed')} description={errorMessage(hooks.error)} /> : null}
      {hooks.status === 'ready' && hooks.data.length === 0 ? (
        <Alert type="info" showIcon message={m.none} style={{ marginBottom: 12 }} />
      ) : (
        <Table<ConsoleWebhook>
          rowKey="id"
          size="small"
          loading={hooks.status === 'loading'}
          dataSource={hooks.data ?? []}
          pagination={false}
          style={{ marginBottom: 16 }}
          columns={[
            { title: m.url, dataIndex: 'url', render: (u: string) => <Typography.Text code>{u}</Typography.Text> },
            { title: m.events, dataIndex: 'events', render: (e: string[]) => e.map((x) => <Tag key={x}>{x}</Tag>) },
            { title: m.status, dataIndex: 'status', render: (s: string) => (s === 'active' ? <Tag color="green">{m.active}</Tag> : <Tag>{m.deleted}</Tag>) },
          ]}
        />
      )}
      <Space style={{ marginBottom: 8 }}>
        <Typography.Title level={5} style={{ margin: 0 }}>
          {m.deliveries}
        </Typography.Title>
        <Button size="small" icon={<ReloadOutlined />} onClick={reload} />
      </Space>
      {deliveries.status === 'ready' && deliveries.data.length === 0 ? (
        <Empty description={m.noDeliveries} />
      ) : (
        <Table<WebhookDelivery>
          rowKey="id"
          size="small"
          loading={deliveries.status === 'loading'}
          dataSource={deliveries.data ?? []}
          pagination={{ pageSize: 10, showSizeChanger: false }}
          expandable={{
            expandedRowRender: (d) => (
              <Space direction="vertical" style={{ width: '100%' }}>
                <Table
                  rowKey={(a) => a.attemptedAt}
                  size="small"
                  pagination={false}
                  dataSource={d.attemptLog}
                  columns={[
                    { title: m.attemptAt, dataIndex: 'attemptedAt', render: (v: string) => dayjs(v).format('YYYY-MM-DD HH:mm:ss') },
                    { title: m.response, dataIndex: 'responseStatus', render: (s: number | null) => (s === null ? '—' : <Tag color={s >= 200 && s < 300 ? 'green' : 'red'}>{s}</Tag>) },
                    { title: m.responseBody, dataIndex: 'responseExcerpt', render: (v: string | null, a) => <Typography.Text type="secondary">{v || a.error || '—'}</Typography.Text> },
                    { title: m.duration, dataIndex: 'durationMs', render: (v: number) => `${v} ms` },
                  ]}
                />
                <Typography.Text strong>{m.body}</Typography.Text>
                <Typography.Paragraph code style={{ whiteSpace: 'pre-wrap' }}>
                  {d.body}
                </Typography.Paragraph>
              </Space>
            ),
          }}
          columns={[
            { title: m.event, dataIndex: 'eventType', render: (e: string) => <Tag>{e}</Tag> },
            { title: m.eventId, dataIndex: 'eventId', render: (e: string) => <Typography.Text code>{e.slice(0, 16)}…</Typography.Text> },
            { title: m.url, dataIndex: 'url', ellipsis: true },
            { title: m.status, dataIndex: 'status', render: (s: string) => <Tag color={DELIVERY_COLOR[s] ?? 'default'}>{m.deliveryStatus[s as keyof typeof m.deliveryStatus] ?? s}</Tag> },
            { title: m.attempts, dataIndex: 'attempts' },
            { title: m.nextAttempt, dataIndex: 'nextAttemptAt', render: (v: string | null) => (v ? dayjs(v).format('MM-DD HH:mm:ss') : '—') },
            {
              title: '',
              key: 'replay',
              render: (_: unknown, d) => (
                <Button size="small" icon={<RedoOutlined />} loading={replaying === d.id} onClick={() => void replay(d)} data-testid="replay-delivery">
                  {m.replay}
                </Button>
              ),
            },
          ]}
        />
      )}
    </div>
  );
}
