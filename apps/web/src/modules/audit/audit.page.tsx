import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { Alert, AutoComplete, Button, Card, Col, DatePicker, Empty, Form, Input, Row, Select, Space, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { SearchOutlined, UndoOutlined, DownOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { AuditEntry } from '@autofin/contracts';
import { Page } from '../../ui/page.tsx';
import { JsonView } from '../../ui/json-view.tsx';
import { useLocale, label } from '../../i18n/locale-provider.tsx';
import { useErrorMessage } from '../../api/use-error-message.ts';
import { fetchAudit, type AuditFilters } from './audit.api.ts';

const PAGE_SIZE = 50;

type ActorType = AuditEntry['actorType'];

interface FilterForm {
  q?: string;
  action?: string;
  entityType?: string;
  entityId?: string;
  actorType?: ActorType;
  range?: [Dayjs | null, Dayjs | null] | null;
}

function toFilters(form: FilterForm): AuditFilters {
  const text = (v: string | undefined) => (v && v.trim() ? v.trim() : undefined);
  const [from, to] = form.range ?? [null, null];
  return {
    q: text(form.q),
    action: text(form.action),
    entityType: text(form.entityType),
    entityId: text(form.entityId),
    actorType: form.actorType,
    from: from ? from.startOf('day').toISOString() : undefined,
    to: to ? to.endOf('day').toISOString() : undefined,
  };
}

// Typed against the contract, so a new actor type fails the build here until it has a colour.
const actorColor: Record<ActorType, string> = { user: 'blue', partner_key: 'purple', system: 'default' };
// Values only (not the contract module) so zod stays out of the browser bundle.
const actorTypes = Object.keys(actorColor) as ActorType[];

function distinct(values: string[]): { value: string }[] {
  return [...new Set(values)].sort().map((value) => ({ value }));
}

export function AuditPage() {
  const { t } = useTranslation();
  const { messages } = useLocale();
  const errorMessage = useErrorMessage();
  const [form] = Form.useForm<FilterForm>();
  const [filters, setFilters] = useState<AuditFilters>({});
  const [entries, setEntries] = useState<AuditEntry[]>([]);
  const [nextCursor, setNextCursor] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [loadingMore, setLoadingMore] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const moreController = useRef<AbortController | null>(null);

  // A new set of filters starts over from the newest entry.
  useEffect(() => {
    const controller = new AbortController();
    moreController.current?.abort();
    setLoading(true);
    setError(null);
    fetchAudit({ ...filters, limit: PAGE_SIZE }, controller.signal).then(
      (page) => {
        if (controller.signal.aborted) return;
        setEntries(page.items);
        setNextCursor(page.nextCursor);
        setLoading(false);
      },
      (e: unknown) => {
        if (controller.signal.aborted) return;
        setEntries([]);
        setNextCursor(null);
        setError(e);
        setLoading(false);
      },
    );
    return () => controller.abort();
  }, [filters]);

  const loadMore = useCallback(() => {
    if (!nextCursor) return;
    const controller = new AbortController();
    moreController.current = controller;
    setLoadingMore(true);
    fetchAudit({ ...filters, limit: PAGE_SIZE, cursor: nextCursor }, controller.signal).then(
      (page) => {
        if (controller.signal.aborted) return;
        setEntries((prev) => {
          const seen = new Set(prev.map((e) => e.id));
          return [...prev, ...page.items.filter((e) => !seen.has(e.id))];
        });
        setNextCursor(page.nextCursor);
        setLoadingMore(false);
      },
      (e: unknown) => {
        if (controller.signal.aborted) return;
        setError(e);
        setLoadingMore(false);
      },
    );
  }, [filters, nextCursor]);

  const actionOptions = useMemo(() => distinct(entries.map((e) => e.action)), [entries]);
  const entityOptions = useMemo(() => distinct(entries.map((e) => e.entityType)), [entries]);

  const columns: TableColumnsType<AuditEntry> = [
    {
      title: t('audit.at'),
      dataIndex: 'at',
      width: 180,
      render: (at: string) => <span className="mono-num">{dayjs(at).format('YYYY-MM-DD HH:mm:ss')}</span>,
    },
    {
      title: t('audit.actor'),
      key: 'actor',
      width: 260,
      render: (_: unknown, entry) => (
        <Space size={6}>
          <Tag color={actorColor[entry.actorType]} bordered={false} className="actor-tag">
            {label(messages.audit.actorTypes, entry.actorType)}
          </Tag>
          <Typography.Text ellipsis style={{ maxWidth: 180 }} title={entry.actorLabel ?? entry.actorId ?? ''}>
            {entry.actorLabel ?? entry.actorId ?? '–'}
          </Typography.Text>
        </Space>
      ),
    },
    {
      title: t('audit.action'),
      dataIndex: 'action',
      render: (action: string) => <code className="code-tag">{action}</code>,
    },
    {
      title: t('audit.entityType'),
      dataIndex: 'entityType',
      width: 160,
    },
    {
      title: t('audit.entityId'),
      dataIndex: 'entityId',
      width: 200,
      // UUIDs are shortened to their first block (as in git); hover shows the whole, copy copies it.
      render: (id: string | null) =>
        id ? (
          <Typography.Text className="mono" title={id} copyable={{ text: id }}>
            {id.length > 16 ? `${id.slice(0, 8)}…` : id}
          </Typography.Text>
        ) : (
          '–'
        ),
    },
    {
      title: t('audit.requestId'),
      dataIndex: 'requestId',
      width: 160,
      responsive: ['xxl'],
      render: (id: string | null) => (id ? <Typography.Text type="secondary" className="mono" ellipsis style={{ maxWidth: 140 }} title={id}>{id}</Typography.Text> : '–'),
    },
  ];

  function apply(values: FilterForm) {
    setFilters(toFilters(values));
  }

  function reset() {
    form.resetFields();
    setFilters({});
  }

  return (
    <Page testId="audit-page" title={t('audit.title')} subtitle={t('audit.subtitle')}>
      <Card variant="borderless" className="filter-card">
        <Form<FilterForm> form={form} layout="vertical" onFinish={apply} className="filter-form">
          <Row gutter={[16, 0]}>
            <Col xs={24} md={12} xl={8}>
              <Form.Item name="q" label={t('audit.search')}>
                <Input allowClear prefix={<SearchOutlined />} placeholder={t('audit.search')} data-testid="audit-q" />
              </Form.Item>
            </Col>
            <Col xs={24} md={12} xl={5}>
              <Form.Item name="action" label={t('audit.action')}>
                <AutoComplete allowClear options={actionOptions} placeholder="auth.login" filterOption />
              </Form.Item>
            </Col>
            <Col xs={24} md={12} xl={5}>
              <Form.Item name="entityType" label={t('audit.entityType')}>
                <AutoComplete allowClear options={entityOptions} placeholder="user" filterOption />
              </Form.Item>
            </Col>
            <Col xs={24} md={12} xl={6}>
              <Form.Item name="actorType" label={t('audit.actorType')}>
                <Select
                  allowClear
                  placeholder={t('audit.any')}
                  options={actorTypes.map((value) => ({ value, label: label(messages.audit.actorTypes, value) }))}
                />
              </Form.Item>
            </Col>
            <Col xs={24} md={12} xl={8}>
              <Form.Item name="range" label={t('audit.dateRange')}>
                <DatePicker.RangePicker style={{ width: '100%' }} placeholder={[t('audit.startDate'), t('audit.endDate')]} allowEmpty={[true, true]} />
              </Form.Item>
            </Col>
            <Col xs={24} md={12} xl={8}>
              <Form.Item name="entityId" label={t('audit.entityId')}>
                <Input allowClear className="mono" />
              </Form.Item>
            </Col>
            <Col xs={24} md={12} xl={8} className="filter-form__actions">
              <Form.Item label=" " colon={false}>
                <Space>
                  <Button type="primary" htmlType="submit" icon={<SearchOutlined />} data-testid="audit-submit">
                    {t('audit.query')}
                  </Button>
                  <Button icon={<UndoOutlined />} onClick={reset}>
                    {t('audit.reset')}
                  </Button>
                </Space>
              </Form.Item>
            </Col>
          </Row>
        </Form>
      </Card>

      {error ? <Alert type="error" showIcon message={errorMessage(error)} className="page__alert" data-testid="audit-error" /> : null}

      <Card variant="borderless" className="table-card">
        <Table<AuditEntry>
          data-testid="audit-table"
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={entries}
          loading={loading}
          pagination={false}
          scroll={{ x: 960 }}
          locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('audit.noEntries')} /> }}
          expandable={{
            expandedRowRender: (entry) => (
              <Row gutter={16} className="audit-diff">
                <Col xs={24} lg={12}>
                  <JsonView title={t('audit.before')} value={entry.before} emptyText={t('audit.empty')} />
                </Col>
                <Col xs={24} lg={12}>
                  <JsonView title={t('audit.after')} value={entry.after} emptyText={t('audit.empty')} />
                </Col>
              </Row>
            ),
          }}
        />
        <div className="table-card__footer">
          <Typography.Text type="secondary" data-testid="audit-count">
            {t('audit.loaded', { count: entries.length })}
            {!loading && !nextCursor && entries.length > 0 ? ` · ${t('audit.allLoaded')}` : ''}
          </Typography.Text>
          {nextCursor ? (
            <Button onClick={loadMore} loading={loadingMore} icon={<DownOutlined />} data-testid="audit-load-more">
              {t('audit.loadMore')}
            </Button>
          ) : null}
        </div>
      </Card>
    </Page>
  );
}
