import { useState } from 'react';
import { Alert, App, Button, Card, Col, Divider, Drawer, Form, Input, InputNumber, Row, Select, Space, Typography } from 'antd';
import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { EVENT_TYPES, JOURNEY_CHANNELS, type Journey, type JourneyDefinitionInput, type JourneyStep } from '@autofin/contracts';
import { useErrorMessage } from '../../api/use-error-message.ts';
import { useModuleMessages } from '../../i18n/module-messages.ts';
import { useLocale } from '../../i18n/locale-provider.tsx';
import { useLoad } from '../../ui/use-load.ts';
import { fetchSegments } from '../segments/segments.api.ts';
import { fetchProductList } from '../quotes/quotes.api.ts';
import { campaignsMessages } from '../campaigns/campaigns.i18n.ts';
import { fill } from '../campaigns/fill.ts';
import { journeysMessages } from './journeys.i18n.ts';
import { createJourney, updateJourney } from './journeys.api.ts';

type StepType = JourneyStep['type'];

/** One step as the form holds it: every type's fields side by side, the type decides which are used. */
interface StepValues {
  type: StepType;
  id: string;
  hours?: number;
  checks?: Array<{ kind: 'no_application' | 'no_event' | 'has_event'; eventType?: string }>;
  channel?: string;
  purpose?: 'marketing' | 'transactional';
  templateZh?: string;
  templateEn?: string;
  productCode?: string;
  validHours?: number;
}

interface FormValues {
  name: string;
  description?: string;
  triggerType: 'segment_entered' | 'event' | 'loan_milestone';
  segmentId?: string;
  eventType?: string;
  eventChannel?: string;
  monthsOnBook?: number;
  termMonths?: number;
  steps: StepValues[];
  exits: Array<{ kind: 'application_submitted' | 'event'; eventType?: string }>;
  reentryMode: 'never' | 'after_exit';
  cooldownDays?: number;
}

function fromJourney(j: Journey): FormValues {
  const d = j.definition;
  const t = d.trigger;
  return {
    name: d.name,
    description: d.description,
    triggerType: t.type,
    segmentId: t.type === 'segment_entered' ? t.segmentId : undefined,
    eventType: t.type === 'event' ? t.eventType : undefined,
    eventChannel: t.type === 'event' ? t.channel : undefined,
    monthsOnBook: t.type === 'loan_milestone' ? t.monthsOnBook : undefined,
    termMonths: t.type === 'loan_milestone' ? t.termMonths : undefined,
    steps: d.steps.map((s): StepValues => {
      if (s.type === 'wait') return { type: 'wait', id: s.id, hours: s.hours };
      if (s.type === 'condition') return { type: 'condition', id: s.id, checks: s.all.map((c) => ({ kind: c.kind, eventType: c.kind === 'no_application' ? undefined : c.eventType })) };
      return { type: 'send', id: s.id, channel: s.channel, purpose: s.purpose, templateZh: s.template.zh, templateEn: s.template.en, productCode: s.offer?.productCode, validHours: s.offer?.validHours };
    }),
    exits: d.exits.map((e) => ({ kind: e.kind, eventType: e.kind === 'event' ? e.eventType : undefined })),
    reentryMode: d.reentry.mode,
    cooldownDays: d.reentry.cooldownDays,
  };
}

type EventType = (typeof EVENT_TYPES)[number];

