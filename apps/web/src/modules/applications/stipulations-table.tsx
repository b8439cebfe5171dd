import { useState } from 'react';
import { App, Button, Empty, Form, Input, Modal, Space, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import type { ApplicationDetail, StipulationView } from '@autofin/contracts';
import { formatMoney } from '../../ui/format.ts';
import { useErrorMessage } from '../../api/use-error-message.ts';
import { settleStipulation } from './applications.api.ts';
import { formatDateTime, labelOf, StipulationStatusTag, type AppMessages } from './application-format.tsx';

interface Props {
  applicationId: string;
  stipulations: StipulationView[];
  canSettle: boolean;
  m: AppMessages;
  zh: boolean;
  onChanged: (detail: ApplicationDetail) => void;
}

/** The conditions of an approval, who verified each and how; risk satisfies or waives them with a note. */
export function StipulationsTable({ applicationId, stipulations, canSettle, m, zh, onChanged }: Props) {
  const [settling, setSettling] = useState<{ stipulation: StipulationView; status: 'satisfied' | 'waived' } | null>(null);
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm<{ note: string }>();
  const errorMessage = useErrorMessage();
  const { message } = App.useApp();
  if (stipulations.length === 0) return <Empty description={m.stipulations.empty} />;

  const columns: TableColumnsType<StipulationView> = [
    {
      title: m.stipulations.type,
      key: 'type',
      render: (_: unknown, s) => (
        <Space direction="vertical" size={0}>
          <Tag color="gold">{labelOf(m.stipulationTypes, s.type)}</Tag>
          <Typography.Text type="secondary">{zh ? s.message.zh : s.message.en}</Typography.Text>
        </Space>
      ),
    },
    { title: m.stipulations.amount, dataIndex: 'amount', width: 130, render: (a: string | null) => (a ? formatMoney(a) : '–') },
    { title: m.stipulations.status, dataIndex: 'status', width: 100, render: (s: StipulationView['status']) => <StipulationStatusTag status={s} m={m} /> },
    { title: m.stipulations.verifiedBy, key: 'by', width: 180, render: (_: unknown, s) => (s.verifiedBy ? (s.verifiedBy.label ?? s.verifiedBy.id) : '–') },
    { title: m.stipulations.verifiedAt, dataIndex: 'verifiedAt', width: 150, render: (v: string | null) => formatDateTime(v) },
    { title: m.stipulations.note, dataIndex: 'note', render: (n: string | null) => n ?? '' },
    ...(canSettle
      ? [
          {
            title: '',
            key: 'actions',
            width: 170,
            render: (_: unknown, s: StipulationView) =>
              s.status === 'open' ? (
                <Space>
                  <Button size="small" type="primary" onClick={() => setSettling({ stipulation: s, status: 'satisfied' })} data-testid="stipulation-satisfy">
                    {m.stipulations.satisfy}
                  </Button>
                  <Button size="small" onClick={() => setSettling({ stipulation: s, status: 'waived' })} data-testid="stipulation-waive">
                    {m.stipulations.waive}
                  </Button>
                </Space>
              ) : null,
          },
        ]
      : []),
  ];

  const confirm = async () => {
    if (!settling) return;
    const { note } = await form.validateFields();
    setBusy(true);
    try {
      const detail = await settleStipulation(applicationId, settling.stipulation.id, settling.status, note.trim());
      onChanged(detail);
      setSettling(null);
      form.resetFields();
    } catch (e) {
      void message.error(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <Table<StipulationView> rowKey="id" size="small" columns={columns} dataSource={stipulations} pagination={false} data-testid="stipulations-table" />
      <Modal
        open={settling !== null}
        title={settling?.status === 'waived' ? m.stipulations.waiveTitle : m.stipulations.satisfyTitle}
        okText={m.stipulations.confirm}
        confirmLoading={busy}
        onOk={() => void confirm()}
        onCancel={() => setSettling(null)}
        destroyOnHidden
      >
        <Form form={form} layout="vertical">
          <Form.Item name="note" label={m.stipulations.note} rules={[{ required: true, whitespace: true, message: m.stipulations.noteRequired }]}>
            <Input.TextArea rows={3} placeholder={m.stipulations.notePlaceholder} maxLength={2000} data-testid="stipulation-note" />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
