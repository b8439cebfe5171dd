import type { ReactNode } from 'react';
import { Button, Card, InputNumber, Input, Radio, Select, Space } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import type { Condition, RuleGroup } from '@autofin/contracts';
import { useModuleMessages } from '../../i18n/module-messages.ts';
import { segmentMessages } from './segments.i18n.ts';

type FieldType = 'number' | 'text' | 'bool';
interface FieldDef {
  type: FieldType;
  /** known values for text fields (a select instead of free text) */
  values?: readonly string[];
}

// Values only, typed against the contract (zod stays out of the console bundle): a field the server
// does not know fails the build here.
type AttributeField = Extract<Condition, { kind: 'attribute' }>['field'];
type TraitField = Extract<Condition, { kind: 'trait' }>['field'];
type EventType = Extract<Condition, { kind: 'event' }>['eventType'];

export const ATTRIBUTE_FIELDS: Record<AttributeField, FieldDef> = {
  age: { type: 'number' },
  gender: { type: 'text', values: ['M', 'F'] },
  city_tier: { type: 'number' },
  province_id: { type: 'number' },
  city_id: { type: 'number' },
  plate_restricted: { type: 'bool' },
  occupation: { type: 'text', values: ['salaried', 'civil_servant', 'soe_employee', 'professional', 'self_employed', 'gig_worker', 'retired'] },
  education: { type: 'text', values: ['high_school', 'associate', 'bachelor', 'postgraduate'] },
  marital_status: { type: 'text', values: ['single', 'married', 'divorced'] },
  children: { type: 'number' },
  income_band: { type: 'text', values: ['lt5k', '5k_10k', '10k_20k', '20k_50k', 'ge50k'] },
  credit_file: { type: 'text', values: ['thin', 'established', 'impaired'] },
  digital_score: { type: 'number' },
  app_user: { type: 'bool' },
  preferred_channel: { type: 'text', values: ['sms', 'email', 'app_push', 'wechat', 'call', 'dealer'] },
  acquisition_channel: { type: 'text', values: ['douyin', 'wechat', 'baidu', 'autohome', 'dongchedi', 'xiaohongshu', 'sms', 'app_push', 'dealer', 'organic', 'referral'] },
  kind: { type: 'text', values: ['person', 'company'] },
  has_used_car_application: { type: 'bool' },
  has_loan: { type: 'bool' },
};
export const TRAIT_FIELDS: Record<TraitField, FieldDef> = {
  lifecycle_stage: { type: 'text', values: ['prospect', 'engaged', 'applicant', 'customer', 'repeat', 'churn_risk', 'churned'] },
  recency_days: { type: 'number' },
  frequency_90d: { type: 'number' },
  monetary_yuan: { type: 'number' },
  channel_preference: { type: 'text', values: ['sms', 'email', 'app_push', 'wechat', 'call', 'dealer', 'douyin', 'baidu', 'autohome', 'dongchedi', 'xiaohongshu', 'app', 'web'] },
  nev_affinity: { type: 'number' },
  price_sensitivity: { type: 'number' },
  predicted_ltv_yuan: { type: 'number' },
  churn_risk: { type: 'number' },
  next_best_product: { type: 'text', values: ['NEW-LOAN', 'NEW-LOAN-PROMO', 'NEW-LOAN-NEV', 'NEW-LOAN-NEV-PROMO', 'NEW-LEASE', 'USED-LOAN', 'NEW-LOAN-UPGRADE', 'INSURANCE-BUNDLE', 'WIN-BACK-OFFER'] },
};
const EVENT_TYPES: readonly EventType[] = [
  'ad_click',
  'page_view',
  'calculator_used',
  'quote_viewed',
  'application_started',
  'application_submitted',
  'test_drive',
  'dealer_visit',
  'message_delivered',
  'message_clicked',
  'repayment',
  'complaint',
  'survey_response',
  'app_open',
];
const CONSENT_PURPOSES = ['marketing', 'profiling', 'credit_check', 'data_sharing'] as const;
const CONSENT_CHANNELS = ['sms', 'email', 'call', 'app_push', 'wechat', 'any'] as const;

const OPS_BY_TYPE: Record<FieldType, Array<'eq' | 'neq' | 'in' | 'not_in' | 'gt' | 'gte' | 'lt' | 'lte' | 'between'>> = {
  number: ['eq', 'neq', 'gt', 'gte', 'lt', 'lte', 'between', 'in', 'not_in'],
  text: ['eq', 'neq', 'in', 'not_in'],
  bool: ['eq'],
};