function toDefinition(v: FormValues): JourneyDefinitionInput {
  const trigger: JourneyDefinitionInput['trigger'] =
    v.triggerType === 'segment_entered'
      ? { type: 'segment_entered', segmentId: v.segmentId as string }
      : v.triggerType === 'event'
        ? { type: 'event', eventType: v.eventType as EventType, ...(v.eventChannel ? { channel: v.eventChannel } : {}) }
        : { type: 'loan_milestone', monthsOnBook: v.monthsOnBook as number, ...(v.termMonths ? { termMonths: v.termMonths } : {}) };
  const steps = (v.steps ?? []).map((s): JourneyDefinitionInput['steps'][number] => {
    if (s.type === 'wait') return { id: s.id, type: 'wait', hours: s.hours as number };
    if (s.type === 'condition')
      return {
        id: s.id,
        type: 'condition',
        all: (s.checks ?? []).map((c) => (c.kind === 'no_application' ? { kind: 'no_application' as const } : { kind: c.kind, eventType: c.eventType as EventType })),
      };
    const offer = s.productCode || s.validHours ? { ...(s.productCode ? { productCode: s.productCode } : {}), ...(s.validHours ? { validHours: s.validHours } : {}) } : undefined;
    return {
      id: s.id,
      type: 'send',
      channel: s.channel as (typeof JOURNEY_CHANNELS)[number],
      purpose: s.purpose ?? 'marketing',
      template: { zh: (s.templateZh ?? '').trim(), ...(s.templateEn?.trim() ? { en: s.templateEn.trim() } : {}) },
      ...(offer ? { offer } : {}),
    };
  });
  return {
    name: v.name.trim(),
    ...(v.description?.trim() ? { description: v.description.trim() } : {}),
    trigger,
    steps,
    exits: (v.exits ?? []).map((e) => (e.kind === 'application_submitted' ? { kind: 'application_submitted' as const } : { kind: 'event' as const, eventType: e.eventType as EventType })),
    reentry: { mode: v.reentryMode, cooldownDays: v.reentryMode === 'after_exit' ? (v.cooldownDays ?? 0) : 0 },
  };
}

const STARTER: FormValues = {
  name: '',
  triggerType: 'event',
  eventType: 'quote_viewed',
  steps: [
    { type: 'wait', id: 'wait_3d', hours: 72 },
    { type: 'condition', id: 'still_no_application', checks: [{ kind: 'no_application' }] },
    { type: 'send', id: 'rate_offer', channel: 'sms', purpose: 'marketing', templateZh: '{{name|您好}}，您关注的车型限时利率优惠仅剩 48 小时，月供低至 {{monthlyPayment|优惠价}}。', validHours: 48 },
  ],
  exits: [{ kind: 'application_submitted' }],
  reentryMode: 'after_exit',
  cooldownDays: 30,
};

function loadPickers(signal: AbortSignal) {
  return Promise.all([fetchSegments(signal), fetchProductList(signal)]).then(([s, p]) => ({ segments: s.items, products: p.items }));
}

