// The decision audit as a risk analyst or a regulator reads it: every rule with its outcome and
// the value it measured against its threshold, the figures measured, the data used, and the
// time each stage took. Rules that did not pass are tinted; the full input is one click away.
import { useMemo, useState } from 'react';
import { Collapse, Descriptions, Empty, Space, Switch, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import type { DecisionAudit, RuleResult } from '@autofin/contracts';
import { formatMoney } from '../../ui/format.ts';
import { JsonView } from '../../ui/json-view.tsx';
import { labelOf, type AppMessages } from './application-format.tsx';

const outcomeColor: Record<RuleResult['outcome'], string> = { pass: 'green', decline: 'red', refer: 'orange', condition: 'gold', skipped: 'default' };

const unitSuffix: Record<NonNullable<RuleResult['unit']>, { zh: string; en: string }> = {
  percent: { zh: '%', en: '%' },
  yuan: { zh: ' 元', en: ' yuan' },
  years: { zh: ' 岁/年', en: ' years' },
  months: { zh: ' 个月', en: ' months' },
  count: { zh: ' 次', en: '' },
  ratio: { zh: '', en: '' },
  score: { zh: ' 分', en: ' points' },
  flag: { zh: '', en: '' },
};

function withUnit(value: string | null, unit: RuleResult['unit'], zh: boolean): string {
  if (value === null) return '–';
  if (unit === 'yuan') return formatMoney(value);
  return unit ? `${value}${zh ? unitSuffix[unit].zh : unitSuffix[unit].en}` : value;
}

function measureText(key: string, value: unknown): string {
  if (value === null || value === undefined) return '–';
  if (typeof value === 'string' && /^-?\d+\.\d{2}$/.test(value) && ['loanAmount', 'vehicleValue', 'monthlyIncome', 'instalment'].includes(key)) return formatMoney(value);
  if (typeof value === 'string' && ['pti', 'dti', 'ltv'].includes(key)) return `${value}%`;
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

/** Measures that reveal L3 data (declared income) are hidden while the application is shown masked. */
const L3_MEASURES = new Set(['monthlyIncome']);

export function DecisionAuditView({ audit, m, zh, masked }: { audit: DecisionAudit | null; m: AppMessages; zh: boolean; masked: boolean }) {
  const [onlyHits, setOnlyHits] = useState(false);
  const rules = useMemo(() => (audit ? (onlyHits ? audit.rules.filter((r) => r.outcome !== 'pass' && r.outcome !== 'skipped') : audit.rules) : []), [audit, onlyHits]);
  if (!audit) return <Empty description={m.audit.none} />;

  const columns: TableColumnsType<RuleResult> = [
    { title: m.audit.stage, dataIndex: 'stage', width: 90, render: (s: string) => labelOf(m.stages, s) },
    { title: m.audit.rule, dataIndex: 'code', width: 230, render: (c: string) => <code className="code-tag">{c}</code> },
    { title: m.audit.outcome, dataIndex: 'outcome', width: 80, render: (o: RuleResult['outcome']) => <Tag color={outcomeColor[o]}>{labelOf(m.outcomes, o)}</Tag> },
    { title: m.audit.value, key: 'value', width: 120, align: 'right', render: (_: unknown, r) => <span className="mono-num">{withUnit(r.value, r.unit, zh)}</span> },
    { title: m.audit.threshold, key: 'threshold', width: 120, align: 'right', render: (_: unknown, r) => <span className="mono-num">{withUnit(r.threshold, r.unit, zh)}</span> },
    { title: m.audit.note, dataIndex: 'note', width: 280, render: (n: string | null) => <Typography.Text type="secondary">{n ?? ''}</Typography.Text> },
  ];

  const timings = Object.entries(audit.timings);
  return (
    <div data-testid="decision-audit">
      <Space style={{ marginBottom: 8 }}>
        <Typography.Text strong>{m.audit.rules}</Typography.Text>
        <Switch size="small" checked={onlyHits} onChange={setOnlyHits} data-testid="audit-only-hits" />
        <Typography.Text type="secondary">{m.audit.onlyHits}</Typography.Text>
      </Space>
      <Table<RuleResult>
        rowKey={(r) => `${r.stage}:${r.code}`}
        size="small"
        columns={columns}
        dataSource={rules}
        pagination={false}
        rowClassName={(r) => `audit-row--${r.outcome}`}
        scroll={{ x: 920 }}
        data-testid="audit-rules"
      />
      <Collapse
        style={{ marginTop: 16 }}
        defaultActiveKey={['measures', 'timings']}
        items={[
          {
            key: 'measures',
            label: m.audit.measures,
            children: (
              <Descriptions size="small" column={3} bordered>
                {Object.entries(audit.measures).map(([k, v]) => (
                  <Descriptions.Item key={k} label={labelOf(m.measureNames, k)}>
                    {masked && L3_MEASURES.has(k) ? <Typography.Text type="secondary">{m.audit.withheld}</Typography.Text> : <span className="mono-num">{measureText(k, v)}</span>}
                  </Descriptions.Item>
                ))}
              </Descriptions>
            ),
          },
          {
            key: 'data',
            label: m.audit.dataUsed,
            children: (
              <ul className="decision-reasons">
                {audit.dataUsed.map((d) => (
                  <li key={d.source}>
                    <Tag color={d.used ? 'blue' : 'default'}>{d.used ? m.audit.used : m.audit.notUsed}</Tag>
                    <strong>{d.source}</strong> — {d.detail}
                  </li>
                ))}
              </ul>
            ),
          },
          {
            key: 'timings',
            label: m.audit.timings,
            children: (
              <Descriptions size="small" column={4} data-testid="audit-timings">
                {timings.map(([k, v]) => (
                  <Descriptions.Item key={k} label={labelOf({ ...m.stages, ...m.timingNames }, k)}>
                    <span className="mono-num">{v.toFixed(2)}</span>
                  </Descriptions.Item>
                ))}
              </Descriptions>
            ),
          },
          {
            key: 'input',
            label: m.audit.showInput,
            children: <JsonView title={m.audit.input} value={audit.input} emptyText="–" />,
          },
        ]}
      />
    </div>
  );
}