function defaultValue(def: FieldDef, op: string): unknown {
  const list = op === 'in' || op === 'not_in';
  if (def.type === 'bool') return true;
  if (def.type === 'number') return op === 'between' ? [0, 1] : list ? [1] : 0;
  const first = def.values?.[0] ?? '';
  return list ? [first] : first;
}

export function newCondition(kind: Condition['kind']): Condition {
  switch (kind) {
    case 'attribute':
      return { kind, field: 'city_tier', op: 'eq', value: 2 };
    case 'trait':
      return { kind, field: 'nev_affinity', op: 'gte', value: 0.6 };
    case 'event':
      return { kind, eventType: 'quote_viewed', op: 'gte', count: 1, withinDays: 7 };
    case 'consent':
      return { kind, purpose: 'marketing', channel: 'wechat', granted: true };
  }
}

function ValueInput({ def, op, value, onChange }: { def: FieldDef; op: string; value: unknown; onChange: (v: unknown) => void }) {
  const m = useModuleMessages(segmentMessages);
  if (def.type === 'bool') {
    return <Select style={{ width: 100 }} value={value === true ? 'true' : 'false'} onChange={(v) => onChange(v === 'true')} options={[{ value: 'true', label: 'true' }, { value: 'false', label: 'false' }]} />;
  }
  if (op === 'between') {
    const [lo, hi] = Array.isArray(value) ? (value as number[]) : [0, 0];
    return (
      <Space.Compact>
        <InputNumber value={lo} onChange={(v) => onChange([v ?? 0, hi])} />
        <InputNumber value={hi} onChange={(v) => onChange([lo, v ?? 0])} />
      </Space.Compact>
    );
  }
  const list = op === 'in' || op === 'not_in';
  if (def.type === 'text' && def.values) {
    return (
      <Select
        mode={list ? 'multiple' : undefined}
        style={{ minWidth: 180 }}
        value={value as string | string[]}
        onChange={(v) => onChange(v)}
        options={def.values.map((x) => ({ value: x, label: x }))}
      />
    );
  }
  if (list) {
    return (
      <Input
        style={{ width: 200 }}
        placeholder={m.valueHint}
        value={Array.isArray(value) ? value.join(',') : ''}
        onChange={(e) => onChange(e.target.value.split(',').map((s) => (def.type === 'number' ? Number(s.trim()) : s.trim())).filter((x) => x !== '' && !(typeof x === 'number' && Number.isNaN(x))))}
      />
    );
  }
  if (def.type === 'number') return <InputNumber value={typeof value === 'number' ? value : 0} onChange={(v) => onChange(v ?? 0)} />;
  return <Input style={{ width: 160 }} value={String(value ?? '')} onChange={(e) => onChange(e.target.value)} />;
}

