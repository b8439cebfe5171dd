import { Alert, Button, Card, Col, Row, Select, Space, Statistic, Table, Tag, Tooltip, Typography } from 'antd';
import { ExperimentOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { WhatIfRun, WhatIfStrategySummary } from '@autofin/contracts';
import { Chart } from '../../ui/chart.tsx';
import { formatMoney } from '../../ui/format.ts';
import { useModuleMessages } from '../../i18n/module-messages.ts';
import { label } from '../../i18n/locale-provider.tsx';
import { decisioningMessages } from './decisioning.i18n.ts';
import { whatIfRatesOption, whatIfTiersOption } from './decisioning.charts.ts';

const pct = (x: number | null, places = 1) => (x === null ? '—' : `${(x * 100).toFixed(places)}%`);

interface Props {
  run: WhatIfRun | null;
  stale: boolean;
  busy: boolean;
  canRun: boolean;
  days: number;
  onDays: (days: number) => void;
  onRun: () => void;
  error: string | null;
}

function delta(a: number | null, b: number | null): string {
  if (a === null || b === null) return '';
  const pp = (b - a) * 100;
  return `${pp >= 0 ? '+' : ''}${pp.toFixed(2)} pp`;
}

/** Published vs draft over the same past applications: the figures, two charts, and what changes. */
export function WhatIfPanel({ run, stale, busy, canRun, days, onDays, onRun, error }: Props) {
  const d = useModuleMessages(decisioningMessages);
  const w = d.whatIf;
  const { t } = useTranslation('decisioning');
  const names = run ? { published: t('whatIf.published', { version: run.baselineVersion }), candidate: run.candidateVersion ? `${w.candidate} v${run.candidateVersion}` : w.candidate } : null;
  const figure = (title: string, pick: (s: WhatIfStrategySummary) => number | null, testId: string) =>
    run ? (
      <Col xs={12} md={8}>
        <Statistic title={title} value={pct(pick(run.result.candidate), 2)} suffix={<Typography.Text type="secondary" style={{ fontSize: 13 }}>{`${pct(pick(run.result.baseline), 2)} → ${delta(pick(run.result.baseline), pick(run.result.candidate))}`}</Typography.Text>} data-testid={testId} />
      </Col>
    ) : null;

  return (
    <Card
      variant="borderless"
      title={w.title}
      data-testid="what-if-panel"
      extra={
        <Space>
          <span className="mini-label">{w.days}</span>
          <Select size="small" style={{ width: 90 }} value={days} onChange={onDays} options={[30, 90, 180, 365].map((x) => ({ value: x, label: String(x) }))} data-testid="what-if-days" />
          <Button type="primary" icon={<ExperimentOutlined />} loading={busy} disabled={!canRun} onClick={onRun} data-testid="what-if-run">
            {w.run}
          </Button>
        </Space>
      }
    >
      <Typography.Paragraph type="secondary">{w.hint}</Typography.Paragraph>
      {error ? <Alert type="error" showIcon className="page__alert" message={error} data-testid="what-if-error" /> : null}
      {stale && run ? <Alert type="warning" showIcon className="page__alert" message={w.stale} data-testid="what-if-stale" /> : null}
      {run && names ? (
        <div data-testid="what-if-result">
          <Typography.Paragraph type="secondary">
            {t('whatIf.source', { n: run.applications.toLocaleString(), from: run.from ? dayjs(run.from).format('YYYY-MM-DD') : '—', to: run.to ? dayjs(run.to).format('YYYY-MM-DD') : '—' })}{' '}
            {run.source === 'demo_market' ? (
              <>
                <Tag color="orange">{d.demoData}</Tag>
                {w.sourceDemo}
              </>
            ) : (
              w.sourceDecisions
            )}{' '}
            {t('whatIf.ranAt', { at: dayjs(run.runAt).format('YYYY-MM-DD HH:mm'), n: run.applications })}
          </Typography.Paragraph>
          <Row gutter={[16, 16]} className="what-if-figures">
            {figure(w.approvalRate, (s) => s.approvalRate, 'what-if-approval')}
            {figure(w.expectedBadRate, (s) => s.expectedBadRate, 'what-if-bad-rate')}
            <Col xs={24} md={8}>
              <Statistic title={w.approvedAmount} value={formatMoney(run.result.candidate.approvedLoanAmount)} suffix={<Typography.Text type="secondary" style={{ fontSize: 13 }}>{formatMoney(run.result.baseline.approvedLoanAmount)}</Typography.Text>} />
            </Col>
          </Row>
          <Row gutter={[16, 16]}>
            <Col xs={24} xl={10}>
              <Chart title={`${w.approvalRate} · ${w.expectedBadRate}`} option={whatIfRatesOption(run, { ...w, ...names })} testId="chart-what-if-rates" height={260} />
            </Col>
            <Col xs={24} xl={14}>
              <Chart title={w.perTier} option={whatIfTiersOption(run, { ...w, ...names })} testId="chart-what-if-tiers" height={260} />
            </Col>
          </Row>
          <Table
            size="small"
            className="what-if-outcomes"
            rowKey="status"
            pagination={false}
            style={{ marginTop: 12 }}
            dataSource={(['approved', 'conditionally_approved', 'referred', 'declined'] as const).map((st) => ({ status: st, before: run.result.baseline.byStatus[st] ?? 0, after: run.result.candidate.byStatus[st] ?? 0 }))}
            columns={[
              { title: w.outcomes, dataIndex: 'status', render: (v: string) => label(w.statuses, v) },
              { title: names.published, dataIndex: 'before', align: 'right' },
              { title: names.candidate, dataIndex: 'after', align: 'right' },
              { title: 'Δ', key: 'd', align: 'right', render: (_, r) => (r.after - r.before === 0 ? '' : `${r.after - r.before > 0 ? '+' : ''}${r.after - r.before}`) },
            ]}
          />
          <Typography.Title level={5} style={{ marginTop: 16 }} data-testid="what-if-changed">
            {t('whatIf.changed', { n: run.changedCount })}
          </Typography.Title>
          {run.result.transitions.length > 0 ? (
            <Table
              size="small"
              rowKey={(r) => `${r.from}>${r.to}`}
              pagination={false}
              dataSource={run.result.transitions}
              columns={[
                { title: w.transitions, key: 'ft', render: (_, r) => `${label(w.statuses, r.from)} → ${label(w.statuses, r.to)}` },
                { title: '#', dataIndex: 'count', align: 'right' },
              ]}
            />
          ) : null}
          {run.result.changed.length > 0 ? (
            <Table
              size="small"
              style={{ marginTop: 12 }}
              title={() => w.examples}
              rowKey="applicationId"
              pagination={{ pageSize: 8, size: 'small' }}
              dataSource={run.result.changed}
              columns={[
                { title: w.application, dataIndex: 'applicationId', render: (v: string) => <Tooltip title={v}><Typography.Text code>…{v.slice(-12)}</Typography.Text></Tooltip> },
                { title: w.transitions, key: 'ft', render: (_, r) => `${label(w.statuses, r.from)} → ${label(w.statuses, r.to)}` },
                { title: names.published, dataIndex: 'fromReasons', render: (v: string[]) => v.map((c) => <Tag key={c}>{c}</Tag>) },
                { title: names.candidate, dataIndex: 'toReasons', render: (v: string[]) => v.map((c) => <Tag key={c}>{c}</Tag>) },
              ]}
            />
          ) : null}
        </div>
      ) : null}
    </Card>
  );
}
