import { useCallback, useState } from 'react';
import { Alert, App, Button, Form, InputNumber, Modal, Popconfirm, Select, Space, Table, Tag, Typography } from 'antd';
import { KeyOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { DEFAULT_RATE_LIMIT_PER_MINUTE, DEFAULT_ROTATION_OVERLAP_HOURS, partnerScopes, type ApiKeySummary, type CreatedApiKey, type PartnerScope } from '@autofin/contracts';
import { useLoad } from '../../ui/use-load.ts';
import dayjs from 'dayjs';
import { useErrorMessage } from '../../api/use-error-message.ts';
import { useModuleMessages } from '../../i18n/module-messages.ts';
import { createApiKey, fetchApiKeys, revokeApiKey, rotateApiKey } from './partners.api.ts';
import { partnersMessages } from './partners.i18n.ts';

const STATUS_COLOR: Record<ApiKeySummary['status'], string> = { active: 'green', expiring: 'orange', expired: 'default', revoked: 'red' };

/** The secret, shown once after creation or rotation, with a copy button. */
function SecretModal({ created, onClose }: { created: CreatedApiKey | null; onClose: () => void }) {
  const m = useModuleMessages(partnersMessages).key;
  return (
    <Modal open={created !== null} title={m.secretTitle} onCancel={onClose} footer={<Button type="primary" onClick={onClose}>{m.done}</Button>} maskClosable={false} data-testid="key-secret-modal">
      <Alert type="warning" showIcon message={m.secretHint} style={{ marginBottom: 12 }} />
      <Typography.Paragraph code copyable={{ tooltips: [m.copied, m.copied] }} data-testid="key-secret">
        {created?.key}
      </Typography.Paragraph>
    </Modal>
  );
}

export function PartnerKeys({ partnerId }: { partnerId: string }) {
  const m = useModuleMessages(partnersMessages).key;
  const { t } = useTranslation();
  const { message } = App.useApp();
  const errorMessage = useErrorMessage();
  const load = useCallback((signal: AbortSignal) => fetchApiKeys(partnerId, signal), [partnerId]);
  const [state, reload] = useLoad(load);
  const [createOpen, setCreateOpen] = useState(false);
  const [rotating, setRotating] = useState<ApiKeySummary | null>(null);
  const [created, setCreated] = useState<CreatedApiKey | null>(null);
  const [busy, setBusy] = useState(false);
  const [createForm] = Form.useForm<{ scopes: PartnerScope[]; rateLimitPerMinute: number }>();
  const [rotateForm] = Form.useForm<{ overlapHours: number }>();

  const act = async (fn: () => Promise<unknown>) => {
    setBusy(true);
    try {
      await fn();
      reload();
    } catch (err) {
      void message.error(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div data-testid="partner-keys">
      {state.status === 'error' ? <Alert type="error" showIcon message={t('common.loadFailed')} description={errorMessage(state.error)} /> : null}
      <Space style={{ marginBottom: 12 }}>
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreateOpen(true)} data-testid="create-key">
          {m.create}
        </Button>
      </Space>
      <Table<ApiKeySummary>
        rowKey="id"
        size="small"
        loading={state.status === 'loading'}
        dataSource={state.data ?? []}
        pagination={false}
        columns={[
          { title: m.prefix, dataIndex: 'prefix', render: (p: string) => <Typography.Text code style={{ whiteSpace: 'nowrap' }}>{p}…</Typography.Text> },
          { title: m.status, dataIndex: 'status', render: (s: ApiKeySummary['status']) => <Tag color={STATUS_COLOR[s]}>{m.statuses[s]}</Tag> },
          { title: m.scopes, dataIndex: 'scopes', render: (s: PartnerScope[]) => (s.length === partnerScopes.length ? m.allScopes : s.map((x) => <Tag key={x}>{m.scopeNames[x]}</Tag>)) },
          { title: m.rateLimit, dataIndex: 'rateLimitPerMinute' },
          { title: m.lastUsed, dataIndex: 'lastUsedAt', render: (v: string | null) => (v ? dayjs(v).format('YYYY-MM-DD HH:mm') : m.never) },
          { title: m.expires, dataIndex: 'expiresAt', render: (v: string | null) => (v ? dayjs(v).format('YYYY-MM-DD HH:mm') : '—') },
          { title: m.createdBy, dataIndex: 'createdBy', render: (v: string | null) => v ?? '—' },
          {
            title: m.actions,
            key: 'actions',
            render: (_: unknown, k) =>
              k.status === 'active' ? (
                <Space>
                  <Button size="small" icon={<KeyOutlined />} onClick={() => setRotating(k)}>
                    {m.rotate}
                  </Button>
                  <Popconfirm title={m.revokeConfirm} onConfirm={() => act(() => revokeApiKey(partnerId, k.id))}>
                    <Button size="small" danger disabled={busy}>
                      {m.revoke}
                    </Button>
                  </Popconfirm>
                </Space>
              ) : k.status === 'expiring' ? (
                <Popconfirm title={m.revokeConfirm} onConfirm={() => act(() => revokeApiKey(partnerId, k.id))}>
                  <Button size="small" danger disabled={busy}>
                    {m.revoke}
                  </Button>
                </Popconfirm>
              ) : null,
          },
        ]}
      />
      <Modal
        open={createOpen}
        title={m.createTitle}
        okText={m.create}
        confirmLoading={busy}
        onCancel={() => setCreateOpen(false)}
        onOk={() =>
          void createForm.validateFields().then((v) =>
            act(async () => {
              const k = await createApiKey(partnerId, { ...(v.scopes?.length ? { scopes: v.scopes } : {}), rateLimitPerMinute: v.rateLimitPerMinute });
              setCreateOpen(false);
              createForm.resetFields();
              setCreated(k);
            }),
          )
        }
      >
        <Form form={createForm} layout="vertical" initialValues={{ scopes: [], rateLimitPerMinute: DEFAULT_RATE_LIMIT_PER_MINUTE }}>
          <Form.Item name="scopes" label={m.scopes}>
            <Select mode="multiple" allowClear placeholder={m.allScopes} options={partnerScopes.map((s) => ({ value: s, label: `${m.scopeNames[s]} (${s})` }))} />
          </Form.Item>
          <Form.Item name="rateLimitPerMinute" label={m.rateLimit} rules={[{ required: true }]}>
            <InputNumber min={1} max={100000} style={{ width: 200 }} />
          </Form.Item>
        </Form>
      </Modal>
      <Modal
        open={rotating !== null}
        title={m.rotateTitle}
        okText={m.rotate}
        confirmLoading={busy}
        onCancel={() => setRotating(null)}
        onOk={() =>
          void rotateForm.validateFields().then((v) =>
            act(async () => {
              const k = await rotateApiKey(partnerId, rotating!.id, v.overlapHours);
              setRotating(null);
              setCreated(k);
            }),
          )
        }
      >
        <Alert type="info" showIcon message={m.rotateHint} style={{ marginBottom: 12 }} />
        <Form form={rotateForm} layout="vertical" initialValues={{ overlapHours: DEFAULT_ROTATION_OVERLAP_HOURS }}>
          <Form.Item name="overlapHours" label={m.overlapHours} rules={[{ required: true }]}>
            <InputNumber min={0} max={720} style={{ width: 200 }} />
          </Form.Item>
        </Form>
      </Modal>
      <SecretModal created={created} onClose={() => setCreated(null)} />
    </div>
  );
}
