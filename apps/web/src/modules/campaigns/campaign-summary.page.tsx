import { useMemo, useState } from 'react';
import { Alert, Button, Card, Segmented, Table } from 'antd';
import { ArrowLeftOutlined, ReloadOutlined } from '@ant-design/icons';
import { Link } from 'react-router-dom';
import { Page } from '../../ui/page.tsx';
import { Chart } from '../../ui/chart.tsx';
import { useLoad } from '../../ui/use-load.ts';
import { formatMoney } from '../../ui/format.ts';
import { useErrorMessage } from '../../api/use-error-message.ts';
import { useModuleMessages } from '../../i18n/module-messages.ts';
import { useLocale } from '../../i18n/locale-provider.tsx';
import { campaignsMessages } from './campaigns.i18n.ts';
import { fetchSummary, type SummaryRow } from './campaigns.api.ts';
import { summaryOption } from './campaigns.charts.ts';
import { fenText, groupSummary, type SummaryGroup } from './summary-groups.ts';
import './campaigns.css';

/** Every launched campaign added up per channel or per segment: reach and cost. */
export function CampaignSummaryPage() {
  const m = useModuleMessages(campaignsMessages);
  const s = m.summary;
  const { locale } = useLocale();
  const errorMessage = useErrorMessage();
  const [state, reload] = useLoad(fetchSummary);
  const [by, setBy] = useState<'channel' | 'segment'>('channel');
  const rows: SummaryRow[] = useMemo(() => state.data?.items ?? [], [state.data]);
  const groups = useMemo(() => groupSummary(rows, by, (key) => (by === 'channel' ? (m.channel[key] ?? key) : key)), [rows, by, m.channel]);
  const chart = useMemo(
    () =>
      summaryOption(
        groups.map((g) => ({
          label: g.label,
          primary: g.sent,
          perUnit: g.sent > 0 ? Number(g.costFen) / 100 / g.sent : null,
        })),
        { primary: m.report.sent, perUnit: s.costPerSent },
      ),
    [groups, m, s],
  );
  const count = (n: number) => n.toLocaleString(locale);

  return (
    <Page
      testId="campaign-summary-page"
      title={s.title}
      subtitle={s.subtitle}
      extra={
        <>
          <Link to="/campaigns">
            <Button icon={<ArrowLeftOutlined />}>{m.detail.back}</Button>
          </Link>
          <Button icon={<ReloadOutlined />} onClick={reload}>
            {m.refresh}
          </Button>
        </>
      }
    >
      {state.status === 'error' ? <Alert type="error" showIcon className="page__alert" message={errorMessage(state.error)} /> : null}
      <Segmented
        value={by}
        onChange={(v) => setBy(v as 'channel' | 'segment')}
        options={[
          { value: 'channel', label: s.byChannel },
          { value: 'segment', label: s.bySegment },
        ]}
        style={{ marginBottom: 16 }}
        data-testid="summary-by"
      />
      <Chart title={s.chartSent} option={chart} height={300} loading={state.status === 'loading' && !state.data} empty={groups.length === 0} emptyText={s.empty} testId="chart-campaign-summary" />
      <Card variant="borderless" className="table-card campaign-section">
        <Table<SummaryGroup>
          rowKey="key"
          size="small"
          pagination={false}
          loading={state.status === 'loading'}
          dataSource={groups}
          data-testid="summary-table"
          locale={{ emptyText: s.empty }}
          columns={[
            { title: by === 'channel' ? m.list.channel : m.list.segment, dataIndex: 'label' },
            { title: s.campaigns, dataIndex: 'campaigns', align: 'right', render: count },
            { title: m.report.targeted, dataIndex: 'targeted', align: 'right', render: count },
            { title: m.report.holdout, dataIndex: 'holdout', align: 'right', render: count },
            { title: m.report.sent, dataIndex: 'sent', align: 'right', render: count },
            { title: m.report.funnelStages.delivered ?? '', dataIndex: 'delivered', align: 'right', render: count },
            { title: m.report.funnelStages.clicked ?? '', dataIndex: 'clicked', align: 'right', render: count },
            { title: m.report.suppressed, dataIndex: 'suppressed', align: 'right', render: count },
            { title: m.report.cost, key: 'cost', align: 'right', render: (_: unknown, g) => formatMoney(fenText(g.costFen)) },
          ]}
        />
      </Card>
    </Page>
  );
}