/** Create a journey draft or edit one (every save is a new version that needs its own approval). */
export function JourneyEditor({ journey, onClose, onSaved }: { journey: Journey | null; onClose: () => void; onSaved: (j: Journey) => void }) {
  const m = useModuleMessages(journeysMessages);
  const cm = useModuleMessages(campaignsMessages);
  const e = m.editor;
  const { locale } = useLocale();
  const { message } = App.useApp();
  const errorMessage = useErrorMessage();
  const [form] = Form.useForm<FormValues>();
  const [pickers] = useLoad(loadPickers);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const triggerType = Form.useWatch('triggerType', form);
  const reentryMode = Form.useWatch('reentryMode', form);
  const steps = Form.useWatch('steps', form) ?? [];
  const exits = Form.useWatch('exits', form) ?? [];
  const eventOptions = EVENT_TYPES.map((t) => ({ value: t, label: m.events[t] ?? t }));

  const save = async (v: FormValues) => {
    if (!(v.steps ?? []).some((s) => s.type === 'send')) {
      setError(new Error(e.needSend));
      return;
    }
    setSaving(true);
    setError(null);
    try {
      const saved = journey ? await updateJourney(journey.id, toDefinition(v)) : await createJourney(toDefinition(v));
      void message.success(fill(e.saved, { v: saved.version }));
      onSaved(saved);
    } catch (err) {
      setError(err);
    } finally {
      setSaving(false);
    }
  };

  const stepFields = (name: number, type: StepType | undefined) => {
    if (type === 'wait')
      return (
        <Form.Item name={[name, 'hours']} label={e.hours} rules={[{ required: true, message: e.required }]}>
          <InputNumber min={1} max={24 * 365} precision={0} style={{ width: 160 }} />
        </Form.Item>
      );
    if (type === 'condition')
      return (
        <Form.List name={[name, 'checks']}>
          {(checks, { add, remove }) => (
            <>
              {checks.map((c) => (
                <Space key={c.key} align="baseline">
                  <Form.Item name={[c.name, 'kind']} rules={[{ required: true }]}>
                    <Select style={{ width: 220 }} options={(['no_application', 'no_event', 'has_event'] as const).map((k) => ({ value: k, label: k === 'no_application' ? m.check.no_application : fill(m.check[k], { event: '…' }) }))} />
                  </Form.Item>
                  {steps[name]?.checks?.[c.name]?.kind !== 'no_application' ? (
                    <Form.Item name={[c.name, 'eventType']} rules={[{ required: true, message: e.required }]}>
                      <Select style={{ width: 200 }} options={eventOptions} placeholder={e.eventType} />
                    </Form.Item>
                  ) : null}
                  <Button type="text" icon={<DeleteOutlined />} onClick={() => remove(c.name)} aria-label={e.remove} />
                </Space>
              ))}
              <Button size="small" icon={<PlusOutlined />} onClick={() => add({ kind: 'no_application' })}>
                {e.addCheck}
              </Button>
            </>
          )}
        </Form.List>
      );
    return (
      <>
        <Row gutter={8}>
          <Col span={8}>
            <Form.Item name={[name, 'channel']} label={e.sendChannel} rules={[{ required: true, message: e.required }]}>
              <Select options={JOURNEY_CHANNELS.map((c) => ({ value: c, label: cm.channel[c] ?? c }))} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name={[name, 'purpose']} label={e.purpose} initialValue="marketing">
              <Select options={[{ value: 'marketing', label: m.step.marketing }, { value: 'transactional', label: m.step.transactional }]} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name={[name, 'validHours']} label={e.validHours}>
              <InputNumber min={1} max={24 * 90} precision={0} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name={[name, 'productCode']} label={e.product}>
          <Select allowClear showSearch options={(pickers.data?.products ?? []).filter((p) => p.sellable).map((p) => ({ value: p.code, label: `${p.code} · ${locale === 'en-US' ? p.name.en : p.name.zh}` }))} />
        </Form.Item>
        <Form.Item name={[name, 'templateZh']} label={e.templateZh} rules={[{ required: true, message: e.required }]}>
          <Input.TextArea rows={2} maxLength={1000} />
        </Form.Item>
        <Form.Item name={[name, 'templateEn']} label={e.templateEn}>
          <Input.TextArea rows={2} maxLength={1000} />
        </Form.Item>
      </>
    );
  };

  return (
    <Drawer
      open
      width={880}
      title={journey ? e.editTitle : e.createTitle}
      onClose={onClose}
      destroyOnHidden
      extra={
        <Button type="primary" loading={saving} onClick={() => form.submit()} data-testid="journey-save">
          {e.save}
        </Button>
      }
    >
      <Form<FormValues> form={form} layout="vertical" initialValues={journey ? fromJourney(journey) : STARTER} onFinish={save} data-testid="journey-form" scrollToFirstError>
        {error ? <Alert type="error" showIcon message={errorMessage(error)} style={{ marginBottom: 12 }} /> : null}
        <Form.Item name="name" label={e.name} rules={[{ required: true, max: 120, message: e.required }]}>
          <Input maxLength={120} data-testid="journey-name" />
        </Form.Item>
        <Form.Item name="description" label={e.description}>
          <Input.TextArea rows={2} maxLength={1000} />
        </Form.Item>

        <Divider orientation="left">{e.trigger}</Divider>
        <Row gutter={8}>
          <Col span={8}>
            <Form.Item name="triggerType" label={e.triggerType}>
              <Select options={(['segment_entered', 'event', 'loan_milestone'] as const).map((t) => ({ value: t, label: m.trigger[t] }))} />
            </Form.Item>
          </Col>
          {triggerType === 'segment_entered' ? (
            <Col span={16}>
              <Form.Item name="segmentId" label={e.segment} rules={[{ required: true, message: e.required }]}>
                <Select showSearch optionFilterProp="label" options={(pickers.data?.segments ?? []).map((s) => ({ value: s.id, label: `${locale === 'en-US' ? (s.nameEn ?? s.name) : s.name} (${s.count.toLocaleString(locale)})` }))} />
              </Form.Item>
            </Col>
          ) : null}
          {triggerType === 'event' ? (
            <>
              <Col span={8}>
                <Form.Item name="eventType" label={e.eventType} rules={[{ required: true, message: e.required }]}>
                  <Select options={eventOptions} />
                </Form.Item>
              </Col>
              <Col span={8}>
                <Form.Item name="eventChannel" label={e.channel}>
                  <Input maxLength={40} />
                </Form.Item>
              </Col>
            </>
          ) : null}
          {triggerType === 'loan_milestone' ? (
            <>
              <Col span={8}>
                <Form.Item name="monthsOnBook" label={e.monthsOnBook} rules={[{ required: true, message: e.required }]}>
                  <InputNumber min={1} max={119} precision={0} style={{ width: '100%' }} />
                </Form.Item>
              </Col>
              <Col span={8}>
                <Form.Item name="termMonths" label={e.termMonths}>
                  <InputNumber min={2} max={120} precision={0} style={{ width: '100%' }} />
                </Form.Item>
              </Col>
            </>
          ) : null}
        </Row>

        <Divider orientation="left">{e.steps}</Divider>
        <Typography.Paragraph type="secondary" style={{ fontSize: 12.5 }}>
          {e.tokens}
        </Typography.Paragraph>
        <Form.List name="steps">
          {(fields, { add, remove, move }) => (
            <>
              {fields.map((field, i) => {
                const type = steps[field.name]?.type;
                return (
                  <Card
                    key={field.key}
                    size="small"
                    style={{ marginBottom: 8 }}
                    title={`${i + 1}. ${type ? m.step[type] : ''}`}
                    extra={
                      <Space size={0}>
                        <Button type="text" size="small" icon={<ArrowUpOutlined />} disabled={i === 0} onClick={() => move(i, i - 1)} aria-label={e.up} />
                        <Button type="text" size="small" icon={<ArrowDownOutlined />} disabled={i === fields.length - 1} onClick={() => move(i, i + 1)} aria-label={e.down} />
                        <Button type="text" size="small" icon={<DeleteOutlined />} onClick={() => remove(field.name)} aria-label={e.remove} />
                      </Space>
                    }
                  >
                    <Form.Item name={[field.name, 'type']} hidden>
                      <Input />
                    </Form.Item>
                    <Form.Item name={[field.name, 'id']} label={e.stepId} rules={[{ required: true, pattern: /^[a-z][a-z0-9_]{0,39}$/, message: 'a–z, 0–9, _' }]}>
                      <Input style={{ width: 240 }} className="mono" />
                    </Form.Item>
                    {stepFields(field.name, type)}
                  </Card>
                );
              })}
              <Space>
                <Button icon={<PlusOutlined />} onClick={() => add({ type: 'wait', id: `wait_${fields.length + 1}`, hours: 24 })}>
                  {e.addWait}
                </Button>
                <Button icon={<PlusOutlined />} onClick={() => add({ type: 'condition', id: `check_${fields.length + 1}`, checks: [{ kind: 'no_application' }] })}>
                  {e.addCondition}
                </Button>
                <Button icon={<PlusOutlined />} onClick={() => add({ type: 'send', id: `send_${fields.length + 1}`, channel: 'sms', purpose: 'marketing' })}>
                  {e.addSend}
                </Button>
              </Space>
            </>
          )}
        </Form.List>

        <Divider orientation="left">{e.exits}</Divider>
        <Form.List name="exits">
          {(fields, { add, remove }) => (
            <>
              {fields.map((f) => (
                <Space key={f.key} align="baseline">
                  <Form.Item name={[f.name, 'kind']}>
                    <Select style={{ width: 260 }} options={[{ value: 'application_submitted', label: m.exit.application_submitted }, { value: 'event', label: fill(m.exit.event, { event: '…' }) }]} />
                  </Form.Item>
                  {exits[f.name]?.kind === 'event' ? (
                    <Form.Item name={[f.name, 'eventType']} rules={[{ required: true, message: e.required }]}>
                      <Select style={{ width: 200 }} options={eventOptions} />
                    </Form.Item>
                  ) : null}
                  <Button type="text" icon={<DeleteOutlined />} onClick={() => remove(f.name)} aria-label={e.remove} />
                </Space>
              ))}
              <div>
                <Button size="small" icon={<PlusOutlined />} onClick={() => add({ kind: 'event', eventType: 'application_started' })}>
                  {e.addExit}
                </Button>
              </div>
            </>
          )}
        </Form.List>

        <Divider orientation="left">{e.reentry}</Divider>
        <Space align="baseline">
          <Form.Item name="reentryMode">
            <Select style={{ width: 320 }} options={[{ value: 'never', label: m.reentry.never }, { value: 'after_exit', label: fill(m.reentry.after_exit, { days: 'N' }) }]} />
          </Form.Item>
          {reentryMode === 'after_exit' ? (
            <Form.Item name="cooldownDays" label={e.cooldownDays}>
              <InputNumber min={0} max={3650} precision={0} />
            </Form.Item>
          ) : null}
        </Space>
      </Form>
    </Drawer>
  );
}
