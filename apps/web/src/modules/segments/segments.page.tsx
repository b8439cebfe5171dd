import { useEffect, useRef, useState } from 'react';
import { Alert, Button, Card, Col, Form, Input, Modal, Row, Select, Space, Statistic, Table, Tag, Typography, message } from 'antd';
import type { TableColumnsType } from 'antd';
import { DownloadOutlined, SaveOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { Link } from 'react-router-dom';
import { NEV_CURIOUS_EXAMPLE_RULE, type RuleGroup, type Segment } from '@autofin/contracts';
import { Page } from '../../ui/page.tsx';
import { useModuleMessages } from '../../i18n/module-messages.ts';
import { useLocale } from '../../i18n/locale-provider.tsx';
import { useErrorMessage } from '../../api/use-error-message.ts';
import { useCurrentUser, hasAnyRole } from '../auth/session.tsx';
import { segmentMessages } from './segments.i18n.ts';
import { RuleBuilder } from './rule-builder.tsx';
import { SEGMENT_EDITORS, SEGMENT_EXPORTERS, SEGMENT_PREVIEWERS, exportSegment, fetchSegments, previewSegment, saveSegment, type SegmentPreview } from './segments.api.ts';


export function SegmentsPage() {
  const m = useModuleMessages(segmentMessages);
  const { locale } = useLocale();
  const user = useCurrentUser();
  const errorMessage = useErrorMessage();
  const [segments, setSegments] = useState<Segment[]>([]);
  const [loading, setLoading] = useState(true);
  const [rule, setRule] = useState<RuleGroup>(NEV_CURIOUS_EXAMPLE_RULE);
  const [preview, setPreview] = useState<SegmentPreview | null>(null);
  const [previewError, setPreviewError] = useState<unknown>(null);
  const [counting, setCounting] = useState(false);
  const [exporting, setExporting] = useState<Segment | null>(null);
  const [saveOpen, setSaveOpen] = useState(false);
  const [exportForm] = Form.useForm<{ reason: string; channel?: string }>();
  const [saveForm] = Form.useForm<{ name: string; description?: string }>();
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const canPreview = hasAnyRole(user, SEGMENT_PREVIEWERS);

  const reload = () => {
    setLoading(true);
    fetchSegments().then(
      (r) => {
        setSegments(r.items);
        setLoading(false);
      },
      () => setLoading(false),
    );
  };
  useEffect(reload, []);

  // Live count: debounced, the previous request aborted when the rule changes again.
  useEffect(() => {
    if (!canPreview) return;
    const controller = new AbortController();
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(() => {
      setCounting(true);
      previewSegment(rule, controller.signal).then(
        (p) => {
          setPreview(p);
          setPreviewError(null);
          setCounting(false);
        },
        (e: unknown) => {
          if (controller.signal.aborted) return;
          setPreviewError(e);
          setCounting(false);
        },
      );
    }, 400);
    return () => controller.abort();
  }, [rule, canPreview]);

  const columns: TableColumnsType<Segment> = [
    {
      title: m.name,
      dataIndex: 'name',
      render: (_: string, s) => (
        <Space>
          <span>{locale === 'en-US' ? (s.nameEn ?? s.name) : s.name}</span>
          {s.builtin ? <Tag color="blue">{m.builtin}</Tag> : null}
        </Space>
      ),
    },
    {
      title: m.description,
      dataIndex: 'description',
      // Built-in descriptions are stored in English; the console shows its own translation when it has one.
      render: (d: string | null, s) => <Typography.Text type="secondary">{(s.code ? m.builtinDescriptions[s.code] : undefined) ?? d ?? '–'}</Typography.Text>,
    },
    { title: m.count, dataIndex: 'count', align: 'right', render: (n: number) => <span data-testid="segment-count">{n.toLocaleString(locale)}</span> },
    { title: m.evaluatedAt, dataIndex: 'evaluatedAt', render: (d: string | null) => (d ? dayjs(d).format('YYYY-MM-DD HH:mm') : '–') },
    {
      title: '',
      key: 'actions',
      render: (_: unknown, s) => (
        <Space>
          <Link to={`/customers?segment=${s.id}`}>{m.customers}</Link>
          {hasAnyRole(user, SEGMENT_EXPORTERS) ? (
            <Button size="small" icon={<DownloadOutlined />} onClick={() => setExporting(s)}>
              {m.export}
            </Button>
          ) : null}
        </Space>
      ),
    },
  ];

  return (
    <Page title={m.title} subtitle={m.subtitle} testId="segments-page">
      {canPreview ? (
        <Row gutter={16} style={{ marginBottom: 16 }}>
          <Col xs={24} xl={16}>
            <Typography.Title level={5}>{m.builder}</Typography.Title>
            <RuleBuilder value={rule} onChange={setRule} />
          </Col>
          <Col xs={24} xl={8}>
            <Card size="small">
              <Statistic title={m.liveCount} value={preview?.count ?? 0} suffix={m.people} loading={counting && !preview} valueStyle={{ fontSize: 36 }} />
              <div data-testid="live-count" data-count={preview?.count ?? ''} />
              {preview ? <Typography.Text type="secondary">{m.elapsed.replace('{{ms}}', String(preview.elapsedMs))}</Typography.Text> : null}
              {previewError ? <Alert type="error" showIcon message={errorMessage(previewError)} style={{ marginTop: 8 }} /> : null}
              {hasAnyRole(user, SEGMENT_EDITORS) ? (
                <Button type="primary" icon={<SaveOutlined />} block style={{ marginTop: 12 }} onClick={() => setSaveOpen(true)} disabled={!!previewError} data-testid="save-segment">
                  {m.save}
                </Button>
              ) : null}
              <Typography.Title level={5} style={{ marginTop: 16 }}>
                {m.sample}
              </Typography.Title>
              <Table
                size="small"
                rowKey="id"
                pagination={false}
                dataSource={preview?.sample ?? []}
                columns={[
                  { dataIndex: 'name', render: (n: string, r) => <Link to={`/customers/${r.id}`}>{n}</Link> },
                  { dataIndex: 'phone', render: (p: string) => <span className="mono">{p}</span> },
                  { dataIndex: 'city' },
                ]}
                showHeader={false}
              />
            </Card>
          </Col>
        </Row>
      ) : null}
      <Table<Segment> rowKey="id" loading={loading} dataSource={segments} columns={columns} pagination={false} data-testid="segments-table" />

      <Modal title={m.save} open={saveOpen} onCancel={() => setSaveOpen(false)} onOk={() => saveForm.submit()} destroyOnHidden>
        <Form
          form={saveForm}
          layout="vertical"
          onFinish={async (v) => {
            try {
              const s = await saveSegment(v.name, v.description, rule);
              void message.success(m.saved.replace('{{count}}', s.count.toLocaleString(locale)));
              setSaveOpen(false);
              reload();
            } catch (e) {
              void message.error(errorMessage(e));
            }
          }}
        >
          <Form.Item name="name" label={m.saveName} rules={[{ required: true, min: 2 }]}>
            <Input data-testid="segment-name" />
          </Form.Item>
          <Form.Item name="description" label={m.description}>
            <Input.TextArea rows={2} />
          </Form.Item>
        </Form>
      </Modal>

      <Modal title={m.exportTitle} open={exporting !== null} onCancel={() => setExporting(null)} onOk={() => exportForm.submit()} destroyOnHidden>
        <Form
          form={exportForm}
          layout="vertical"
          onFinish={async (v) => {
            if (!exporting) return;
            try {
              const { csv, withoutConsent } = await exportSegment(exporting.id, v.reason, v.channel || undefined);
              const url = URL.createObjectURL(new Blob([csv], { type: 'text/csv;charset=utf-8' }));
              const a = document.createElement('a');
              a.href = url;
              a.download = `segment-${exporting.code ?? exporting.id}.csv`;
              a.click();
              URL.revokeObjectURL(url);
              void message.success(m.exportDone.replace('{{rows}}', String(csv.trim().split('\n').length - 1)).replace('{{skipped}}', String(withoutConsent)));
              setExporting(null);
            } catch (e) {
              void message.error(errorMessage(e));
            }
          }}
        >
          <Form.Item name="reason" label={m.exportReason} rules={[{ required: true, min: 5 }]}>
            <Input.TextArea rows={2} />
          </Form.Item>
          <Form.Item name="channel" label={m.exportChannel} initialValue="">
            <Select options={[{ value: '', label: m.exportAnyChannel }, ...['sms', 'email', 'call', 'app_push', 'wechat'].map((c) => ({ value: c, label: c }))]} />
          </Form.Item>
        </Form>
      </Modal>
    </Page>
  );
}
