import { useCallback, useEffect, useRef, useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { Alert, App, Button, Card, Empty, Input, Segmented, Space, Switch, Table, Tag, Tooltip, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { DownOutlined, LockOutlined, ReloadOutlined } from '@ant-design/icons';
import type { ReviewQueuePage } from '@autofin/contracts';
import { Page } from '../../ui/page.tsx';
import { formatMoney } from '../../ui/format.ts';
import { useLocale } from '../../i18n/locale-provider.tsx';
import { useModuleMessages } from '../../i18n/module-messages.ts';
import { useErrorMessage } from '../../api/use-error-message.ts';
import { useCurrentUser } from '../auth/session.tsx';
import { applicationsMessages } from '../applications/applications.i18n.ts';
import { fill, formatDateTime, formatPd, labelOf, shortId } from '../applications/application-format.tsx';
import { SlaTimer } from '../applications/sla-timer.tsx';
import { reviewMessages } from './review.i18n.ts';
import { claimReview, fetchReviewQueue, type ReviewQueueFilters } from './review.api.ts';
import { claimedByOther } from './claim-conflict.ts';
import '../applications/applications.css';

type QueueItem = ReviewQueuePage['items'][number];
const PAGE_SIZE = 50;

export function ReviewQueuePage() {
  const r = useModuleMessages(reviewMessages);
  const m = useModuleMessages(applicationsMessages);
  const { locale } = useLocale();
  const zh = locale === 'zh-CN';
  const user = useCurrentUser();
  const navigate = useNavigate();
  const errorMessage = useErrorMessage();
  const { message } = App.useApp();
  const [filters, setFilters] = useState<ReviewQueueFilters>({ claim: 'all' });
  const [dealerText, setDealerText] = useState('');
  const [page, setPage] = useState<ReviewQueuePage | null>(null);
  const [items, setItems] = useState<QueueItem[]>([]);
  const [loading, setLoading] = useState(true);
  const [loadingMore, setLoadingMore] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [conflict, setConflict] = useState<{ id: string; who: string } | null>(null);
  const [claiming, setClaiming] = useState<string | null>(null);
  const [generation, setGeneration] = useState(0);
  const moreController = useRef<AbortController | null>(null);

  useEffect(() => {
    const controller = new AbortController();
    moreController.current?.abort();
    setLoading(true);
    setError(null);
    fetchReviewQueue({ ...filters, limit: PAGE_SIZE }, controller.signal).then(
      (p) => {
        if (controller.signal.aborted) return;
        setPage(p);
        setItems(p.items);
        setLoading(false);
      },
      (e: unknown) => {
        if (controller.signal.aborted) return;
        setError(e);
        setItems([]);
        setLoading(false);
      },
    );
    return () => controller.abort();
  }, [filters, generation]);

  const loadMore = useCallback(() => {
    if (!page?.nextCursor) return;
    const controller = new AbortController();
    moreController.current = controller;
    setLoadingMore(true);
    fetchReviewQueue({ ...filters, limit: PAGE_SIZE, cursor: page.nextCursor }, controller.signal).then(
      (p) => {
        if (controller.signal.aborted) return;
        setPage(p);
        setItems((prev) => [...prev, ...p.items.filter((i) => !prev.some((x) => x.id === i.id))]);
        setLoadingMore(false);
      },
      (e: unknown) => {
        if (!controller.signal.aborted) {
          setError(e);
          setLoadingMore(false);
        }
      },
    );
  }, [filters, page]);

  const claim = async (id: string) => {
    setClaiming(id);
    setConflict(null);
    try {
      await claimReview(id);
      void message.success(r.claimSuccess);
      navigate(`/review/${id}`);
    } catch (e) {
      const who = claimedByOther(e);
      if (who) {
        setConflict({ id, who });
        setGeneration((g) => g + 1); // show who holds it now
      } else void message.error(errorMessage(e));
    } finally {
      setClaiming(null);
    }
  };

  const columns: TableColumnsType<QueueItem> = [
    {
      title: r.columns.id,
      dataIndex: 'id',
      width: 110,
      render: (id: string) => (
        <Tooltip title={id}>
          <Link to={`/applications/${id}`} className="mono-num">
            {shortId(id)}
          </Link>
        </Tooltip>
      ),
    },
    { title: r.columns.applicant, dataIndex: 'applicantName', width: 90 },
    {
      title: r.columns.sla,
      key: 'sla',
      width: 150,
      render: (_: unknown, i) => (
        <Space direction="vertical" size={0}>
          <SlaTimer dueAt={i.review.slaDueAt} m={m} zh={zh} />
          <Typography.Text type="secondary" className="timeline-meta">
            {formatDateTime(i.review.slaDueAt)}
          </Typography.Text>
        </Space>
      ),
    },
    {
      title: r.columns.reasons,
      key: 'reasons',
      render: (_: unknown, i) => (
        <ul className="decision-reasons" data-testid="queue-reasons">
          {i.reasons.slice(0, 3).map((reason, n) => (
            <li key={`${reason.code}-${n}`}>
              <Tag bordered={false}>{labelOf(m.stages, reason.stage)}</Tag>
              {zh ? reason.zh : reason.en}
            </li>
          ))}
          {i.reasons.length > 3 ? <li>…</li> : null}
        </ul>
      ),
    },
    {
      title: r.columns.score,
      key: 'score',
      width: 140,
      render: (_: unknown, i) =>
        i.score !== null ? (
          <span className="mono-num">
            {i.score.toFixed(0)} · {labelOf(m.tiers, i.tier)}
            {i.pd !== null ? ` · ${formatPd(i.pd)}` : ''}
          </span>
        ) : (
          '–'
        ),
    },
    { title: r.columns.amount, dataIndex: 'requestedAmount', width: 130, align: 'right', render: (v: string) => <span className="mono-num">{formatMoney(v)}</span> },
    {
      title: r.columns.claimedBy,
      key: 'claimedBy',
      width: 170,
      render: (_: unknown, i) =>
        i.review.claimedBy ? (
          <Tag icon={<LockOutlined />} color={i.review.claimedBy.id === user.id ? 'blue' : 'default'} data-testid="queue-claimed-by">
            {i.review.claimedBy.id === user.id ? r.claimedByMe : (i.review.claimedBy.label ?? i.review.claimedBy.id)}
          </Tag>
        ) : (
          <Typography.Text type="secondary">{m.detail.unclaimed}</Typography.Text>
        ),
    },
    {
      title: r.columns.actions,
      key: 'actions',
      width: 150,
      fixed: 'right',
      render: (_: unknown, i) => {
        const mine = i.review.claimedBy?.id === user.id;
        const other = i.review.claimedBy !== null && !mine;
        return (
          <Space>
            {i.review.claimedBy === null || other ? (
              <Button size="small" type="primary" loading={claiming === i.id} onClick={() => void claim(i.id)} data-testid="queue-claim">
                {r.claim}
              </Button>
            ) : null}
            <Link to={`/review/${i.id}`} data-testid="queue-open">
              <Button size="small">{r.open}</Button>
            </Link>
          </Space>
        );
      },
    },
  ];

  return (
    <Page
      title={r.title}
      subtitle={r.subtitle}
      testId="review-queue-page"
      tags={
        page ? (
          <Space>
            <Tag>{fill(r.slaNote, { hours: page.slaHours })}</Tag>
            {page.overdueCount > 0 ? (
              <Tag color="red" data-testid="overdue-count">
                {fill(r.overdueCount, { count: page.overdueCount })}
              </Tag>
            ) : null}
          </Space>
        ) : null
      }
      extra={
        <Button icon={<ReloadOutlined />} onClick={() => setGeneration((g) => g + 1)}>
          {r.filters.refresh}
        </Button>
      }
    >
      <Card variant="borderless" className="filter-card">
        <Space wrap size={16}>
          <Segmented
            value={filters.claim ?? 'all'}
            onChange={(v) => setFilters((f) => ({ ...f, claim: v as ReviewQueueFilters['claim'] }))}
            options={[
              { value: 'all', label: r.filters.all },
              { value: 'unclaimed', label: r.filters.unclaimed },
              { value: 'mine', label: r.filters.mine },
            ]}
            data-testid="queue-claim-filter"
          />
          <Space>
            <Switch checked={filters.overdue === true} onChange={(on) => setFilters((f) => ({ ...f, overdue: on ? true : undefined }))} />
            <span>{r.filters.overdue}</span>
          </Space>
          <Input.Search
            allowClear
            placeholder={r.filters.dealer}
            value={dealerText}
            onChange={(e) => setDealerText(e.target.value)}
            onSearch={(v) => setFilters((f) => ({ ...f, dealerId: v.trim() || undefined }))}
            style={{ width: 320 }}
          />
        </Space>
      </Card>
      {conflict ? (
        <Alert
          type="warning"
          showIcon
          closable
          onClose={() => setConflict(null)}
          style={{ margin: '12px 0' }}
          data-testid="claim-conflict"
          message={fill(r.claimedByOther, { who: conflict.who })}
          description={fill(r.claimedByOtherHint, { who: conflict.who })}
        />
      ) : null}
      {error ? <Alert type="error" showIcon message={errorMessage(error)} style={{ margin: '12px 0' }} /> : null}
      <Table<QueueItem>
        style={{ marginTop: 12 }}
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={items}
        loading={loading}
        pagination={false}
        data-testid="review-queue-table"
        rowClassName={(i) => (i.review.overdue ? 'queue-row--overdue' : '')}
        locale={{ emptyText: <Empty description={r.empty} /> }}
        scroll={{ x: 1150 }}
      />
      {page?.nextCursor ? (
        <div className="load-more">
          <Button icon={<DownOutlined />} onClick={loadMore} loading={loadingMore}>
            {r.loadMore}
          </Button>
        </div>
      ) : null}
    </Page>
  );
}
