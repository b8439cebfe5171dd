import { useCallback, useEffect, useMemo, useState } from 'react';
import { Alert, Card, Col, Descriptions, Row, Segmented, Select, Skeleton, Space, Statistic, Table, Tag, Tooltip, Typography } from 'antd';
import { ArrowLeftOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { Link, useParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import type { ModelDetail, ModelPsi, ScorecardBin } from '@autofin/contracts';
import { Page } from '../../ui/page.tsx';
import { Chart } from '../../ui/chart.tsx';
import { useLoad } from '../../ui/use-load.ts';
import { useErrorMessage } from '../../api/use-error-message.ts';
import { useModuleMessages } from '../../i18n/module-messages.ts';
import { label, useLocale } from '../../i18n/locale-provider.tsx';
import { decisioningMessages } from './decisioning.i18n.ts';
import { fetchModel, fetchModelPsi } from './decisioning.api.ts';
import { PSI_COLORS, bandLabel, binWoeOption, calibrationOption, psiBarsOption, psiDistributionOption, scoreDistributionOption } from './decisioning.charts.ts';
import { modelName, statusColor } from './models.page.tsx';
import './decisioning.css';

const pct = (x: number | null, places = 1) => (x === null ? '—' : `${(x * 100).toFixed(places)}%`);
const f3 = (x: number | null) => (x === null ? '—' : x.toFixed(3));

/** One model: its report (performance, calibration, bins with WOE/IV/points, variables) and its PSI against recent applications. */
export function ModelPage() {
  const { id = '' } = useParams();
  const d = useModuleMessages(decisioningMessages);
  const m = d.model;
  const { t } = useTranslation('decisioning');
  const { locale } = useLocale();
  const errorMessage = useErrorMessage();
  const load = useCallback((signal: AbortSignal) => fetchModel(id, signal), [id]);
  const [state] = useLoad(load);
  const model = state.data;
  const [woeOf, setWoeOf] = useState<string | null>(null);
  useEffect(() => {
    if (model && !woeOf) setWoeOf(model.scorecard[0]?.name ?? null);
  }, [model, woeOf]);

  return (
    <Page
      testId="model-page"
      title={model ? modelName(model) : d.models.title}
      subtitle={model?.name}
      tags={
        model ? (
          <Space size={4}>
            <Tag color={statusColor[model.status]} data-testid="model-status">
              {label(d.models.status, model.status)}
              {model.status === 'challenger' && model.trafficShare !== null ? ` · ${pct(model.trafficShare, 0)}` : ''}
            </Tag>
            {model.demo ? (
              <Tooltip title={d.demoHint}>
                <Tag color="orange">{d.demoData}</Tag>
              </Tooltip>
            ) : null}
          </Space>
        ) : null
      }
      extra={
        <Link to="/decisioning/models">
          <ArrowLeftOutlined /> {m.back}
        </Link>
      }
    >
      {state.status === 'error' ? <Alert type="error" showIcon className="page__alert" message={errorMessage(state.error)} /> : null}
      {!model ? (
        <Card variant="borderless">
          <Skeleton active paragraph={{ rows: 10 }} />
        </Card>
      ) : (
        <Space direction="vertical" size={16} style={{ width: '100%' }}>
          <Card variant="borderless" title={m.summary}>
            <Row gutter={[16, 16]}>
              <Col xs={12} md={6}>
                <Statistic title="AUC" value={f3(model.auc)} />
              </Col>
              <Col xs={12} md={6}>
                <Statistic title="KS" value={f3(model.ks)} />
              </Col>
              <Col xs={12} md={6}>
                <Statistic title="Gini" value={f3(model.gini)} />
              </Col>
              <Col xs={12} md={6}>
                <Statistic title={model.holdoutAuc !== null ? m.holdoutAuc : m.cvAuc} value={model.holdoutAuc !== null ? `${f3(model.holdoutAuc)} / ${f3(model.holdoutKs)}` : f3(model.cvAuc)} />
              </Col>
            </Row>
            <Descriptions size="small" column={{ xs: 1, md: 2 }} className="model-descriptions">
              <Descriptions.Item label={m.dataSource}>{model.dataSource}</Descriptions.Item>
              <Descriptions.Item label={m.badDefinition}>
                {model.target} = {model.badValue} · {model.trainingRows.toLocaleString()} / {pct(model.badRate, 2)}
              </Descriptions.Item>
              <Descriptions.Item label={m.trainedAt}>{dayjs(model.trainedAt).format('YYYY-MM-DD HH:mm')}</Descriptions.Item>
              <Descriptions.Item label={m.scaling}>
                {t('model.scalingText', { base: model.scaling.baseScore, odds: model.scaling.baseOdds, pdo: model.scaling.pdo })} · {m.basePoints} {model.basePoints}
              </Descriptions.Item>
              <Descriptions.Item label={m.tuning} span={2}>
                {model.tuning
                  ? t('model.tuningText', { folds: model.tuning.folds, coding: model.tuning.chosen.coding, share: model.tuning.chosen.minBinShare, iv: model.tuning.chosen.minIv, l2: model.tuning.chosen.l2 })
                  : m.noTuning}
              </Descriptions.Item>
              {model.notes ? <Descriptions.Item label={d.models.notes} span={2}>{model.notes}</Descriptions.Item> : null}
            </Descriptions>
          </Card>

          <Row gutter={[16, 16]}>
            <Col xs={24} xl={12}>
              <Chart title={m.scoreDistribution} option={scoreDistributionOption(model, m)} testId="chart-score-distribution" height={280} />
            </Col>
            <Col xs={24} xl={12}>
              <Chart title={m.calibration} option={calibrationOption(model, m)} testId="chart-calibration" height={280} />
            </Col>
          </Row>

          <PsiPanel model={model} />

          <Row gutter={[16, 16]}>
            <Col xs={24} xl={10}>
              <Chart
                title={woeOf ? t('model.binWoe', { name: woeOf }) : m.woe}
                extra={<Select size="small" style={{ width: 180 }} value={woeOf} onChange={setWoeOf} options={model.scorecard.map((c) => ({ value: c.name, label: c.name }))} data-testid="woe-characteristic" />}
                option={binWoeOption(model, woeOf ?? '', locale, m)}
                testId="chart-bin-woe"
                height={300}
              />
            </Col>
            <Col xs={24} xl={14}>
              <BinTable model={model} />
            </Col>
          </Row>

          <Card variant="borderless" title={m.calibration}>
            <Table
              size="small"
              rowKey={(b) => `${b.from}-${b.to}`}
              pagination={false}
              dataSource={model.training.calibration}
              columns={[
                { title: m.band, key: 'band', render: (_, b) => bandLabel(b.from, b.to) },
                { title: m.count, dataIndex: 'count', align: 'right' },
                { title: m.bads, dataIndex: 'bads', align: 'right' },
                { title: m.observed, dataIndex: 'observedBadRate', align: 'right', render: (v: number | null) => pct(v, 2) },
                { title: m.predicted, dataIndex: 'meanPd', align: 'right', render: (v: number | null) => pct(v, 2) },
              ]}
            />
          </Card>

          <Card variant="borderless" title={m.variables}>
            <Table
              size="small"
              rowKey="name"
              pagination={false}
              dataSource={[...model.variables].sort((a, b) => b.iv - a.iv)}
              columns={[
                { title: m.characteristic, dataIndex: 'name' },
                { title: m.iv, dataIndex: 'iv', align: 'right', render: (v: number) => v.toFixed(4) },
                { title: m.bin, dataIndex: 'bins', align: 'right' },
                { title: m.selected, dataIndex: 'selected', render: (v: boolean) => (v ? <Tag color="green">✓</Tag> : null) },
                { title: m.dropped, dataIndex: 'dropped', render: (v: string | null) => v ?? '' },
              ]}
            />
          </Card>
        </Space>
      )}
    </Page>
  );
}

interface BinRow extends ScorecardBin {
  key: string;
  characteristic: string;
  first: boolean;
  span: number;
  civ: number;
}

function BinTable({ model }: { model: ModelDetail }) {
  const m = useModuleMessages(decisioningMessages).model;
  const { locale } = useLocale();
  const rows = useMemo<BinRow[]>(
    () =>
      model.scorecard.flatMap((c) =>
        c.bins.map((b, i) => ({ ...b, key: `${c.name}-${i}`, characteristic: c.name, first: i === 0, span: c.bins.length, civ: c.iv })),
      ),
    [model],
  );
  return (
    <Card variant="borderless" title={m.bins} className="bin-table">
      <Table<BinRow>
        size="small"
        rowKey="key"
        pagination={false}
        dataSource={rows}
        scroll={{ y: 420 }}
        data-testid="bin-table"
        columns={[
          { title: m.characteristic, key: 'c', width: 150, onCell: (r) => ({ rowSpan: r.first ? r.span : 0 }), render: (_, r) => <span><b>{r.characteristic}</b><br /><Typography.Text type="secondary">IV {r.civ.toFixed(3)}</Typography.Text></span> },
          { title: m.bin, key: 'bin', render: (_, r) => (locale === 'zh-CN' ? r.label.zh : r.label.en) },
          { title: m.count, dataIndex: 'count', align: 'right', width: 70 },
          { title: m.badRate, key: 'br', align: 'right', width: 80, render: (_, r) => pct(r.count > 0 ? r.bads / r.count : null, 1) },
          { title: m.woe, dataIndex: 'woe', align: 'right', width: 70, render: (v: number) => v.toFixed(3) },
          { title: m.iv, dataIndex: 'iv', align: 'right', width: 70, render: (v: number) => v.toFixed(4) },
          { title: m.points, dataIndex: 'points', align: 'right', width: 60, render: (v: number) => <b>{v}</b> },
        ]}
      />
    </Card>
  );
}

function PsiPanel({ model }: { model: ModelDetail }) {
  const d = useModuleMessages(decisioningMessages);
  const p = d.psi;
  const { t } = useTranslation('decisioning');
  const { locale } = useLocale();
  const errorMessage = useErrorMessage();
  const [days, setDays] = useState(30);
  const load = useCallback((signal: AbortSignal) => fetchModelPsi(model.id, days, signal), [model.id, days]);
  const [state] = useLoad(load);
  const psi: ModelPsi | undefined = state.data;
  const [focus, setFocus] = useState<string | null>(null);
  const focused = psi ? (focus && focus !== p.score ? psi.characteristics.find((c) => c.name === focus) : null) : null;
  const bins = focused ? focused.bins : (psi?.score.bins ?? []);
  const fmt = (s: string) => dayjs(s).format('YYYY-MM-DD');

  return (
    <Card
      variant="borderless"
      title={p.title}
      data-testid="psi-panel"
      extra={
        <Space>
          <span className="mini-label">{p.days}</span>
          <Segmented size="small" value={days} onChange={(v) => setDays(Number(v))} options={[30, 90, 180, 365].map((x) => ({ value: x, label: String(x) }))} data-testid="psi-days" />
        </Space>
      }
    >
      {state.status === 'error' ? <Alert type="error" showIcon message={errorMessage(state.error)} /> : null}
      <Alert type="info" showIcon className="page__alert" message={p.bands} />
      {psi ? (
        <>
          <Typography.Paragraph type="secondary" data-testid="psi-window">
            {t('psi.window', { n: psi.applications.toLocaleString(), from: fmt(psi.from), to: fmt(psi.to) })} {psi.source === 'demo_market' ? <Tag color="orange">{d.demoData}</Tag> : null}
            {psi.source === 'demo_market' ? p.sourceDemo : p.sourceDecisions}
          </Typography.Paragraph>
          <Space size={24} className="psi-headline">
            <Statistic title={p.score} value={psi.score.psi === null ? '—' : psi.score.psi.toFixed(4)} valueStyle={{ color: psi.score.band ? PSI_COLORS[psi.score.band] : undefined }} />
            {psi.score.band ? <Tag color={psi.score.band === 'stable' ? 'green' : psi.score.band === 'watch' ? 'orange' : 'red'} data-testid="psi-score-band">{label(p.band, psi.score.band)}</Tag> : null}
          </Space>
          <Row gutter={[16, 16]}>
            <Col xs={24} xl={13}>
              <Chart
                title={p.perCharacteristic}
                extra={<Typography.Text type="secondary">{p.pick}</Typography.Text>}
                option={psiBarsOption(psi, { score: p.score })}
                empty={psi.applications === 0}
                emptyText={p.none}
                testId="chart-psi"
                height={300}
              />
              <div className="psi-picker">
                <Segmented
                  size="small"
                  value={focus ?? p.score}
                  onChange={(v) => setFocus(String(v))}
                  options={[p.score, ...psi.characteristics.map((c) => c.name)]}
                  data-testid="psi-focus"
                />
              </div>
            </Col>
            <Col xs={24} xl={11}>
              <Chart
                title={t('psi.distribution', { name: focused ? focused.name : p.score })}
                option={psiDistributionOption(bins, locale, p)}
                empty={psi.applications === 0}
                emptyText={p.none}
                testId="chart-psi-distribution"
                height={300}
              />
            </Col>
          </Row>
        </>
      ) : (
        <Skeleton active paragraph={{ rows: 6 }} />
      )}
    </Card>
  );
}