function ConditionRow({ c, onChange, onRemove }: { c: Condition; onChange: (c: Condition) => void; onRemove: () => void }) {
  const m = useModuleMessages(segmentMessages);
  const opLabel = (op: keyof typeof m.ops) => m.ops[op];
  let body: ReactNode;
  if (c.kind === 'attribute' || c.kind === 'trait') {
    const fields = (c.kind === 'attribute' ? ATTRIBUTE_FIELDS : TRAIT_FIELDS) as Record<string, FieldDef>;
    const def = fields[c.field]!;
    body = (
      <>
        <Select
          style={{ width: 210 }}
          value={c.field}
          onChange={(field: string) => {
            const d = fields[field]!;
            const op = OPS_BY_TYPE[d.type][0]!;
            onChange({ ...c, field, op, value: defaultValue(d, op) } as Condition);
          }}
          options={Object.keys(fields).map((f) => ({ value: f, label: f }))}
        />
        <Select
          style={{ width: 130 }}
          value={c.op}
          onChange={(op: typeof c.op) => onChange({ ...c, op, value: defaultValue(def, op) } as Condition)}
          options={OPS_BY_TYPE[def.type].map((op) => ({ value: op, label: opLabel(op) }))}
        />
        <ValueInput def={def} op={c.op} value={c.value} onChange={(value) => onChange({ ...c, value } as Condition)} />
      </>
    );
  } else if (c.kind === 'event') {
    body = (
      <>
        <Select style={{ width: 200 }} value={c.eventType} onChange={(eventType: EventType) => onChange({ ...c, eventType })} options={EVENT_TYPES.map((e) => ({ value: e, label: e }))} />
        <Select style={{ width: 120 }} value={c.op} onChange={(op: typeof c.op) => onChange({ ...c, op })} options={(['gte', 'gt', 'eq', 'lt', 'lte'] as const).map((op) => ({ value: op, label: opLabel(op) }))} />
        <InputNumber min={0} value={c.count} onChange={(v) => onChange({ ...c, count: v ?? 0 })} addonAfter={m.times} style={{ width: 120 }} />
        <InputNumber min={1} max={3650} value={c.withinDays} onChange={(v) => onChange({ ...c, withinDays: v ?? 1 })} addonBefore={m.withinDays} style={{ width: 200 }} />
        <Input style={{ width: 130 }} placeholder={m.onChannel} value={c.channel ?? ''} onChange={(e) => onChange({ ...c, channel: e.target.value.trim() || undefined })} />
      </>
    );
  } else {
    body = (
      <>
        <Select style={{ width: 160 }} value={c.purpose} onChange={(purpose: typeof c.purpose) => onChange({ ...c, purpose })} options={CONSENT_PURPOSES.map((x) => ({ value: x, label: x }))} />
        <Select style={{ width: 120 }} value={c.channel} onChange={(channel: typeof c.channel) => onChange({ ...c, channel })} options={CONSENT_CHANNELS.map((x) => ({ value: x, label: x }))} />
        <Select style={{ width: 120 }} value={c.granted ? 'y' : 'n'} onChange={(v) => onChange({ ...c, granted: v === 'y' })} options={[{ value: 'y', label: m.granted }, { value: 'n', label: m.notGranted }]} />
      </>
    );
  }
  return (
    <Space wrap data-testid="rule-condition">
      <Select
        style={{ width: 100 }}
        value={c.kind}
        onChange={(kind: Condition['kind']) => onChange(newCondition(kind))}
        options={(['attribute', 'trait', 'event', 'consent'] as const).map((k) => ({ value: k, label: m.kind[k] }))}
      />
      {body}
      <Button icon={<DeleteOutlined />} onClick={onRemove} aria-label={m.remove} />
    </Space>
  );
}

/** AND/OR groups of conditions, nested one level or more; every change is handed up for a live count. */
export function RuleBuilder({ value, onChange, depth = 0, onRemove }: { value: RuleGroup; onChange: (g: RuleGroup) => void; depth?: number; onRemove?: () => void }) {
  const m = useModuleMessages(segmentMessages);
  const set = (i: number, r: Condition | RuleGroup) => onChange({ ...value, rules: value.rules.map((x, j) => (j === i ? r : x)) });
  const remove = (i: number) => onChange({ ...value, rules: value.rules.filter((_, j) => j !== i) });
  return (
    <Card size="small" style={{ background: depth % 2 ? '#fafafa' : undefined }}>
      <Space direction="vertical" style={{ width: '100%' }}>
        <Space>
          <Radio.Group value={value.op} onChange={(e) => onChange({ ...value, op: e.target.value as 'and' | 'or' })} optionType="button" options={[{ value: 'and', label: m.and }, { value: 'or', label: m.or }]} />
          {onRemove ? <Button icon={<DeleteOutlined />} onClick={onRemove} aria-label={m.remove} /> : null}
        </Space>
        {value.rules.map((r, i) =>
          'kind' in r ? (
            <ConditionRow key={i} c={r} onChange={(c) => set(i, c)} onRemove={() => remove(i)} />
          ) : (
            <RuleBuilder key={i} value={r} depth={depth + 1} onChange={(g) => set(i, g)} onRemove={() => remove(i)} />
          ),
        )}
        <Space>
          <Button icon={<PlusOutlined />} onClick={() => onChange({ ...value, rules: [...value.rules, newCondition('attribute')] })} data-testid="add-condition">
            {m.addCondition}
          </Button>
          {depth < 2 ? (
            <Button icon={<PlusOutlined />} onClick={() => onChange({ ...value, rules: [...value.rules, { op: 'or', rules: [newCondition('trait')] }] })}>
              {m.addGroup}
            </Button>
          ) : null}
        </Space>
      </Space>
    </Card>
  );
}
