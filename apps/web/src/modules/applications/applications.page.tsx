import { useCallback, useEffect, useRef, useState } from 'react';
import { Link } from 'react-router-dom';
import { Alert, Button, Card, DatePicker, Drawer, Empty, Form, Input, Result, Select, Space, Table, Tag, Tooltip, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { DownOutlined, PlusOutlined, SearchOutlined, UndoOutlined } from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import type { ApplicationCreated, ApplicationStatus, ApplicationSummary } from '@autofin/contracts';
import { Page } from '../../ui/page.tsx';
import { formatMoney } from '../../ui/format.ts';
import { useLocale } from '../../i18n/locale-provider.tsx';
import { useModuleMessages } from '../../i18n/module-messages.ts';
import { useErrorMessage } from '../../api/use-error-message.ts';
import { hasAnyRole, useCurrentUser } from '../auth/session.tsx';
import { applicationsMessages } from './applications.i18n.ts';
import { APPLICATION_CREATORS, fetchApplications, type ApplicationFilters } from './applications.api.ts';
import { applicationStatusList, fill, formatDateTime, labelOf, shortId, StatusTag } from './application-format.tsx';
import { ApplicationForm } from './application-form.tsx';
import { DecisionPanel } from './decision-panel.tsx';
import './applications.css';

const PAGE_SIZE = 30;

interface FilterForm {
  status?: ApplicationStatus[];
  dealerId?: string;
  updatedSince?: Dayjs | null;
  q?: string;
}

function toFilters(v: FilterForm): ApplicationFilters {
  return {
    status: v.status && v.status.length > 0 ? v.status : undefined,
    dealerId: v.dealerId?.trim() || undefined,
    updatedSince: v.updatedSince ? v.updatedSince.startOf('day').toISOString() : undefined,
    q: v.q?.trim() || undefined,
  };
}

export function ApplicationsPage() {
  const m = useModuleMessages(applicationsMessages);
  const { locale } = useLocale();
  const user = useCurrentUser();
  const errorMessage = useErrorMessage();
  const [form] = Form.useForm<FilterForm>();
  const [filters, setFilters] = useState<ApplicationFilters>({});
  const [items, setItems] = useState<ApplicationSummary[]>([]);
  const [nextCursor, setNextCursor] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [loadingMore, setLoadingMore] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [generation, setGeneration] = useState(0);
  const [drawerOpen, setDrawerOpen] = useState(false);
  const [created, setCreated] = useState<ApplicationCreated | null>(null);
  const moreController = useRef<AbortController | null>(null);
  const canCreate = hasAnyRole(user, APPLICATION_CREATORS);

  // New filters start over from the most recently changed application.
  useEffect(() => {
    const controller = new AbortController();
    moreController.current?.abort();
    setLoading(true);
    setError(null);
    fetchApplications({ ...filters, limit: PAGE_SIZE }, controller.signal).then(
      (page) => {
        if (controller.signal.aborted) return;
        setItems(page.items);
        setNextCursor(page.nextCursor);
        setLoading(false);
      },
      (e: unknown) => {
        if (controller.signal.aborted) return;
        setItems([]);
        setNextCursor(null);
        setError(e);
        setLoading(false);
      },
    );
    return () => controller.abort();
  }, [filters, generation]);

  const loadMore = useCallback(() => {
    if (!nextCursor) return;
    const controller = new AbortController();
    moreController.current = controller;
    setLoadingMore(true);
    fetchApplications({ ...filters, limit: PAGE_SIZE, cursor: nextCursor }, controller.signal).then(
      (page) => {
        if (controller.signal.aborted) return;
        setItems((prev) => {
          const seen = new Set(prev.map((a) => a.id));
          return [...prev, ...page.items.filter((a) => !seen.has(a.id))];
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

  const filterByDealer = (dealerId: string) => {
    form.setFieldValue('dealerId', dealerId);
    setFilters(toFilters(form.getFieldsValue()));
  };

  const columns: TableColumnsType<ApplicationSummary> = [
    {
      title: m.columns.id,
      dataIndex: 'id',
      width: 110,
      render: (id: string) => (
        <Tooltip title={id}>
          <Link to={`/applications/${id}`} className="mono-num" data-testid="application-link">
            {shortId(id)}
          </Link>
        </Tooltip>
      ),
    },
    {
      title: m.columns.applicant,
      key: 'applicant',
      width: 140,
      render: (_: unknown, a) => (
        <Space size={4}>
          <span>{a.applicantName}</span>
          {a.type !== 'individual' ? <Tag bordered={false}>{m.types[a.type]}</Tag> : null}
        </Space>
      ),
    },
    { title: m.columns.status, dataIndex: 'status', width: 130, render: (s: ApplicationStatus) => <StatusTag status={s} m={m} /> },
    {
      // The list summary has no reason text: the tier and score are the one-line "why"; the detail has the reasons.
      title: m.columns.score,
      key: 'score',
      width: 120,
      render: (_: unknown, a) => (a.score !== null ? <span className="mono-num">{`${a.score.toFixed(0)} · ${labelOf(m.tiers, a.tier)}`}</span> : '–'),
    },
    {
      title: m.columns.vehicle,
      key: 'vehicle',
      width: 220,
      render: (_: unknown, a) => (
        <span>
          {labelOf(m.categories, a.vehicleCategory)} <Typography.Text type="secondary">{formatMoney(a.vehiclePrice)}</Typography.Text>
        </span>
      ),
    },
    { title: m.columns.amount, dataIndex: 'requestedAmount', align: 'right', width: 140, render: (v: string) => <span className="mono-num">{formatMoney(v)}</span> },
    { title: m.columns.term, dataIndex: 'term', width: 90, render: (n: number) => fill(m.months, { count: n }) },
    {
      title: m.columns.dealer,
      dataIndex: 'dealerId',
      width: 120,
      render: (id: string | null, a) =>
        id ? (
          <Tooltip title={`${m.filterDealer}: ${id}`}>
            <Button type="link" size="small" className="mono-num" onClick={() => filterByDealer(id)}>
              {shortId(id)}
            </Button>
          </Tooltip>
        ) : (
          // No dealer on record: the channel (direct, online …) says where it came from.
          <Tooltip title={`${m.columns.channel}: ${labelOf(m.channels, a.channel)}`}>
            <Typography.Text type="secondary">–</Typography.Text>
          </Tooltip>
        ),
    },
    { title: m.columns.submitted, dataIndex: 'submittedAt', width: 150, render: (v: string) => <span className="mono-num">{formatDateTime(v)}</span> },
    { title: m.columns.updated, dataIndex: 'updatedAt', width: 150, render: (v: string) => <span className="mono-num">{formatDateTime(v)}</span> },
  ];

  return (
    <Page
      title={m.title}
      subtitle={m.subtitle}
      testId="applications-page"
      extra={
        canCreate ? (
          <Button
            type="primary"
            icon={<PlusOutlined />}
            data-testid="new-application"
            onClick={() => {
              setCreated(null);
              setDrawerOpen(true);
            }}
          >
            {m.newApplication}
          </Button>
        ) : null
      }
    >
      <Card className="filter-card" variant="borderless">
        <Form<FilterForm> form={form} layout="inline" onFinish={(v) => setFilters(toFilters(v))} className="applications-filters">
          <Form.Item name="status" label={m.filters.status}>
            <Select
              mode="multiple"
              allowClear
              placeholder={m.filters.anyStatus}
              style={{ minWidth: 220 }}
              maxTagCount="responsive"
              options={applicationStatusList.map((s) => ({ value: s, label: m.statuses[s] }))}
              data-testid="filter-status"
            />
          </Form.Item>
          <Form.Item name="dealerId" label={m.filters.dealer}>
            <Input allowClear placeholder={m.filters.dealerPlaceholder} style={{ width: 200 }} />
          </Form.Item>
          <Form.Item name="updatedSince" label={m.filters.updatedSince}>
            <DatePicker placeholder={m.filters.datePlaceholder} />
          </Form.Item>
          <Form.Item name="q" label={m.filters.search}>
            <Input allowClear placeholder={m.filters.searchPlaceholder} style={{ width: 300 }} data-testid="filter-q" />
          </Form.Item>
          <Form.Item>
            <Space>
              <Button type="primary" htmlType="submit" icon={<SearchOutlined />} data-testid="filter-apply">
                {m.filters.apply}
              </Button>
              <Button
                icon={<UndoOutlined />}
                data-testid="filter-reset"
                onClick={() => {
                  form.resetFields();
                  setFilters({});
                }}
              >
                {m.filters.reset}
              </Button>
            </Space>
          </Form.Item>
        </Form>
      </Card>

      {error ? <Alert type="error" showIcon message={errorMessage(error)} style={{ margin: '12px 0' }} /> : null}
      <Typography.Paragraph type="secondary" className="masked-note">
        {m.maskedNote}
      </Typography.Paragraph>
      <Table<ApplicationSummary>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={items}
        loading={loading}
        pagination={false}
        data-testid="applications-table"
        locale={{ emptyText: <Empty description={m.empty} /> }}
        scroll={{ x: 1400 }}
      />
      <div className="load-more">
        {nextCursor ? (
          <Button icon={<DownOutlined />} onClick={loadMore} loading={loadingMore} data-testid="load-more">
            {m.loadMore}
          </Button>
        ) : null}
        <Typography.Text type="secondary">{fill(nextCursor ? m.shown : m.noMore, { count: items.length })}</Typography.Text>
      </div>

      <Drawer
        title={m.form.title}
        width={960}
        open={drawerOpen}
        onClose={() => setDrawerOpen(false)}
        destroyOnHidden
        data-testid="application-drawer"
      >
        {created ? (
          <div data-testid="application-created">
            <Result
              status={created.status === 'declined' ? 'warning' : created.status === 'approved' ? 'success' : 'info'}
              title={<StatusTag status={created.status} m={m} />}
              subTitle={fill(m.form.submitted, { id: created.id })}
              extra={[
                <Link key="open" to={`/applications/${created.id}`} data-testid="created-open">
                  <Button type="primary">{m.form.openDetail}</Button>
                </Link>,
                <Button key="again" onClick={() => setCreated(null)}>
                  {m.form.another}
                </Button>,
              ]}
            />
            <DecisionPanel decision={created.decision} m={m} locale={locale} compact />
          </div>
        ) : (
          <ApplicationForm
            m={m}
            locale={locale}
            onCreated={(c) => {
              setCreated(c);
              setGeneration((g) => g + 1);
            }}
          />
        )}
      </Drawer>
    </Page>
  );
}
