import type { ReactNode } from 'react';
import { Card, InputNumber, Select, Space, Switch, Table, Tag, Tooltip, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { DecisionStrategy, StrategyCondition, StrategyRule, StrategyStage, TierAction } from '@autofin/contracts';
import { stipulationTypes, tierActions } from '@autofin/contracts';
import { useModuleMessages } from '../../i18n/module-messages.ts';
import { label, useLocale } from '../../i18n/locale-provider.tsx';
import { decisioningMessages } from './decisioning.i18n.ts';

/** Field errors of the draft by their path (e.g. "stages.3.tierMinScores"), from the contract's schema. */
export type FieldErrors = ReadonlyMap<string, string>;

type Item = StrategyRule | StrategyCondition;
const BASE_KEYS = new Set(['code', 'kind', 'enabled', 'outcome', 'reason', 'rationale']);
/** Money thresholds are stored in fen; the form shows yuan. */
const FEN_KEYS = new Set(['minMonthlyIncomeFen', 'aboveFen']);
const TIERS = ['A', 'B', 'C', 'D'] as const;

function errorsUnder(errors: FieldErrors, prefix: string): string[] {
  const out: string[] = [];
  for (const [path, message] of errors) if (path === prefix || path.startsWith(`${prefix}.`)) out.push(`${path.slice(prefix.length + 1) || prefix}: ${message}`);
  return out;
}

interface EditorProps {
  strategy: DecisionStrategy;
  readOnly: boolean;
  errors: FieldErrors;
  onChange: (next: DecisionStrategy) => void;
}

/**
 * The strategy as forms: per stage when it stops the decision, each rule's switch, outcome and
 * thresholds (with the rationale beside it), the score cut-offs and what each tier gets. The
 * champion model is shown, not edited: the model registry decides it.
 */
export function StrategyEditor({ strategy, readOnly, errors, onChange }: EditorProps) {
  const d = useModuleMessages(decisioningMessages);
  const s = d.strategy;
  const setStage = (i: number, stage: StrategyStage) => onChange({ ...strategy, stages: strategy.stages.map((x, k) => (k === i ? stage : x)) });

  return (
    <div data-testid="strategy-editor">
      {strategy.stages.map((stage, i) => (
        <Card
          key={stage.stage}
          size="small"
          className="strategy-stage"
          title={`${i + 1}. ${label(s.stages, stage.stage)}`}
          data-testid={`stage-${stage.stage}`}
          extra={
            stage.stage !== 'conditions' ? (
              <Space size={6}>
                <Typography.Text type="secondary">{s.stopOn}</Typography.Text>
                <Select
                  size="small"
                  style={{ width: 200 }}
                  disabled={readOnly}
                  value={stage.stopOn}
                  onChange={(v) => setStage(i, { ...stage, stopOn: v } as StrategyStage)}
                  options={(['decline', 'decline_or_refer', 'never'] as const).map((v) => ({ value: v, label: label(s.stop, v) }))}
                />
              </Space>
            ) : null
          }
        >
          {stage.stage === 'scorecard' ? (
            <ScorecardStageForm stage={stage} index={i} readOnly={readOnly} errors={errors} onChange={(next) => setStage(i, next)} />
          ) : (
            <ItemsTable
              items={'rules' in stage ? stage.rules : stage.conditions}
              path={`stages.${i}.${'rules' in stage ? 'rules' : 'conditions'}`}
              readOnly={readOnly}
              errors={errors}
              onChange={(items) => setStage(i, ('rules' in stage ? { ...stage, rules: items as StrategyRule[] } : { ...stage, conditions: items as StrategyCondition[] }) as StrategyStage)}
            />
          )}
        </Card>
      ))}
    </div>
  );
}

function ParamInput({ name, value, readOnly, onChange }: { name: string; value: unknown; readOnly: boolean; onChange: (v: unknown) => void }) {
  const d = useModuleMessages(decisioningMessages);
  const params = d.strategy.params as Record<string, string>;
  const caption = params[name] ?? name;
  let control: ReactNode;
  if (name === 'stipulation')
    control = (
      <Select
        size="small"
        style={{ width: 150 }}
        disabled={readOnly}
        value={(value as string | null) ?? 'none'}
        onChange={(v) => onChange(v === 'none' ? null : v)}
        options={['none', ...stipulationTypes].map((v) => ({ value: v, label: label(d.strategy.stipulations, v) }))}
      />
    );
  else if (typeof value === 'boolean') control = <Switch size="small" checked={value} disabled={readOnly} onChange={onChange} />;
  else if (typeof value === 'number' || value === null) {
    const fen = FEN_KEYS.has(name);
    control = (
      <InputNumber
        size="small"
        style={{ width: 120 }}
        disabled={readOnly}
        value={value === null ? null : fen ? value / 100 : value}
        placeholder={value === null ? d.strategy.noThreshold : undefined}
        onChange={(v) => onChange(v === null ? (name === 'maxPercent' ? null : 0) : fen ? Math.round(Number(v) * 100) : Number(v))}
        data-testid={`param-${name}`}
      />
    );
  } else if (Array.isArray(value)) control = <Space size={2} wrap>{value.map((v) => <Tag key={String(v)}>{String(v)}</Tag>)}</Space>;
  else control = <Tag>{String(value)}</Tag>;
  return (
    <div>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {caption}
      </Typography.Text>
      <div>{control}</div>
    </div>
  );
}

function ItemsTable({ items, path, readOnly, errors, onChange }: { items: readonly Item[]; path: string; readOnly: boolean; errors: FieldErrors; onChange: (items: Item[]) => void }) {
  const s = useModuleMessages(decisioningMessages).strategy;
  const { locale } = useLocale();
  const set = (j: number, next: Item) => onChange(items.map((x, k) => (k === j ? next : x)));
  return (
    <Table<Item>
      size="small"
      rowKey="code"
      pagination={false}
      dataSource={[...items]}
      rowClassName="strategy-rule-row"
      columns={[
        {
          title: s.enabled,
          key: 'enabled',
          width: 56,
          render: (_, r, j) => <Switch size="small" checked={r.enabled} disabled={readOnly} onChange={(v) => set(j, { ...r, enabled: v })} data-testid={`rule-enabled-${r.code}`} />,
        },
        {
          title: s.rule,
          key: 'rule',
          render: (_, r, j) => {
            const faults = errorsUnder(errors, `${path}.${j}`);
            return (
              <div data-testid={`rule-${r.code}`}>
                <b>{locale === 'zh-CN' ? r.reason.zh : r.reason.en}</b>
                <div>
                  <Typography.Text code style={{ fontSize: 11 }}>
                    {r.code}
                  </Typography.Text>
                </div>
                {faults.map((f) => (
                  <div key={f} className="strategy-field-error">
                    {f}
                  </div>
                ))}
              </div>
            );
          },
        },
        {
          title: s.outcome,
          key: 'outcome',
          width: 150,
          render: (_, r, j) =>
            'outcome' in r ? (
              <Select
                size="small"
                style={{ width: 140 }}
                disabled={readOnly}
                value={r.outcome}
                onChange={(v) => set(j, { ...r, outcome: v } as Item)}
                options={(['decline', 'refer', 'condition'] as const).map((v) => ({ value: v, label: label(s.outcomes, v) }))}
              />
            ) : (
              <Tag>{label(s.outcomes, 'condition')}</Tag>
            ),
        },
        {
          title: s.threshold,
          key: 'params',
          render: (_, r, j) => {
            // A rule's stipulation matters only when failing it attaches a condition.
            const keys = Object.keys(r).filter((k) => !BASE_KEYS.has(k) && !(k === 'stipulation' && 'outcome' in r && r.outcome !== 'condition'));
            if (keys.length === 0) return <Typography.Text type="secondary">{s.noThreshold}</Typography.Text>;
            return (
              <Space size={12} wrap align="start">
                {keys.map((k) => (
                  <ParamInput key={k} name={k} value={(r as unknown as Record<string, unknown>)[k]} readOnly={readOnly} onChange={(v) => set(j, { ...r, [k]: v } as Item)} />
                ))}
              </Space>
            );
          },
        },
        {
          title: s.rationale,
          key: 'rationale',
          render: (_, r) => (
            <Typography.Paragraph type="secondary" className="strategy-rationale" ellipsis={{ rows: 2, tooltip: r.rationale }}>
              {r.rationale}
            </Typography.Paragraph>
          ),
        },
      ]}
    />
  );
}

type ScorecardStageValue = Extract<StrategyStage, { stage: 'scorecard' }>;

function ScorecardStageForm({ stage, index, readOnly, errors, onChange }: { stage: ScorecardStageValue; index: number; readOnly: boolean; errors: FieldErrors; onChange: (s: ScorecardStageValue) => void }) {
  const s = useModuleMessages(decisioningMessages).strategy;
  const { t } = useTranslation('decisioning');
  const faults = errorsUnder(errors, `stages.${index}`);
  const actionSelect = (tier: 'A' | 'B' | 'C' | 'D' | 'E') => (
    <Select<TierAction>
      size="small"
      style={{ width: '100%' }}
      disabled={readOnly}
      value={stage.tierActions[tier]}
      onChange={(v) => onChange({ ...stage, tierActions: { ...stage.tierActions, [tier]: v } })}
      options={tierActions.map((v) => ({ value: v, label: label(s.actions, v) }))}
      data-testid={`tier-action-${tier}`}
    />
  );
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Typography.Text>
        {s.champion}:{' '}
        <Tooltip title={s.champion}>
          <Tag color="gold">
            {stage.champion.modelId} {stage.champion.modelVersion}
          </Tag>
        </Tooltip>
        {s.challengers}: {stage.challengers.length === 0 ? s.none : stage.challengers.map((c) => <Tag key={c.modelId + c.modelVersion} color="purple">{`${c.modelId} ${c.modelVersion} · ${Math.round(c.share * 100)}%`}</Tag>)}
      </Typography.Text>
      <Typography.Text strong>{s.tiers}</Typography.Text>
      <div className="strategy-tiers">
        {TIERS.map((tier) => (
          <div className="strategy-tier" key={tier}>
            <div className="strategy-tier__name">{t('strategy.tierMin', { tier })}</div>
            <InputNumber
              size="small"
              style={{ width: '100%' }}
              disabled={readOnly}
              value={stage.tierMinScores[tier]}
              onChange={(v) => onChange({ ...stage, tierMinScores: { ...stage.tierMinScores, [tier]: v === null ? 0 : Number(v) } })}
              data-testid={`tier-min-${tier}`}
              status={faults.some((f) => f.startsWith('tierMinScores')) ? 'error' : undefined}
            />
            <div style={{ marginTop: 6 }}>{actionSelect(tier)}</div>
          </div>
        ))}
        <div className="strategy-tier">
          <div className="strategy-tier__name">{s.belowD}</div>
          <div style={{ marginTop: 30 }}>{actionSelect('E')}</div>
        </div>
      </div>
      {faults.map((f) => (
        <div key={f} className="strategy-field-error" data-testid="tier-error">
          {f}
        </div>
      ))}
    </Space>
  );
}
