import { useEffect, useState } from 'react';
import { Alert, Button, Input, Select, Space, Table, Tag } from 'antd';
import type { TableColumnsType } from 'antd';
import { SearchOutlined } from '@ant-design/icons';
import { Link, useSearchParams } from 'react-router-dom';
import type { Segment } from '@autofin/contracts';
import { Page } from '../../ui/page.tsx';
import { useModuleMessages } from '../../i18n/module-messages.ts';
import { useLocale } from '../../i18n/locale-provider.tsx';
import { useErrorMessage } from '../../api/use-error-message.ts';
import { fetchSegments } from '../segments/segments.api.ts';
import { customerMessages } from './customers.i18n.ts';
import { searchCustomers, type CustomerSummary } from './customers.api.ts';

/** Customer search: masked rows, by name prefix / full mobile / id, optionally within a segment. */
export function CustomersPage() {
  const m = useModuleMessages(customerMessages);
  const { locale } = useLocale();
  const errorMessage = useErrorMessage();
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const segmentId = params.get('segment') ?? undefined;
  const [text, setText] = useState(q);
  const [items, setItems] = useState<CustomerSummary[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<unknown>(null);
  const [segments, setSegments] = useState<Segment[]>([]);

  useEffect(() => {
    fetchSegments().then((r) => setSegments(r.items), () => setSegments([]));
  }, []);

  useEffect(() => {
    const controller = new AbortController();
    setLoading(true);
    setError(null);
    searchCustomers({ q: q || undefined, segmentId }, controller.signal).then(
      (page) => {
        setItems(page.items);
        setCursor(page.nextCursor);
        setLoading(false);
      },
      (e: unknown) => {
        if (controller.signal.aborted) return;
        setError(e);
        setLoading(false);
      },
    );
    return () => controller.abort();
  }, [q, segmentId]);

  const more = async () => {
    if (!cursor) return;
    const page = await searchCustomers({ q: q || undefined, segmentId, cursor });
    setItems((prev) => [...prev, ...page.items]);
    setCursor(page.nextCursor);
  };

  const stage = (s: string | null) => (s ? (m.stages[s as keyof typeof m.stages] ?? s) : '–');
  const columns: TableColumnsType<CustomerSummary> = [
    {
      title: m.col.name,
      dataIndex: 'name',
      render: (name: string, r) => (
        <Space>
          <Link to={`/customers/${r.id}`} data-testid="customer-link">
            {name}
          </Link>
          {r.anonymous ? <Tag>{m.anonymous}</Tag> : null}
        </Space>
      ),
    },
    { title: m.col.phone, dataIndex: 'phone', render: (p: string) => <span className="mono">{p || '–'}</span> },
    { title: m.col.city, dataIndex: 'city', render: (c: string | null) => c ?? '–' },
    { title: m.col.stage, dataIndex: 'lifecycleStage', render: stage },
    { title: m.col.source, dataIndex: 'source', render: (s: string, r) => (r.demo ? <Tag color="gold">{m.demo}</Tag> : s) },
  ];

  const update = (next: { q?: string; segment?: string | undefined }) => {
    const p = new URLSearchParams(params);
    if (next.q !== undefined) {
      if (next.q) p.set('q', next.q);
      else p.delete('q');
    }
    if ('segment' in next) {
      if (next.segment) p.set('segment', next.segment);
      else p.delete('segment');
    }
    setParams(p);
  };

  return (
    <Page title={m.title} subtitle={m.subtitle} testId="customers-page">
      <Space wrap style={{ marginBottom: 16 }}>
        <Input.Search
          allowClear
          style={{ width: 340 }}
          placeholder={m.searchPlaceholder}
          value={text}
          onChange={(e) => setText(e.target.value)}
          onSearch={(v) => update({ q: v.trim() })}
          enterButton={<SearchOutlined />}
          data-testid="customer-search"
        />
        <Select
          style={{ width: 260 }}
          value={segmentId ?? ''}
          onChange={(v: string) => update({ segment: v || undefined })}
          options={[{ value: '', label: m.anySegment }, ...segments.map((s) => ({ value: s.id, label: `${locale === 'en-US' ? (s.nameEn ?? s.name) : s.name} (${s.count.toLocaleString(locale)})` }))]}
          data-testid="customer-segment-filter"
        />
      </Space>
      {error ? <Alert type="error" showIcon message={errorMessage(error)} style={{ marginBottom: 16 }} /> : null}
      <Table<CustomerSummary> rowKey="id" size="middle" loading={loading} dataSource={items} columns={columns} pagination={false} locale={{ emptyText: m.empty }} />
      {cursor ? (
        <Button style={{ marginTop: 16 }} onClick={() => void more()}>
          {m.more}
        </Button>
      ) : null}
    </Page>
  );
}
