import { useMemo, useState } from 'react';
import { Alert, Button, Input, Space, Table, Tag, Typography } from 'antd';
import { ReloadOutlined, ExportOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { DealerWidgetList } from '@autofin/contracts';
import { Page } from '../../ui/page.tsx';
import { useLoad } from '../../ui/use-load.ts';
import { useErrorMessage } from '../../api/use-error-message.ts';
import { fetchWidgets } from './widgets.api.ts';
import { useModuleMessages } from '../../i18n/module-messages.ts';
import { widgetsMessages } from './widgets.i18n.ts';

type Item = DealerWidgetList['items'][number];

/** Dealer operations hand each dealer its calculator snippet from here. */
export function WidgetsPage() {
  const m = useModuleMessages(widgetsMessages);
  const { t } = useTranslation();
  const errorMessage = useErrorMessage();
  const [state, reload] = useLoad(fetchWidgets);
  const [query, setQuery] = useState('');
  const items = useMemo(() => {
    const all = state.data?.items ?? [];
    const q = query.trim().toLowerCase();
    return q ? all.filter((i) => i.dealerName.toLowerCase().includes(q) || i.widgetId.includes(q)) : all;
  }, [state.data, query]);

  return (
    <Page
      testId="widgets-page"
      title={m.title}
      subtitle={m.subtitle}
      extra={
        <Button icon={<ReloadOutlined />} onClick={reload} loading={state.status === 'loading' && !!state.data}>
          {t('overview.refresh')}
        </Button>
      }
    >
      {state.status === 'error' ? <Alert type="error" showIcon message={t('common.loadFailed')} description={errorMessage(state.error)} className="page__alert" /> : null}
      <Space style={{ marginBottom: 16 }}>
        <Input.Search allowClear placeholder={m.search} onChange={(e) => setQuery(e.target.value)} style={{ width: 280 }} />
        <Typography.Text type="secondary">{m.count.replace('{{count}}', String(items.length))}</Typography.Text>
      </Space>
      <Table<Item>
        rowKey="widgetId"
        loading={state.status === 'loading'}
        dataSource={items}
        pagination={{ pageSize: 20, showSizeChanger: false }}
        expandable={{
          expandedRowRender: (item) => (
            <Space direction="vertical" style={{ width: '100%' }}>
              <Typography.Text strong>{m.script}</Typography.Text>
              <Typography.Paragraph code copyable={{ tooltips: [m.embed, m.copied] }} style={{ marginBottom: 8 }}>
                {item.scriptSnippet}
              </Typography.Paragraph>
              <Typography.Text strong>{m.iframe}</Typography.Text>
              <Typography.Paragraph code copyable={{ tooltips: [m.embed, m.copied] }} style={{ marginBottom: 0 }}>
                {item.iframeSnippet}
              </Typography.Paragraph>
            </Space>
          ),
        }}
        columns={[
          { title: m.dealer, dataIndex: 'dealerName' },
          { title: m.widgetId, dataIndex: 'widgetId', render: (id: string) => <Typography.Text code>{id}</Typography.Text> },
          { title: m.categories, dataIndex: 'vehicleCategories', render: (c: Item['vehicleCategories']) => c.map((x) => <Tag key={x}>{m.category[x]}</Tag>) },
          { title: m.products, dataIndex: 'productCodes', render: (c: string[]) => c.length },
          { title: m.status, dataIndex: 'active', render: (a: boolean) => (a ? <Tag color="green">{m.active}</Tag> : <Tag>{m.inactive}</Tag>) },
          {
            title: m.preview,
            key: 'preview',
            render: (_: unknown, item) => (
              <a href={`/widget/calculator.html?widget=${item.widgetId}`} target="_blank" rel="noreferrer">
                <ExportOutlined /> {m.preview}
              </a>
            ),
          },
        ]}
      />
    </Page>
  );
}
