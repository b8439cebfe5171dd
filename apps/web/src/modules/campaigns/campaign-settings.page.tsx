import { useEffect, useState } from 'react';
import { Alert, App, Button, Card, Col, Form, Input, Modal, Row, Select, Space, Table, TimePicker, Typography } from 'antd';
import { ArrowLeftOutlined, PlusOutlined, SaveOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { Link } from 'react-router-dom';
import type { CapWindows, ChannelCosts, ContactPolicy } from '@autofin/contracts';
import { Page } from '../../ui/page.tsx';
import { useLoad } from '../../ui/use-load.ts';
import { useErrorMessage } from '../../api/use-error-message.ts';
import { useModuleMessages } from '../../i18n/module-messages.ts';
import { useCurrentUser, hasAnyRole } from '../auth/session.tsx';
import { searchCustomers, type CustomerSummary } from '../customers/customers.api.ts';
import { campaignsMessages, reasonText } from './campaigns.i18n.ts';
import {
  CHANNELS,
  LIST_REASONS,
  COST_EDITORS,
  POLICY_EDITORS,
  SUPPRESSION_EDITORS,
  SUPPRESSION_REMOVERS,
  addSuppression,
  fetchChannelCosts,
  fetchContactPolicy,
  fetchSuppressions,
  removeSuppression,
  saveChannelCosts,
  saveContactPolicy,
  type Channel,
  type ListReason,
  type SuppressionEntry,
} from './campaigns.api.ts';
import { CAP_WINDOWS, ContactCaps, type CapScope } from './contact-caps.tsx';
import { fill } from './fill.ts';
import './campaigns.css';

interface PolicyValues {
  caps: Record<'global' | Channel, CapWindows>;
  quiet?: [Dayjs, Dayjs];
  note?: string;
}

function toValues(policy: ContactPolicy): PolicyValues {
  const caps = { global: policy.caps.global } as PolicyValues['caps'];
  for (const c of CHANNELS) caps[c] = policy.caps.perChannel[c] ?? {};
  return { caps, quiet: policy.quietHours ? [dayjs(policy.quietHours.start, 'HH:mm'), dayjs(policy.quietHours.end, 'HH:mm')] : undefined };
}

/** Empty cap fields mean "no cap": they are left out, not sent as 0 (0 would forbid the channel). */
function capsOf(windows: CapWindows | undefined): CapWindows {
  const out: CapWindows = {};
  for (const w of CAP_WINDOWS) {
    const v = windows?.[w];
    if (typeof v === 'number') out[w] = v;
  }
  return out;
}

function ContactPolicyCard({ canEdit }: { canEdit: boolean }) {
  const m = useModuleMessages(campaignsMessages);
  const s = m.settings;
  const { message } = App.useApp();
  const errorMessage = useErrorMessage();
  const [state, reload] = useLoad(fetchContactPolicy);
  const [form] = Form.useForm<PolicyValues>();
  const [saving, setSaving] = useState(false);

  useEffect(() => {
    if (state.data) form.setFieldsValue(toValues(state.data.policy));
  }, [state.data, form]);

  const save = async (v: PolicyValues) => {
    if (!state.data) return;
    const current = state.data.policy;
    const perChannel: ContactPolicy['caps']['perChannel'] = {};
    for (const c of CHANNELS) {
      const caps = capsOf(v.caps[c]);
      if (Object.keys(caps).length > 0) perChannel[c] = caps;
    }
    const policy: ContactPolicy = {
      ...current,
      // A new version label: the date and time of the change (the server numbers versions too).
      version: `console-${dayjs().format('YYYYMMDD-HHmm')}`,
      caps: { global: capsOf(v.caps.global), perChannel },
      quietHours: v.quiet?.[0] && v.quiet[1] ? { start: v.quiet[0].format('HH:mm'), end: v.quiet[1].format('HH:mm') } : null,
    };
    setSaving(true);
    try {
      await saveContactPolicy(policy, v.note);
      void message.success(s.saved);
      reload();
    } catch (e) {
      void message.error(errorMessage(e));
    } finally {
      setSaving(false);
    }
  };

  // All channels together first, then each channel.
  const capScopes: CapScope[] = [{ key: 'global', label: s.global }, ...CHANNELS.map((c) => ({ key: c, label: m.channel[c] ?? c }))];

  return (
    <Card
      variant="borderless"
      title={s.policy}
      extra={state.data ? <Typography.Text type="secondary">{fill(s.versionOf, { version: state.data.policy.version, at: dayjs(state.data.createdAt).format('YYYY-MM-DD HH:mm') })}</Typography.Text> : null}
      data-testid="contact-policy"
    >
      {state.status === 'error' ? <Alert type="error" showIcon message={errorMessage(state.error)} /> : null}
      <Form form={form} layout="vertical" onFinish={save} disabled={!canEdit}>
        <Typography.Title level={5}>{s.caps}</Typography.Title>
        <ContactCaps scopes={capScopes} windowLabels={{ day: s.perDay, week: s.perWeek, month: s.perMonth }} disabled={!canEdit} />
        <Typography.Paragraph type="secondary" style={{ fontSize: 12.5, marginTop: 8 }}>
          {s.capHint}
        </Typography.Paragraph>
        <Form.Item name="quiet" label={s.quietHours} extra={s.quietHint}>
          <TimePicker.RangePicker format="HH:mm" order={false} minuteStep={15} allowClear />
        </Form.Item>
        {canEdit ? (
          <>
            <Form.Item name="note" label={s.note}>
              <Input maxLength={500} />
            </Form.Item>
            <Button type="primary" htmlType="submit" icon={<SaveOutlined />} loading={saving} data-testid="contact-policy-save">
              {s.save}
            </Button>
          </>
        ) : null}
      </Form>
    </Card>
  );
}

function ChannelCostsCard({ canEdit }: { canEdit: boolean }) {
  const m = useModuleMessages(campaignsMessages);
  const s = m.settings;
  const { message } = App.useApp();
  const errorMessage = useErrorMessage();
  const [state, reload] = useLoad(fetchChannelCosts);
  const [form] = Form.useForm<{ perChannel: Record<Channel, string>; note?: string }>();
  const [saving, setSaving] = useState(false);

  useEffect(() => {
    if (state.data) form.setFieldsValue({ perChannel: state.data.costs.perChannel });
  }, [state.data, form]);

  const save = async (v: { perChannel: Record<Channel, string>; note?: string }) => {
    const costs: ChannelCosts = { version: `console-${dayjs().format('YYYYMMDD-HHmm')}`, perChannel: v.perChannel };
    setSaving(true);
    try {
      await saveChannelCosts(costs, v.note);
      void message.success(s.saved);
      reload();
    } catch (e) {
      void message.error(errorMessage(e));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Card
      variant="borderless"
      title={s.costs}
      extra={state.data ? <Typography.Text type="secondary">{fill(s.versionOf, { version: state.data.costs.version, at: dayjs(state.data.createdAt).format('YYYY-MM-DD HH:mm') })}</Typography.Text> : null}
      data-testid="channel-costs"
    >
      {state.status === 'error' ? <Alert type="error" showIcon message={errorMessage(state.error)} /> : null}
      <Form form={form} layout="horizontal" labelCol={{ span: 10 }} onFinish={save} disabled={!canEdit}>
        {CHANNELS.map((c) => (
          <Form.Item key={c} name={['perChannel', c]} label={m.channel[c]} rules={[{ required: true, pattern: /^\d{1,7}(\.\d{1,4})?$/, message: s.costFormat }]} style={{ marginBottom: 8 }}>
            <Input prefix="¥" style={{ width: 160 }} />
          </Form.Item>
        ))}
        <Typography.Paragraph type="secondary" style={{ fontSize: 12.5 }}>
          {s.costHint}
        </Typography.Paragraph>
        {canEdit ? (
          <>
            <Form.Item name="note" label={s.note}>
              <Input maxLength={500} />
            </Form.Item>
            <Button type="primary" htmlType="submit" icon={<SaveOutlined />} loading={saving}>
              {s.save}
            </Button>
          </>
        ) : null}
      </Form>
    </Card>
  );
}

function SuppressionCard({ canAdd, canRemove }: { canAdd: boolean; canRemove: boolean }) {
  const m = useModuleMessages(campaignsMessages);
  const s = m.settings;
  const { message } = App.useApp();
  const errorMessage = useErrorMessage();
  const [state, reload] = useLoad(fetchSuppressions);
  const [adding, setAdding] = useState(false);
  const [removing, setRemoving] = useState<SuppressionEntry | null>(null);
  const [options, setOptions] = useState<CustomerSummary[]>([]);
  const [addForm] = Form.useForm<{ customerId: string; reason: ListReason; channel?: Channel | ''; note?: string }>();
  const [removeForm] = Form.useForm<{ reason: string }>();

  const search = (q: string) => {
    searchCustomers({ q: q || undefined, limit: 20 }).then(
      (p) => setOptions(p.items),
      () => undefined,
    );
  };

  return (
    <Card
      variant="borderless"
      title={s.suppression}
      data-testid="suppression-list"
      extra={
        canAdd ? (
          <Button icon={<PlusOutlined />} onClick={() => setAdding(true)}>
            {s.add}
          </Button>
        ) : null
      }
    >
      <Typography.Paragraph type="secondary">{s.suppressionHint}</Typography.Paragraph>
      {state.status === 'error' ? <Alert type="error" showIcon message={errorMessage(state.error)} /> : null}
      <Table<SuppressionEntry>
        rowKey="id"
        size="small"
        loading={state.status === 'loading'}
        dataSource={state.data?.items ?? []}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        columns={[
          { title: m.report.customer, key: 'customer', render: (_: unknown, e) => <Link to={`/customers/${e.customerId}`}>{e.customerName}</Link> },
          { title: m.report.phone, dataIndex: 'customerPhone', render: (p: string) => <span className="mono">{p}</span> },
          { title: s.reason, dataIndex: 'reason', render: (r: string) => reasonText(m, r) },
          { title: m.list.channel, dataIndex: 'channel', render: (c: string | null) => (c ? (m.channel[c] ?? c) : s.allChannels) },
          { title: s.source, dataIndex: 'source', render: (src: string) => s.sources[src] ?? src },
          { title: s.note, dataIndex: 'note', render: (n: string | null) => n ?? '–' },
          { title: s.addedAt, dataIndex: 'createdAt', render: (d: string) => dayjs(d).format('YYYY-MM-DD HH:mm') },
          {
            title: '',
            key: 'actions',
            render: (_: unknown, e) =>
              canRemove && !e.removedAt ? (
                <Button size="small" onClick={() => setRemoving(e)}>
                  {s.remove}
                </Button>
              ) : e.removedAt ? (
                <Typography.Text type="secondary">{fill(s.removedAt, { at: dayjs(e.removedAt).format('YYYY-MM-DD') })}</Typography.Text>
              ) : null,
          },
        ]}
      />
      <Modal title={s.add} open={adding} onCancel={() => setAdding(false)} onOk={() => addForm.submit()} destroyOnHidden>
        <Form
          form={addForm}
          layout="vertical"
          preserve={false}
          onFinish={async (v) => {
            try {
              await addSuppression({ customerId: v.customerId, reason: v.reason, channel: v.channel ? v.channel : null, note: v.note?.trim() || undefined });
              setAdding(false);
              reload();
            } catch (e) {
              void message.error(errorMessage(e));
            }
          }}
        >
          <Form.Item name="customerId" label={m.report.customer} rules={[{ required: true, message: m.editor.required }]}>
            <Select showSearch filterOption={false} onSearch={search} onFocus={() => search('')} options={options.map((c) => ({ value: c.id, label: `${c.name} · ${c.phone}` }))} />
          </Form.Item>
          <Form.Item name="reason" label={s.reason} rules={[{ required: true, message: m.editor.required }]}>
            <Select options={LIST_REASONS.map((r) => ({ value: r, label: reasonText(m, r) }))} />
          </Form.Item>
          <Form.Item name="channel" label={m.list.channel} initialValue="">
            <Select options={[{ value: '', label: s.allChannels }, ...CHANNELS.map((c) => ({ value: c, label: m.channel[c] }))]} />
          </Form.Item>
          <Form.Item name="note" label={s.note}>
            <Input.TextArea rows={2} maxLength={500} />
          </Form.Item>
        </Form>
      </Modal>
      <Modal title={s.remove} open={removing !== null} onCancel={() => setRemoving(null)} onOk={() => removeForm.submit()} destroyOnHidden>
        <Form
          form={removeForm}
          layout="vertical"
          preserve={false}
          onFinish={async (v) => {
            if (!removing) return;
            try {
              await removeSuppression(removing.id, v.reason);
              setRemoving(null);
              reload();
            } catch (e) {
              void message.error(errorMessage(e));
            }
          }}
        >
          <Form.Item name="reason" label={s.removeReason} rules={[{ required: true, min: 3, message: s.removeReason }]}>
            <Input.TextArea rows={2} maxLength={500} />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}

/** Contact rules (caps, quiet hours), channel unit costs and the suppression list. */
export function CampaignSettingsPage() {
  const m = useModuleMessages(campaignsMessages);
  const s = m.settings;
  const user = useCurrentUser();
  const canEditPolicy = hasAnyRole(user, POLICY_EDITORS);
  const canEditCosts = hasAnyRole(user, COST_EDITORS);
  const seesSuppressions = hasAnyRole(user, SUPPRESSION_EDITORS);
  return (
    <Page
      testId="campaign-settings-page"
      title={s.title}
      subtitle={`${s.subtitle} ${s.policyOwner}`}
      extra={
        <Link to="/campaigns">
          <Button icon={<ArrowLeftOutlined />}>{m.detail.back}</Button>
        </Link>
      }
    >
      {!canEditPolicy && !canEditCosts ? <Alert type="info" showIcon className="page__alert" message={s.readOnly} /> : null}
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={14}>
          <ContactPolicyCard canEdit={canEditPolicy} />
        </Col>
        <Col xs={24} xl={10}>
          <ChannelCostsCard canEdit={canEditCosts} />
        </Col>
      </Row>
      {seesSuppressions ? (
        <Space direction="vertical" style={{ width: '100%' }} className="campaign-section">
          <SuppressionCard canAdd={seesSuppressions} canRemove={hasAnyRole(user, SUPPRESSION_REMOVERS)} />
        </Space>
      ) : null}
    </Page>
  );
}
