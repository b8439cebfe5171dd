import { useMemo, useState } from 'react';
import { Alert, Button, Calendar, Card, Space, Table, Tabs, Tag, Tooltip, Typography } from 'antd';
import { BarChartOutlined, PlusOutlined, ReloadOutlined, SettingOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { Link, useNavigate } from 'react-router-dom';
import { Page } from '../../ui/page.tsx';
import { useLoad } from '../../ui/use-load.ts';
import { useErrorMessage } from '../../api/use-error-message.ts';
import { useModuleMessages } from '../../i18n/module-messages.ts';
import { useLocale } from '../../i18n/locale-provider.tsx';
import { useCurrentUser, hasAnyRole } from '../auth/session.tsx';
import { campaignsMessages } from './campaigns.i18n.ts';
import { CAMPAIGN_EDITORS, fetchCampaigns, type CampaignListItem } from './campaigns.api.ts';
import { CampaignEditor } from './campaign-editor.tsx';
import { campaignWindow, statusColor, who } from './campaign-format.ts';
import { fill } from './fill.ts';
import './campaigns.css';

const ON_CALENDAR = new Set(['scheduled', 'running', 'paused']);

export function CampaignsPage() {
  const m = useModuleMessages(campaignsMessages);
  const { locale } = useLocale();
  const user = useCurrentUser();
  const navigate = useNavigate();
  const errorMessage = useErrorMessage();
  const [state, reload] = useLoad(fetchCampaigns);
  const [creating, setCreating] = useState(false);
  const items = useMemo(() => state.data?.items ?? [], [state.data]);
  const canCreate = hasAnyRole(user, CAMPAIGN_EDITORS);

  const onCalendar = useMemo(() => items.filter((c) => ON_CALENDAR.has(c.status)).map((c) => ({ campaign: c, ...campaignWindow(c) })), [items]);

  const cell = (date: Dayjs) => {
    const day = onCalendar.filter((w) => !date.isBefore(w.start, 'day') && !date.isAfter(w.end, 'day'));
    const shown = day.slice(0, 3);
    return (
      <div data-testid={`calendar-${date.format('YYYY-MM-DD')}`}>
        {shown.map((w) => (
          <Tooltip key={w.campaign.id} title={`${w.campaign.name} · ${m.status[w.campaign.status]} · ${w.start.format('MM-DD')} – ${w.end.format('MM-DD')}`}>
            <span className={`campaign-calendar__item campaign-calendar__item--${w.campaign.status}`} onClick={() => navigate(`/campaigns/${w.campaign.id}`)}>
              {w.campaign.name}
            </span>
          </Tooltip>
        ))}
        {day.length > shown.length ? <Typography.Text type="secondary">{fill(m.calendar.more, { n: day.length - shown.length })}</Typography.Text> : null}
      </div>
    );
  };

  const table = (
    <Card variant="borderless" className="table-card">
      <Table<CampaignListItem>
        rowKey="id"
        dataSource={items}
        loading={state.status === 'loading'}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        data-testid="campaigns-table"
        locale={{ emptyText: m.list.empty }}
        scroll={{ x: 1500 }}
        onRow={(c) => ({ onClick: () => navigate(`/campaigns/${c.id}`), className: 'clickable-row' })}
        columns={[
          {
            title: m.list.name,
            key: 'name',
            width: 240,
            render: (_: unknown, c) => (
              <span className="campaign-name">
                <Link to={`/campaigns/${c.id}`} onClick={(e) => e.stopPropagation()}>
                  {c.name}
                </Link>
                {c.variants > 0 ? <span className="campaign-name__goal">{fill(m.list.variants, { n: c.variants })}</span> : null}
              </span>
            ),
          },
          {
            title: m.list.status,
            key: 'status',
            width: 170,
            render: (_: unknown, c) => (
              <Space size={4} wrap>
                <Tag color={statusColor[c.status]} data-testid="campaign-status">
                  {m.status[c.status] ?? c.status}
                </Tag>
                {c.status === 'draft' ? <Tag color={c.approved ? 'green' : 'gold'}>{c.approved ? m.approval.approved : m.approval.pending}</Tag> : null}
              </Space>
            ),
          },
          { title: m.list.channel, key: 'channel', width: 130, render: (_: unknown, c) => m.channel[c.channel] ?? c.channel },
          { title: m.list.segment, key: 'segment', width: 170, render: (_: unknown, c) => c.segmentName ?? '–' },
          { title: m.list.schedule, key: 'schedule', width: 150, render: (_: unknown, c) => (c.startsAt ? dayjs(c.startsAt).format('YYYY-MM-DD HH:mm') : m.list.now) },
          { title: m.list.ends, key: 'ends', width: 110, render: (_: unknown, c) => (c.endsAt ? dayjs(c.endsAt).format('YYYY-MM-DD') : '–') },
          { title: m.list.holdout, key: 'holdout', width: 80, align: 'right', render: (_: unknown, c) => `${c.holdoutPercent}%` },
          { title: m.list.targeted, key: 'targeted', width: 90, align: 'right', render: (_: unknown, c) => c.targeted.toLocaleString(locale) },
          { title: m.list.sent, key: 'sent', width: 90, align: 'right', render: (_: unknown, c) => c.sent.toLocaleString(locale) },
          { title: m.list.funded, key: 'funded', width: 90, align: 'right', render: (_: unknown, c) => c.funded.toLocaleString(locale) },
          { title: m.list.createdBy, key: 'createdBy', width: 150, render: (_: unknown, c) => who(c.createdBy, user, m.detail) },
        ]}
      />
    </Card>
  );

  return (
    <Page
      testId="campaigns-page"
      title={m.title}
      subtitle={m.subtitle}
      extra={
        <>
          <Link to="/campaigns/summary">
            <Button icon={<BarChartOutlined />}>{m.nav.summary}</Button>
          </Link>
          <Link to="/campaigns/settings">
            <Button icon={<SettingOutlined />}>{m.nav.settings}</Button>
          </Link>
          <Button icon={<ReloadOutlined />} onClick={reload}>
            {m.refresh}
          </Button>
          {canCreate ? (
            <Button type="primary" icon={<PlusOutlined />} data-testid="campaign-create" onClick={() => setCreating(true)}>
              {m.create}
            </Button>
          ) : null}
        </>
      }
    >
      {state.status === 'error' ? <Alert type="error" showIcon className="page__alert" message={errorMessage(state.error)} /> : null}
      <Tabs
        items={[
          { key: 'list', label: m.tabs.list, children: table },
          {
            key: 'calendar',
            label: <span data-testid="campaigns-calendar-tab">{m.tabs.calendar}</span>,
            children: (
              <Card variant="borderless" data-testid="campaigns-calendar">
                <Typography.Text type="secondary">{m.calendar.hint}</Typography.Text>
                <Calendar className="campaign-calendar" cellRender={(date, info) => (info.type === 'date' ? cell(date) : info.originNode)} />
              </Card>
            ),
          },
        ]}
      />
      {creating ? (
        <CampaignEditor
          campaign={null}
          onClose={() => setCreating(false)}
          onSaved={(id) => {
            setCreating(false);
            navigate(`/campaigns/${id}`);
          }}
        />
      ) : null}
    </Page>
  );
}
