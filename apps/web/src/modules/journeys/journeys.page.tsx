import { useMemo, useState } from 'react';
import { Alert, Button, Card, Space, Table, Tag } from 'antd';
import { PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { Link, useNavigate } from 'react-router-dom';
import type { Journey } from '@autofin/contracts';
import { Page } from '../../ui/page.tsx';
import { useLoad } from '../../ui/use-load.ts';
import { useErrorMessage } from '../../api/use-error-message.ts';
import { useModuleMessages } from '../../i18n/module-messages.ts';
import { useLocale } from '../../i18n/locale-provider.tsx';
import { useCurrentUser, hasAnyRole } from '../auth/session.tsx';
import { fetchSegments } from '../segments/segments.api.ts';
import { journeysMessages } from './journeys.i18n.ts';
import { fetchJourneys, JOURNEY_EDITORS } from './journeys.api.ts';
import { JourneyEditor } from './journey-editor.tsx';
import { durationText, triggerText } from './journey-text.ts';
import '../campaigns/campaigns.css';

export const journeyStatusColor: Record<string, string> = { draft: 'default', approved: 'gold', active: 'green', paused: 'orange', archived: 'default' };

function loadAll(signal: AbortSignal) {
  return Promise.all([fetchJourneys(signal), fetchSegments(signal).catch(() => ({ items: [] }))]).then(([j, s]) => ({ journeys: j.items, segments: s.items }));
}

export function JourneysPage() {
  const m = useModuleMessages(journeysMessages);
  const { locale } = useLocale();
  const user = useCurrentUser();
  const navigate = useNavigate();
  const errorMessage = useErrorMessage();
  const [state, reload] = useLoad(loadAll);
  const [creating, setCreating] = useState(false);
  const segmentNames = useMemo(() => new Map((state.data?.segments ?? []).map((s) => [s.id, locale === 'en-US' ? (s.nameEn ?? s.name) : s.name])), [state.data, locale]);
  const segmentName = (id: string) => segmentNames.get(id) ?? id.slice(0, 8);

  return (
    <Page
      testId="journeys-page"
      title={m.title}
      subtitle={m.subtitle}
      extra={
        <>
          <Button icon={<ReloadOutlined />} onClick={reload}>
            {m.refresh}
          </Button>
          {hasAnyRole(user, JOURNEY_EDITORS) ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="journey-create">
              {m.create}
            </Button>
          ) : null}
        </>
      }
    >
      {state.status === 'error' ? <Alert type="error" showIcon className="page__alert" message={errorMessage(state.error)} /> : null}
      <Card variant="borderless" className="table-card">
        <Table<Journey>
          rowKey="id"
          loading={state.status === 'loading'}
          dataSource={state.data?.journeys ?? []}
          pagination={false}
          data-testid="journeys-table"
          locale={{ emptyText: m.list.empty }}
          onRow={(j) => ({ onClick: () => navigate(`/journeys/${j.id}`), className: 'clickable-row' })}
          columns={[
            {
              title: m.list.name,
              key: 'name',
              render: (_: unknown, j) => (
                <Space>
                  <Link to={`/journeys/${j.id}`} onClick={(e) => e.stopPropagation()}>
                    {j.definition.name}
                  </Link>
                  {j.demo ? <Tag color="purple">{m.demoData}</Tag> : null}
                </Space>
              ),
            },
            { title: m.list.status, key: 'status', width: 110, render: (_: unknown, j) => <Tag color={journeyStatusColor[j.status]}>{m.status[j.status] ?? j.status}</Tag> },
            { title: m.list.trigger, key: 'trigger', render: (_: unknown, j) => triggerText(m, j.definition.trigger, segmentName) },
            {
              title: m.list.steps,
              key: 'steps',
              render: (_: unknown, j) => j.definition.steps.map((s) => (s.type === 'wait' ? durationText(m, s.hours) : m.step[s.type])).join(' → '),
            },
            { title: m.list.version, key: 'version', width: 80, align: 'right', render: (_: unknown, j) => `v${j.version}` },
            { title: m.list.updated, key: 'updated', width: 150, render: (_: unknown, j) => dayjs(j.updatedAt).format('YYYY-MM-DD HH:mm') },
          ]}
        />
      </Card>
      {creating ? (
        <JourneyEditor
          journey={null}
          onClose={() => setCreating(false)}
          onSaved={(j) => {
            setCreating(false);
            navigate(`/journeys/${j.id}`);
          }}
        />
      ) : null}
    </Page>
  );
}
