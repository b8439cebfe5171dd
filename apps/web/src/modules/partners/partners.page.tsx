import { useCallback, useState } from 'react';
import dayjs from 'dayjs';
import { Alert, App, Button, Drawer, Form, Input, Modal, Select, Space, Table, Tabs, Tag, Typography } from 'antd';
import { PlusOutlined, ReloadOutlined, ReadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { partnerTypes, type CreatePartnerBody, type PartnerSummary, type PartnerType } from '@autofin/contracts';
import { Page } from '../../ui/page.tsx';
import { useLoad } from '../../ui/use-load.ts';
import { useErrorMessage } from '../../api/use-error-message.ts';
import { useModuleMessages } from '../../i18n/module-messages.ts';
import { createPartner, fetchPartners } from './partners.api.ts';
import { partnersMessages } from './partners.i18n.ts';
import { PartnerKeys } from './partner-keys.tsx';
import { PartnerUsage } from './partner-usage.tsx';
import { PartnerWebhooks } from './partner-webhooks.tsx';

const PAGE_SIZE = 20;

/** Partners with their API access: keys, webhooks and delivery log, usage over time. */
export function PartnersPage() {
  const m = useModuleMessages(partnersMessages);
  const { t } = useTranslation();
  const { message } = App.useApp();
  const errorMessage = useErrorMessage();
  const [q, setQ] = useState('');
  const [type, setType] = useState<PartnerType | undefined>(undefined);
  const [page, setPage] = useState(1);
  const load = useCallback((signal: AbortSignal) => fetchPartners({ ...(q ? { q } : {}), type, offset: (page - 1) * PAGE_SIZE, limit: PAGE_SIZE }, signal), [q, type, page]);
  const [state, reload] = useLoad(load);
  const [selected, setSelected] = useState<PartnerSummary | null>(null);
  const [creating, setCreating] = useState(false);
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm<CreatePartnerBody>();
  const formType = Form.useWatch('type', form);
  const groupsLoad = useCallback((signal: AbortSignal) => fetchPartners({ type: 'dealer_group', limit: 200 }, signal), []);
  const [groups] = useLoad(groupsLoad);

  const submit = async () => {
    const v = await form.validateFields();
    setBusy(true);
    try {
      await createPartner({ name: v.name, type: v.type, ...(v.parentId ? { parentId: v.parentId } : {}) });
      void message.success(m.form.created);
      setCreating(false);
      form.resetFields();
      setQ(v.name);
      setPage(1);
      reload();
    } catch (err) {
      void message.error(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Page
      testId="partners-page"
      title={m.title}
      subtitle={m.subtitle}
      extra={
        <Space>
          <Button icon={<ReadOutlined />} href="/docs" target="_blank">
            {m.docs}
          </Button>
          <Button icon={<ReloadOutlined />} onClick={reload}>
            {t('overview.refresh')}
          </Button>
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="new-partner">
            {m.newPartner}
          </Button>
        </Space>
      }
    >
      <PartnerUsage testId="usage-all" />
      {state.status === 'error' ? <Alert type="error" showIcon message={t('common.loadFailed')} description={errorMessage(state.error)} className="page__alert" /> : null}
      <Space style={{ margin: '16px 0' }} wrap>
        <Input.Search
          allowClear
          placeholder={m.search}
          defaultValue={q}
          onSearch={(v) => {
            setQ(v.trim());
            setPage(1);
          }}
          style={{ width: 260 }}
          data-testid="partner-search"
        />
        <Select
          allowClear
          placeholder={m.allTypes}
          style={{ width: 180 }}
          value={type}
          onChange={(v: PartnerType | undefined) => {
            setType(v);
            setPage(1);
          }}
          options={partnerTypes.map((x) => ({ value: x, label: m.types[x] }))}
        />
        <Typography.Text type="secondary">{m.count.replace('{{count}}', String(state.data?.total ?? 0))}</Typography.Text>
      </Space>
      <Table<PartnerSummary>
        rowKey="id"
        loading={state.status === 'loading'}
        dataSource={state.data?.items ?? []}
        pagination={{ current: page, pageSize: PAGE_SIZE, total: state.data?.total ?? 0, showSizeChanger: false, onChange: setPage }}
        onRow={(p) => ({ onClick: () => setSelected(p), style: { cursor: 'pointer' } })}
        columns={[
          {
            title: m.name,
            dataIndex: 'name',
            render: (n: string, p) => (
              <Space>
                <Typography.Text strong>{n}</Typography.Text>
                {p.source === 'simulator' ? <Tag color="purple">{m.demo}</Tag> : null}
              </Space>
            ),
          },
          { title: m.type, dataIndex: 'type', render: (x: string) => m.types[x as PartnerType] ?? x },
          { title: m.group, dataIndex: 'parentName', render: (g: string | null) => g ?? '—' },
          { title: m.keys, dataIndex: 'activeKeys' },
          { title: m.webhooks, dataIndex: 'webhooks' },
          { title: m.created, dataIndex: 'createdAt', render: (v: string) => dayjs(v).format('YYYY-MM-DD') },
          {
            title: '',
            key: 'manage',
            render: (_: unknown, p) => (
              <Button size="small" onClick={() => setSelected(p)} data-testid="manage-partner">
                {m.manage}
              </Button>
            ),
          },
        ]}
      />
      <Drawer
        open={selected !== null}
        width={1120}
        title={
          selected ? (
            <Space>
              {selected.name}
              <Tag>{m.types[selected.type as PartnerType] ?? selected.type}</Tag>
              {selected.source === 'simulator' ? <Tag color="purple">{m.demo}</Tag> : null}
            </Space>
          ) : null
        }
        onClose={() => {
          setSelected(null);
          reload();
        }}
        destroyOnHidden
        data-testid="partner-drawer"
      >
        {selected ? (
          <Tabs
            items={[
              { key: 'keys', label: m.detail.keysTab, children: <PartnerKeys partnerId={selected.id} /> },
              { key: 'webhooks', label: m.detail.webhooksTab, children: <PartnerWebhooks partnerId={selected.id} /> },
              { key: 'usage', label: m.detail.usageTab, children: <PartnerUsage partnerId={selected.id} testId="usage-partner" /> },
            ]}
          />
        ) : null}
      </Drawer>
      <Modal open={creating} title={m.form.title} okText={m.form.create} cancelText={m.form.cancel} confirmLoading={busy} onCancel={() => setCreating(false)} onOk={() => void submit()}>
        <Form form={form} layout="vertical" initialValues={{ type: 'dealer' }}>
          <Form.Item name="name" label={m.form.name} rules={[{ required: true, whitespace: true, message: m.form.nameRequired }]}>
            <Input maxLength={120} data-testid="partner-name" />
          </Form.Item>
          <Form.Item name="type" label={m.form.type} rules={[{ required: true }]}>
            <Select options={partnerTypes.map((x) => ({ value: x, label: m.types[x] }))} />
          </Form.Item>
          {formType === 'dealer' ? (
            <Form.Item name="parentId" label={m.form.parent} extra={m.form.parentHint}>
              <Select allowClear showSearch optionFilterProp="label" options={(groups.data?.items ?? []).map((g) => ({ value: g.id, label: g.name }))} />
            </Form.Item>
          ) : null}
        </Form>
      </Modal>
    </Page>
  );
}
