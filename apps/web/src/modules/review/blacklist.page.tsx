import { useCallback, useEffect, useState } from 'react';
import { Alert, App, Button, Card, Form, Input, Modal, Select, Space, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { PlusOutlined, ReloadOutlined, StopOutlined } from '@ant-design/icons';
import { checkResidentId, normaliseCnMobile, residentIdCheckChar } from '@autofin/domain';
import { Page } from '../../ui/page.tsx';
import { useModuleMessages } from '../../i18n/module-messages.ts';
import { useErrorMessage } from '../../api/use-error-message.ts';
import { ApiError } from '../../api/client.ts';
import { hasAnyRole, useCurrentUser } from '../auth/session.tsx';
import { fill, formatDateTime } from '../applications/application-format.tsx';
import { blacklistMessages } from './review.i18n.ts';
import { addToBlacklist, BLACKLIST_LISTS, BLACKLIST_WRITERS, deactivateBlacklistEntry, fetchBlacklist, type BlacklistEntry, type BlacklistList } from './blacklist.api.ts';

interface AddForm {
  list: BlacklistList;
  value: string;
  reason: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const today = () => new Date().toISOString().slice(0, 10);

/**
 * 黑名单 / Blacklist: the entries the decision engine's POLICY_BLACKLIST rule matches. The value
 * is checked here with the same domain checks the server runs (GB 11643 check character, CN
 * mobile) so the analyst sees the problem under the field at once; the server's answer is the
 * judge and its field errors land under the same field.
 */
export function BlacklistPage() {
  const b = useModuleMessages(blacklistMessages).blacklist;
  const user = useCurrentUser();
  const canWrite = hasAnyRole(user, BLACKLIST_WRITERS);
  const errorMessage = useErrorMessage();
  const { message } = App.useApp();
  const [form] = Form.useForm<AddForm>();
  const list = Form.useWatch('list', form) ?? 'id_number';
  const [items, setItems] = useState<BlacklistEntry[]>([]);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<unknown>(null);
  const [saving, setSaving] = useState(false);
  const [generation, setGeneration] = useState(0);
  const [deactivating, setDeactivating] = useState<BlacklistEntry | null>(null);
  const [deactivateReason, setDeactivateReason] = useState('');
  const [deactivateError, setDeactivateError] = useState<unknown>(null);

  useEffect(() => {
    const controller = new AbortController();
    setLoading(true);
    fetchBlacklist(controller.signal).then(
      (page) => {
        if (controller.signal.aborted) return;
        setItems(page.items);
        setError(null);
        setLoading(false);
      },
      (e: unknown) => {
        if (controller.signal.aborted) return;
        setError(e);
        setLoading(false);
      },
    );
    return () => controller.abort();
  }, [generation]);

  const valueProblem = useCallback(
    (kind: BlacklistList, raw: string): string | null => {
      const v = raw.trim();
      if (!v) return b.valueRequired;
      if (kind === 'id_number') {
        const id = v.toUpperCase();
        if (!/^\d{17}[\dX]$/.test(id)) return b.idFormat;
        const expected = residentIdCheckChar(id.slice(0, 17));
        if (expected !== id[17]) return fill(b.idCheckDigit, { expected });
        const check = checkResidentId(id, today(), 'value');
        return check.ok ? null : `${b.invalidId}: ${check.errors.map((e) => e.message).join('; ')}`;
      }
      if (kind === 'phone') return normaliseCnMobile(v) === null ? b.invalidPhone : null;
      if (kind === 'dealer') return UUID.test(v) ? null : b.valuePlaceholder.dealer;
      return null;
    },
    [b],
  );

  const submit = async (values: AddForm) => {
    setSaving(true);
    try {
      const entry = await addToBlacklist(values);
      message.success(fill(b.added, { list: b.lists[entry.list], last4: entry.last4 ?? '' }));
      form.resetFields(['value', 'reason']);
      setGeneration((g) => g + 1);
    } catch (e) {
      if (e instanceof ApiError && e.problem?.errors?.length) {
        form.setFields(
          e.problem.errors
            .filter((fe) => fe.field === 'value' || fe.field === 'reason' || fe.field === 'list')
            .map((fe) => ({ name: fe.field as keyof AddForm, errors: [fe.message] })),
        );
      } else if (e instanceof ApiError && e.status === 409) {
        form.setFields([{ name: 'value', errors: [errorMessage(e)] }]);
      } else {
        message.error(errorMessage(e));
      }
    } finally {
      setSaving(false);
    }
  };

  const confirmDeactivate = async () => {
    if (!deactivating) return;
    try {
      await deactivateBlacklistEntry(deactivating.id, deactivateReason.trim());
      message.success(b.deactivated);
      setDeactivating(null);
      setDeactivateReason('');
      setGeneration((g) => g + 1);
    } catch (e) {
      setDeactivateError(e);
    }
  };

  const columns: TableColumnsType<BlacklistEntry> = [
    { title: b.columns.list, dataIndex: 'list', render: (l: BlacklistList) => b.lists[l] },
    { title: b.columns.last4, dataIndex: 'last4', render: (v: string | null) => <Typography.Text code>{v ? `…${v}` : '–'}</Typography.Text> },
    { title: b.columns.reason, dataIndex: 'reason' },
    { title: b.columns.addedBy, dataIndex: 'addedBy', render: (v: string | null) => v ?? '–' },
    { title: b.columns.addedAt, dataIndex: 'addedAt', render: (v: string) => formatDateTime(v) },
    { title: b.columns.status, dataIndex: 'active', render: (a: boolean) => (a ? <Tag color="red">{b.active}</Tag> : <Tag>{b.inactive}</Tag>) },
    ...(canWrite
      ? [
          {
            title: b.columns.actions,
            key: 'actions',
            render: (_: unknown, e: BlacklistEntry) =>
              e.active ? (
                <Button size="small" icon={<StopOutlined />} onClick={() => { setDeactivating(e); setDeactivateReason(''); setDeactivateError(null); }}>
                  {b.deactivate}
                </Button>
              ) : null,
          },
        ]
      : []),
  ];

  return (
    <Page
      title={b.title}
      subtitle={b.subtitle}
      testId="blacklist-page"
      extra={
        <Button icon={<ReloadOutlined />} onClick={() => setGeneration((g) => g + 1)}>
          {b.refresh}
        </Button>
      }
    >
      {canWrite ? (
        <Card title={b.add} size="small" style={{ marginBottom: 16 }}>
          <Form<AddForm> form={form} layout="vertical" initialValues={{ list: 'id_number' }} onFinish={(v) => void submit(v)} requiredMark={false}>
            <Space align="start" wrap>
              <Form.Item name="list" label={b.list} style={{ width: 160 }}>
                <Select options={BLACKLIST_LISTS.map((l) => ({ value: l, label: b.lists[l] }))} onChange={() => form.setFields([{ name: 'value', errors: [] }])} />
              </Form.Item>
              <Form.Item
                name="value"
                label={b.value}
                style={{ width: 320 }}
                validateTrigger="onBlur"
                rules={[{ validator: async (_, v: string | undefined) => { const p = valueProblem(list, v ?? ''); if (p) throw new Error(p); } }]}
              >
                <Input placeholder={b.valuePlaceholder[list]} autoComplete="off" data-testid="blacklist-value" />
              </Form.Item>
              <Form.Item name="reason" label={b.reason} style={{ width: 360 }} rules={[{ validator: async (_, v: string | undefined) => { if ((v ?? '').trim().length < 3) throw new Error(b.reasonRequired); } }]}>
                <Input placeholder={b.reasonPlaceholder} maxLength={500} />
              </Form.Item>
              <Form.Item label=" ">
                <Button type="primary" htmlType="submit" icon={<PlusOutlined />} loading={saving}>
                  {b.add}
                </Button>
              </Form.Item>
            </Space>
          </Form>
        </Card>
      ) : (
        <Alert type="info" showIcon message={b.readOnly} style={{ marginBottom: 16 }} />
      )}
      {error ? <Alert type="error" showIcon message={errorMessage(error)} style={{ marginBottom: 12 }} /> : null}
      <Table<BlacklistEntry> rowKey="id" size="middle" loading={loading} columns={columns} dataSource={items} locale={{ emptyText: b.empty }} pagination={{ pageSize: 50, hideOnSinglePage: true }} />
      <Modal
        open={deactivating !== null}
        title={b.deactivateTitle}
        okText={b.deactivate}
        cancelText={b.cancel}
        okButtonProps={{ danger: true, disabled: deactivateReason.trim().length < 3 }}
        onOk={() => void confirmDeactivate()}
        onCancel={() => setDeactivating(null)}
      >
        {deactivating ? (
          <Typography.Paragraph>
            {b.lists[deactivating.list]} <Typography.Text code>…{deactivating.last4 ?? '–'}</Typography.Text> — {deactivating.reason}
          </Typography.Paragraph>
        ) : null}
        <Typography.Paragraph type="secondary">{b.deactivateHint}</Typography.Paragraph>
        <Typography.Text>{b.deactivateReason}</Typography.Text>
        <Input.TextArea rows={2} value={deactivateReason} onChange={(e) => setDeactivateReason(e.target.value)} maxLength={500} status={deactivateReason && deactivateReason.trim().length < 3 ? 'error' : undefined} />
        {deactivateReason && deactivateReason.trim().length < 3 ? <Typography.Text type="danger">{b.reasonRequired}</Typography.Text> : null}
        {deactivateError ? <Alert type="error" showIcon message={errorMessage(deactivateError)} style={{ marginTop: 8 }} /> : null}
      </Modal>
    </Page>
  );
}
