import { useCallback, useMemo, useState } from 'react';
import { Alert, App, Button, Card, Col, Descriptions, Popconfirm, Result, Row, Skeleton, Space, Table, Tag, Tooltip, Typography } from 'antd';
import { ArrowLeftOutlined, CheckOutlined, EditOutlined, InboxOutlined, PauseOutlined, PlayCircleOutlined, ReloadOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { Link, useParams } from 'react-router-dom';
import type { Segment } from '@autofin/contracts';
import { Page } from '../../ui/page.tsx';
import { StatCard } from '../../ui/stat-card.tsx';
import { useLoad } from '../../ui/use-load.ts';
import { useErrorMessage } from '../../api/use-error-message.ts';
import { useModuleMessages } from '../../i18n/module-messages.ts';
import { useLocale } from '../../i18n/locale-provider.tsx';
import { useCurrentUser, hasAnyRole } from '../auth/session.tsx';
import { fetchSegments } from '../segments/segments.api.ts';
import { campaignsMessages, reasonText } from '../campaigns/campaigns.i18n.ts';
import { percent, who } from '../campaigns/campaign-format.ts';
import { fill } from '../campaigns/fill.ts';
import { journeysMessages } from './journeys.i18n.ts';
import { fetchJourney, fetchJourneyStats, JOURNEY_ACTIVATORS, JOURNEY_APPROVERS, JOURNEY_EDITORS, JOURNEY_PAUSERS, stepJourney, type JourneyAction } from './journeys.api.ts';
import { JourneyEditor } from './journey-editor.tsx';
import { JourneyFlow } from './journey-flow.tsx';
import { exitReasonText } from './journey-text.ts';
import { journeyStatusColor } from './journeys.page.tsx';

const time = (iso: string | null) => (iso ? dayjs(iso).format('YYYY-MM-DD HH:mm') : '–');

export function JourneyPage() {
  const { journeyId = '' } = useParams();
  const m = useModuleMessages(journeysMessages);
  const cm = useModuleMessages(campaignsMessages);
  const d = m.detail;
  const { locale } = useLocale();
  const user = useCurrentUser();
  const { message } = App.useApp();
  const errorMessage = useErrorMessage();
  const [busy, setBusy] = useState<string | null>(null);
  const [editing, setEditing] = useState(false);

  const load = useCallback(
    async (signal: AbortSignal) => {
      const [journey, stats, segments] = await Promise.all([fetchJourney(journeyId, signal), fetchJourneyStats(journeyId, signal), fetchSegments(signal).catch(() => ({ items: [] as Segment[] }))]);
      return { journey, stats, segments: segments.items };
    },
    [journeyId],
  );
  const [state, reload] = useLoad(load);
  const error = state.status === 'error' ? state.error : null;
  const segments = state.data?.segments;

  const segmentNames = useMemo(() => new Map((segments ?? []).map((s) => [s.id, locale === 'en-US' ? (s.nameEn ?? s.name) : s.name])), [segments, locale]);

  const act = async (action: JourneyAction) => {
    setBusy(action);
    try {
      await stepJourney(journeyId, action);
      reload();
    } catch (e) {
      void message.error(errorMessage(e));
    } finally {
      setBusy(null);
    }
  };

  if (!state.data) {
    return <Page title={m.title}>{error ? <Result status="warning" title={errorMessage(error)} extra={<Link to="/journeys">{m.back}</Link>} /> : <Skeleton active />}</Page>;
  }

  const { journey, stats } = state.data;
  const author = journey.createdBy !== null && (journey.createdBy === user.id || journey.createdBy === user.email);
  const approver = hasAnyRole(user, JOURNEY_APPROVERS);
  const status = journey.status;
  const exitedRows = Object.entries(stats.exited).map(([reason, n]) => ({ reason, n }));
  const suppressedRows = Object.entries(stats.messages.suppressed).map(([reason, n]) => ({ reason, n }));

  return (
    <Page
      testId="journey-page"
      title={journey.definition.name}
      subtitle={journey.definition.description}
      tags={
        <Space size={4}>
          <Tag color={journeyStatusColor[status]} data-testid="journey-status">
            {m.status[status]}
          </Tag>
          <Tag>{fill(d.version, { v: journey.version })}</Tag>
          {journey.demo ? <Tag color="purple">{m.demoData}</Tag> : null}
        </Space>
      }
      extra={
        <Space wrap>
          <Link to="/journeys">
            <Button icon={<ArrowLeftOutlined />}>{m.back}</Button>
          </Link>
          <Button icon={<ReloadOutlined />} onClick={reload}>
            {m.refresh}
          </Button>
          {status !== 'archived' && hasAnyRole(user, JOURNEY_EDITORS) ? (
            <Button icon={<EditOutlined />} onClick={() => setEditing(true)}>
              {d.edit}
            </Button>
          ) : null}
          {status === 'draft' && approver ? (
            author ? (
              <Tooltip title={d.selfApproval}>
                <Button icon={<CheckOutlined />} disabled>
                  {d.approve}
                </Button>
              </Tooltip>
            ) : (
              <Popconfirm title={d.approveConfirm} onConfirm={() => act('approve')}>
                <Button type="primary" icon={<CheckOutlined />} loading={busy === 'approve'} data-testid="journey-approve">
                  {d.approve}
                </Button>
              </Popconfirm>
            )
          ) : null}
          {(status === 'approved' || status === 'paused') && hasAnyRole(user, JOURNEY_ACTIVATORS) ? (
            <Button type="primary" icon={<PlayCircleOutlined />} loading={busy === 'activate'} onClick={() => act('activate')} data-testid="journey-activate">
              {status === 'paused' ? d.resume : d.activate}
            </Button>
          ) : null}
          {status === 'active' && hasAnyRole(user, JOURNEY_PAUSERS) ? (
            <Button icon={<PauseOutlined />} loading={busy === 'pause'} onClick={() => act('pause')} data-testid="journey-pause">
              {d.pause}
            </Button>
          ) : null}
          {status !== 'archived' && hasAnyRole(user, JOURNEY_PAUSERS) ? (
            <Popconfirm title={d.archiveConfirm} onConfirm={() => act('archive')}>
              <Button danger icon={<InboxOutlined />} loading={busy === 'archive'}>
                {d.archive}
              </Button>
            </Popconfirm>
          ) : null}
        </Space>
      }
    >
      {error ? <Alert type="error" showIcon className="page__alert" message={errorMessage(error)} /> : null}
      {status === 'draft' && approver && author ? <Alert type="warning" showIcon className="page__alert" message={d.selfApproval} /> : null}
      {status === 'draft' && !approver ? <Alert type="info" showIcon className="page__alert" message={`${d.needsApproval} ${d.editNeedsApproval}`} /> : null}

      <Card variant="borderless" title={d.flow}>
        <JourneyFlow definition={journey.definition} stats={stats} segmentName={(id) => segmentNames.get(id) ?? id.slice(0, 8)} />
        <Typography.Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 0 }}>
          {d.reentryTitle}: {journey.definition.reentry.mode === 'never' ? m.reentry.never : fill(m.reentry.after_exit, { days: journey.definition.reentry.cooldownDays })}
        </Typography.Paragraph>
      </Card>

      <Row gutter={[16, 16]} className="campaign-section">
        <Col xs={12} xl={6}>
          <StatCard label={m.stats.enrolled} value={stats.enrolled.toLocaleString(locale)} tone="blue" testId="journey-enrolled" />
        </Col>
        <Col xs={12} xl={6}>
          <StatCard label={m.stats.active} value={stats.active.toLocaleString(locale)} tone="green" />
        </Col>
        <Col xs={12} xl={6}>
          <StatCard label={m.stats.queued} value={stats.messages.queued.toLocaleString(locale)} tone="purple" />
        </Col>
        <Col xs={12} xl={6}>
          <StatCard label={m.stats.conversions} value={stats.conversions.toLocaleString(locale)} note={`${m.stats.conversionRate} ${percent(stats.conversionRate, 1)}`} tone="orange" />
        </Col>
      </Row>
      <Row gutter={[16, 16]} className="campaign-section">
        <Col xs={24} xl={12}>
          <Card variant="borderless" title={m.stats.exitedBy}>
            <Table size="small" rowKey="reason" pagination={false} dataSource={exitedRows} locale={{ emptyText: m.stats.none }} columns={[{ dataIndex: 'reason', render: (r: string) => exitReasonText(m, r) }, { dataIndex: 'n', align: 'right' }]} showHeader={false} />
          </Card>
        </Col>
        <Col xs={24} xl={12}>
          <Card variant="borderless" title={m.stats.suppressed}>
            <Table size="small" rowKey="reason" pagination={false} dataSource={suppressedRows} locale={{ emptyText: m.stats.none }} columns={[{ dataIndex: 'reason', render: (r: string) => reasonText(cm, r) }, { dataIndex: 'n', align: 'right' }]} showHeader={false} />
          </Card>
        </Col>
      </Row>

      <Card variant="borderless" className="campaign-section">
        <Descriptions size="small" column={3}>
          <Descriptions.Item label={d.createdBy}>{who(journey.createdBy, user, cm.detail)}</Descriptions.Item>
          <Descriptions.Item label={d.approvedBy}>{journey.approvedBy ? `${who(journey.approvedBy, user, cm.detail)} · ${time(journey.approvedAt)}` : '–'}</Descriptions.Item>
          <Descriptions.Item label={d.activatedAt}>{time(journey.activatedAt)}</Descriptions.Item>
        </Descriptions>
      </Card>

      {editing ? (
        <JourneyEditor
          journey={journey}
          onClose={() => setEditing(false)}
          onSaved={() => {
            setEditing(false);
            reload();
          }}
        />
      ) : null}
    </Page>
  );
}
