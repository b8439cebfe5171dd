import { useMemo } from 'react';
import { Alert, Card, Col, Row, Table, Tooltip, Typography } from 'antd';
import { AimOutlined, DollarOutlined, RiseOutlined, SendOutlined, StopOutlined, TeamOutlined, TrophyOutlined, WalletOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import type { Proportion, Lift } from '@autofin/contracts';
import { Chart } from '../../ui/chart.tsx';
import { StatCard } from '../../ui/stat-card.tsx';
import { formatMoney } from '../../ui/format.ts';
import { useModuleMessages } from '../../i18n/module-messages.ts';
import { useLocale } from '../../i18n/locale-provider.tsx';
import { campaignsMessages, reasonText } from './campaigns.i18n.ts';
import type { CampaignArmResult, CampaignReport } from './campaigns.api.ts';
import { funnelOption, funnelSteps, suppressedOption } from './campaigns.charts.ts';
import { percent, pValue } from './campaign-format.ts';
import { fill } from './fill.ts';

function Rate({ p }: { p: Proportion }) {
  if (p.rate === null) return <span>–</span>;
  return (
    <span className="mono-num">
      {percent(p.rate, 2)}
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {' '}
        [{percent(p.low, 2)}, {percent(p.high, 2)}]
      </Typography.Text>
    </span>
  );
}

function LiftCell({ lift, m }: { lift: Lift | null | undefined; m: { significant: string; notSignificant: string; pValue: string; pp: string } }) {
  if (!lift) return <span>–</span>;
  const significant = lift.pValue !== null && lift.pValue < 0.05;
  const points = (v: number) => `${v >= 0 ? '+' : ''}${(v * 100).toFixed(2)}`;
  return (
    <span className="mono-num">
      <Typography.Text type={significant ? (lift.absolute > 0 ? 'success' : 'danger') : undefined} strong={significant}>
        {points(lift.absolute)} {m.pp}
      </Typography.Text>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {' '}
        [{points(lift.low)}, {points(lift.high)}]
      </Typography.Text>
      <br />
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {m.pValue} {pValue(lift.pValue)} · {significant ? m.significant : m.notSignificant}
      </Typography.Text>
    </span>
  );
}

/** The campaign's results: the balance of targeted customers, money, the funnel, why not sent, and the arms compared. */
export function CampaignReportView({ report }: { report: CampaignReport }) {
  const m = useModuleMessages(campaignsMessages);
  const { locale } = useLocale();
  const r = m.report;
  const suppressedTotal = Object.values(report.suppressed).reduce((s, n) => s + (n ?? 0), 0);
  const balance = report.holdout + report.sent + suppressedTotal;
  const steps = useMemo(() => funnelSteps(report), [report]);
  const funnel = useMemo(() => funnelOption(steps, r.funnelStages, (rate) => fill(r.ofPrevious, { rate }), locale), [steps, r, locale]);
  const suppressedRows = Object.entries(report.suppressed)
    .filter(([, n]) => (n ?? 0) > 0)
    .map(([reason, n]) => ({ reason, label: reasonText(m, reason), count: n ?? 0 }))
    .sort((a, b) => b.count - a.count);
  const suppressedChart = useMemo(() => suppressedOption(suppressedRows, locale), [suppressedRows, locale]);
  const count = (n: number) => n.toLocaleString(locale);
  const incremental =
    report.incrementalFunded === null
      ? '–'
      : `${report.incrementalFunded >= 0 ? '+' : ''}${report.incrementalFunded.toFixed(1)}`;
  const incrementalNote =
    report.incrementalFundedLow !== null && report.incrementalFundedHigh !== null ? `95% CI [${report.incrementalFundedLow.toFixed(1)}, ${report.incrementalFundedHigh.toFixed(1)}]` : undefined;

  return (
    <div data-testid="campaign-report">
      <Typography.Paragraph type="secondary">{fill(r.asOf, { time: dayjs(report.asOf).format('YYYY-MM-DD HH:mm') })}</Typography.Paragraph>
      <Row gutter={[16, 16]}>
        <Col xs={12} xl={6}>
          <StatCard label={r.targeted} value={count(report.targeted)} icon={<AimOutlined />} tone="blue" testId="report-targeted" />
        </Col>
        <Col xs={12} xl={6}>
          <StatCard label={r.holdout} value={count(report.holdout)} icon={<TeamOutlined />} tone="slate" testId="report-holdout" />
        </Col>
        <Col xs={12} xl={6}>
          <StatCard label={r.sent} value={count(report.sent)} icon={<SendOutlined />} tone="green" testId="report-sent" />
        </Col>
        <Col xs={12} xl={6}>
          <StatCard label={r.suppressed} value={count(suppressedTotal)} icon={<StopOutlined />} tone="orange" testId="report-suppressed" />
        </Col>
      </Row>
      <div className="campaign-identity" style={{ margin: '10px 0 16px' }}>
        {balance === report.targeted ? (
          <Typography.Text type="secondary" data-testid="report-identity">
            {fill(r.identity, { targeted: count(report.targeted), holdout: count(report.holdout), sent: count(report.sent), suppressed: count(suppressedTotal) })}
          </Typography.Text>
        ) : (
          <Alert type="error" showIcon data-testid="report-identity" message={fill(r.identityBroken, { targeted: count(report.targeted), sum: count(balance) })} />
        )}
      </div>
      <Row gutter={[16, 16]}>
        <Col xs={12} xl={6}>
          <StatCard label={r.cost} value={formatMoney(report.cost)} icon={<WalletOutlined />} tone="purple" testId="report-cost" />
        </Col>
        <Col xs={12} xl={6}>
          <StatCard label={r.costPerFunded} value={report.costPerFunded ? formatMoney(report.costPerFunded) : '–'} icon={<DollarOutlined />} tone="cyan" />
        </Col>
        <Col xs={12} xl={6}>
          <StatCard label={r.incremental} value={incremental} note={incrementalNote} hint={r.incrementalHint} icon={<TrophyOutlined />} tone="green" testId="report-incremental" />
        </Col>
        <Col xs={12} xl={6}>
          <StatCard label={r.roi} value={report.roi === null ? '–' : percent(report.roi, 1)} hint={r.roiHint} note={`${r.fundedAmount} ${formatMoney(report.fundedAmount)}`} icon={<RiseOutlined />} tone="orange" />
        </Col>
      </Row>

      <Row gutter={[16, 16]} className="campaign-section">
        <Col xs={24} xl={14}>
          <Chart title={r.funnel} option={funnel} height={320} testId="chart-campaign-funnel" />
        </Col>
        <Col xs={24} xl={10}>
          <Chart
            title={r.suppressedTitle}
            option={suppressedChart}
            height={320}
            empty={suppressedRows.length === 0}
            emptyText={r.suppressedNone}
            testId="chart-campaign-suppressed"
          />
        </Col>
      </Row>
      {suppressedRows.length > 0 ? (
        <Table
          className="campaign-section"
          size="small"
          rowKey="reason"
          pagination={false}
          data-testid="report-suppressed-table"
          dataSource={suppressedRows}
          columns={[
            { title: r.reason, dataIndex: 'label', render: (label: string, row) => <Tooltip title={row.reason}>{label}</Tooltip> },
            { title: r.customers, dataIndex: 'count', align: 'right', width: 140, render: (n: number) => count(n) },
          ]}
        />
      ) : null}

      <Card variant="borderless" className="campaign-section" title={r.arms} data-testid="report-arms">
        {report.sampleRatio ? (
          <Alert
            style={{ marginBottom: 12 }}
            showIcon
            type={report.sampleRatio.mismatch ? 'error' : 'success'}
            data-testid="report-srm"
            message={fill(report.sampleRatio.mismatch ? r.srmFail : r.srmOk, { p: pValue(report.sampleRatio.pValue) })}
          />
        ) : null}
        <Table<CampaignArmResult>
          size="small"
          rowKey="key"
          pagination={false}
          scroll={{ x: 980 }}
          dataSource={report.arms}
          columns={[
            { title: r.arm, key: 'arm', fixed: 'left', width: 120, render: (_: unknown, a) => (a.kind === 'holdout' ? <b>{r.armHoldout}</b> : a.key === 'main' ? r.armMain : a.name) },
            { title: r.customers, key: 'customers', align: 'right', width: 90, render: (_: unknown, a) => count(a.customers) },
            { title: r.applicationRate, key: 'app', width: 150, render: (_: unknown, a) => <Rate p={a.rates.application} /> },
            { title: r.approvalRate, key: 'approval', width: 150, render: (_: unknown, a) => <Rate p={a.rates.approval} /> },
            { title: r.fundingRate, key: 'funding', width: 150, render: (_: unknown, a) => <Rate p={a.rates.funding} /> },
            { title: r.lift, key: 'lift', width: 200, render: (_: unknown, a) => (a.kind === 'holdout' ? '–' : <LiftCell lift={a.lift?.funding} m={r} />) },
            { title: r.revenuePerCustomer, key: 'rpc', align: 'right', width: 100, render: (_: unknown, a) => (a.revenuePerCustomer ? formatMoney(a.revenuePerCustomer) : '–') },
          ]}
        />
        <Typography.Paragraph type="secondary" style={{ marginTop: 8, fontSize: 12.5 }}>
          {r.ciNote}
        </Typography.Paragraph>
      </Card>
    </div>
  );
}
