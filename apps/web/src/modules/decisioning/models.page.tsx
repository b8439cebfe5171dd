import { useMemo, useState } from 'react';
import { Alert, App, Button, Card, Form, Input, InputNumber, Modal, Popconfirm, Space, Table, Tag, Tooltip, Typography, Upload } from 'antd';
import { CrownOutlined, ExperimentOutlined, StopOutlined, UploadOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import type { ModelSummary } from '@autofin/contracts';
import { Page } from '../../ui/page.tsx';
import { useLoad } from '../../ui/use-load.ts';
import { useErrorMessage } from '../../api/use-error-message.ts';
import { useModuleMessages } from '../../i18n/module-messages.ts';
import { label } from '../../i18n/locale-provider.tsx';
import { useCurrentUser, hasAnyRole } from '../auth/session.tsx';
import { decisioningMessages } from './decisioning.i18n.ts';
import { DECISIONING_EDITORS, fetchModels, makeChallenger, makeChampion, registerModel, retireModel } from './decisioning.api.ts';
import './decisioning.css';

export const statusColor = { candidate: 'blue', champion: 'gold', challenger: 'purple', retired: 'default' } as const;
const pct = (x: number | null, places = 1) => (x === null ? '—' : `${(x * 100).toFixed(places)}%`);
const num = (x: number | null) => (x === null ? '—' : x.toFixed(3));
export const modelName = (m: Pick<ModelSummary, 'modelId' | 'modelVersion'>) => `${m.modelId} ${m.modelVersion}`;

/** The registry: every model with its status and figures; risk promotes, runs as challenger, retires and registers. */
export function ModelsPage() {
  const d = useModuleMessages(decisioningMessages);
  const m = d.models;
  const { t } = useTranslation('decisioning');
  const { message } = App.useApp();
  const errorMessage = useErrorMessage();
  const user = useCurrentUser();
  const canEdit = hasAnyRole(user, DECISIONING_EDITORS);
  const [list, reload] = useLoad(fetchModels);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [challenger, setChallenger] = useState<ModelSummary | null>(null);
  const [share, setShare] = useState<number | null>(10);
  const [registering, setRegistering] = useState(false);
  const items = useMemo(() => list.data?.items ?? [], [list.data]);

  async function act(model: ModelSummary, kind: string, action: () => Promise<ModelSummary>): Promise<boolean> {
    setBusy(`${kind}:${model.id}`);
    setError(null);
    try {
      const after = await action();
      void message.success(t('models.changed', { name: modelName(after), status: label(m.status, after.status) }));
      reload();
      return true;
    } catch (e) {
      setError(e);
      return false;
    } finally {
      setBusy(null);
    }
  }

  return (
    <Page
      testId="models-page"
      title={m.title}
      subtitle={m.subtitle}
      extra={
        canEdit ? (
          <Button type="primary" icon={<UploadOutlined />} onClick={() => setRegistering(true)} data-testid="model-register">
            {m.register}
          </Button>
        ) : (
          <Typography.Text type="secondary">{m.roleReadOnly}</Typography.Text>
        )
      }
    >
      {error ? <Alert type="error" showIcon className="page__alert" message={errorMessage(error)} data-testid="models-error" closable onClose={() => setError(null)} /> : null}
      {list.status === 'error' ? <Alert type="error" showIcon className="page__alert" message={errorMessage(list.error)} /> : null}
      <Card variant="borderless">
        <Table<ModelSummary>
          rowKey="id"
          size="middle"
          loading={list.status === 'loading'}
          dataSource={items}
          pagination={false}
          data-testid="models-table"
          scroll={{ x: 1100 }}
          columns={[
            {
              title: m.cols.model,
              key: 'model',
              render: (_, r) => (
                <Space direction="vertical" size={0}>
                  <Link to={`/decisioning/models/${r.id}`} data-testid={`model-link-${r.modelId}`}>
                    <b>{modelName(r)}</b>
                  </Link>
                  <Typography.Text type="secondary" className="model-name">
                    {r.name} {r.demo ? <Tooltip title={d.demoHint}><Tag color="orange">{d.demoData}</Tag></Tooltip> : null}
                  </Typography.Text>
                </Space>
              ),
            },
            {
              title: m.cols.status,
              key: 'status',
              render: (_, r) => (
                <Tag color={statusColor[r.status]} data-testid={`model-status-${r.modelId}-${r.modelVersion}`}>
                  {label(m.status, r.status)}
                </Tag>
              ),
            },
            { title: m.cols.share, key: 'share', render: (_, r) => (r.status === 'champion' ? pct(1 - items.filter((x) => x.status === 'challenger').reduce((a, x) => a + (x.trafficShare ?? 0), 0), 0) : r.trafficShare === null ? '—' : pct(r.trafficShare, 0)) },
            { title: m.cols.rows, dataIndex: 'trainingRows', align: 'right', render: (v: number) => v.toLocaleString() },
            { title: m.cols.badRate, dataIndex: 'badRate', align: 'right', render: (v: number) => pct(v, 2) },
            { title: m.cols.auc, dataIndex: 'auc', align: 'right', render: num },
            { title: m.cols.ks, dataIndex: 'ks', align: 'right', render: num },
            { title: <Tooltip title={d.model.cvAuc + ' / ' + d.model.holdoutAuc}>{m.cols.holdoutAuc}</Tooltip>, key: 'holdout', align: 'right', render: (_, r) => num(r.holdoutAuc ?? r.cvAuc) },
            { title: m.cols.characteristics, key: 'chars', align: 'right', render: (_, r) => <Tooltip title={r.characteristics.join(', ')}>{r.characteristics.length}</Tooltip> },
            { title: m.cols.created, dataIndex: 'createdAt', render: (v: string) => dayjs(v).format('YYYY-MM-DD HH:mm') },
            {
              title: m.cols.actions,
              key: 'actions',
              fixed: 'right',
              render: (_, r) => (
                <Space size={4} wrap>
                  <Link to={`/decisioning/models/${r.id}`}>{m.open}</Link>
                  {canEdit && r.status !== 'champion' && r.status !== 'retired' ? (
                    <>
                      <Popconfirm title={t('models.championConfirm', { name: modelName(r) })} onConfirm={() => void act(r, 'champion', () => makeChampion(r.id))}>
                        <Button size="small" icon={<CrownOutlined />} loading={busy === `champion:${r.id}`} data-testid={`model-champion-${r.modelId}-${r.modelVersion}`}>
                          {m.makeChampion}
                        </Button>
                      </Popconfirm>
                      <Button
                        size="small"
                        icon={<ExperimentOutlined />}
                        onClick={() => {
                          setShare(r.trafficShare === null ? 10 : Math.round(r.trafficShare * 100));
                          setChallenger(r);
                        }}
                        data-testid={`model-challenger-${r.modelId}-${r.modelVersion}`}
                      >
                        {m.makeChallenger}
                      </Button>
                      <Popconfirm title={t('models.retireConfirm', { name: modelName(r) })} onConfirm={() => void act(r, 'retire', () => retireModel(r.id))}>
                        <Button size="small" danger icon={<StopOutlined />} loading={busy === `retire:${r.id}`} data-testid={`model-retire-${r.modelId}-${r.modelVersion}`}>
                          {m.retire}
                        </Button>
                      </Popconfirm>
                    </>
                  ) : null}
                </Space>
              ),
            },
          ]}
        />
      </Card>

      <Modal
        open={challenger !== null}
        title={challenger ? t('models.challengerTitle', { name: modelName(challenger) }) : ''}
        onCancel={() => setChallenger(null)}
        okButtonProps={{ disabled: share === null || share <= 0 || share > 50, loading: challenger !== null && busy === `challenger:${challenger.id}` }}
        onOk={async () => {
          if (!challenger || share === null) return;
          if (await act(challenger, 'challenger', () => makeChallenger(challenger.id, share / 100))) setChallenger(null);
        }}
        destroyOnHidden
      >
        <Typography.Paragraph type="secondary">{m.challengerHint}</Typography.Paragraph>
        <Form layout="vertical">
          <Form.Item label={m.share} validateStatus={share === null || share <= 0 || share > 50 ? 'error' : ''} help={share === null || share <= 0 || share > 50 ? '0 < % ≤ 50' : undefined}>
            <InputNumber min={1} max={50} step={1} value={share} onChange={(v) => setShare(v)} addonAfter="%" data-testid="challenger-share" />
          </Form.Item>
        </Form>
      </Modal>

      <RegisterModal open={registering} onClose={() => setRegistering(false)} onRegistered={reload} />
    </Page>
  );
}

function RegisterModal({ open, onClose, onRegistered }: { open: boolean; onClose: () => void; onRegistered: () => void }) {
  const m = useModuleMessages(decisioningMessages).models;
  const { t } = useTranslation('decisioning');
  const { message } = App.useApp();
  const errorMessage = useErrorMessage();
  const [artefact, setArtefact] = useState<unknown>(null);
  const [fileName, setFileName] = useState<string | null>(null);
  const [meta, setMeta] = useState({ name: '', dataSource: '', notes: '' });
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const reset = () => {
    setArtefact(null);
    setFileName(null);
    setMeta({ name: '', dataSource: '', notes: '' });
    setError(null);
  };

  return (
    <Modal
      open={open}
      title={m.registerTitle}
      onCancel={() => {
        reset();
        onClose();
      }}
      okButtonProps={{ disabled: artefact === null, loading: busy }}
      onOk={async () => {
        setBusy(true);
        setError(null);
        try {
          const r = await registerModel(artefact, { name: meta.name || undefined, dataSource: meta.dataSource || fileName || undefined, notes: meta.notes || undefined });
          void message.success(t('models.registered', { id: r.modelId, version: r.modelVersion }));
          reset();
          onRegistered();
          onClose();
        } catch (e) {
          setError(errorMessage(e));
        } finally {
          setBusy(false);
        }
      }}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">{m.registerHint}</Typography.Paragraph>
      {error ? <Alert type="error" showIcon message={error} className="page__alert" data-testid="register-error" /> : null}
      <Form layout="vertical">
        <Form.Item label={m.file} required>
          <Upload
            accept=".json,application/json"
            maxCount={1}
            showUploadList={false}
            beforeUpload={(file) => {
              void file.text().then((body) => {
                try {
                  setArtefact(JSON.parse(body));
                  setFileName(file.name);
                  setError(null);
                } catch (e) {
                  setArtefact(null);
                  setError(t('models.fileInvalid', { message: e instanceof Error ? e.message : String(e) }));
                }
              });
              return false;
            }}
          >
            <Button icon={<UploadOutlined />}>{fileName ?? m.chooseFile}</Button>
          </Upload>
        </Form.Item>
        <Form.Item label={m.name}>
          <Input value={meta.name} onChange={(e) => setMeta({ ...meta, name: e.target.value })} maxLength={120} />
        </Form.Item>
        <Form.Item label={m.dataSource}>
          <Input value={meta.dataSource} onChange={(e) => setMeta({ ...meta, dataSource: e.target.value })} maxLength={200} placeholder={fileName ?? ''} />
        </Form.Item>
        <Form.Item label={m.notes}>
          <Input.TextArea value={meta.notes} onChange={(e) => setMeta({ ...meta, notes: e.target.value })} maxLength={2000} rows={2} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
