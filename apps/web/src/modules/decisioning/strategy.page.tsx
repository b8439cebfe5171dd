import { useCallback, useEffect, useMemo, useState } from 'react';
import { Alert, App, Button, Card, Col, Input, Popconfirm, Row, Select, Skeleton, Space, Table, Tag, Tooltip, Typography } from 'antd';
import { CopyOutlined, RocketOutlined, SaveOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { DecisionStrategy, StoredStrategy, StrategyVersionSummary, WhatIfRun } from '@autofin/contracts';
import { decisionStrategySchema } from '@autofin/contracts';
import { Page } from '../../ui/page.tsx';
import { useLoad } from '../../ui/use-load.ts';
import { useErrorMessage } from '../../api/use-error-message.ts';
import { useModuleMessages } from '../../i18n/module-messages.ts';
import { label } from '../../i18n/locale-provider.tsx';
import { useCurrentUser, hasAnyRole } from '../auth/session.tsx';
import { decisioningMessages } from './decisioning.i18n.ts';
import { createStrategyDraft, DECISIONING_EDITORS, fetchStrategies, fetchStrategy, publishStrategy, runWhatIf, saveStrategyDraft } from './decisioning.api.ts';
import { StrategyEditor, type FieldErrors } from './strategy-editor.tsx';
import { WhatIfPanel } from './what-if-panel.tsx';
import { strategyDiff } from './strategy-diff.ts';
import './decisioning.css';

const statusColor = { draft: 'gold', published: 'green', superseded: 'default' } as const;
const keyOf = (s: { strategyId: string; version: number }) => `${s.strategyId}@${s.version}`;

/** The same checks the server makes, before saving: each message under its field's path. */
function validate(definition: DecisionStrategy): FieldErrors {
  const parsed = decisionStrategySchema.safeParse(definition);
  const map = new Map<string, string>();
  if (!parsed.success) for (const issue of parsed.error.issues) map.set(issue.path.join('.') || '(root)', issue.message);
  return map;
}

/** The strategy editor: versions, a draft edited in forms, its diff against the published version, the what-if and publish. */
export function StrategyPage() {
  const d = useModuleMessages(decisioningMessages);
  const s = d.strategy;
  const { t } = useTranslation('decisioning');
  const { message } = App.useApp();
  const errorMessage = useErrorMessage();
  const user = useCurrentUser();
  const canEdit = hasAnyRole(user, DECISIONING_EDITORS);
  const [list, reloadList] = useLoad(fetchStrategies);
  const [selected, setSelected] = useState<string | null>(null);
  const [stored, setStored] = useState<StoredStrategy | null>(null);
  const [published, setPublished] = useState<StoredStrategy | null>(null);
  const [draft, setDraft] = useState<DecisionStrategy | null>(null);
  const [note, setNote] = useState('');
  const [dirty, setDirty] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState<'new' | 'save' | 'publish' | 'what-if' | null>(null);
  const [run, setRun] = useState<WhatIfRun | null>(null);
  const [runError, setRunError] = useState<string | null>(null);
  const [days, setDays] = useState(30);

  const items = useMemo<StrategyVersionSummary[]>(() => list.data?.items ?? [], [list.data]);
  const publishedSummary = items.find((v) => v.status === 'published');
  useEffect(() => {
    if (selected || items.length === 0) return;
    const first = items.find((v) => v.status === 'draft') ?? publishedSummary ?? items[0];
    if (first) setSelected(keyOf(first));
  }, [items, selected, publishedSummary]);

  useEffect(() => {
    if (!publishedSummary) return;
    const controller = new AbortController();
    fetchStrategy(publishedSummary.strategyId, publishedSummary.version, controller.signal).then(setPublished, () => undefined);
    return () => controller.abort();
  }, [publishedSummary]);

  useEffect(() => {
    if (!selected) return;
    const [strategyId = '', version = '1'] = selected.split('@');
    const controller = new AbortController();
    fetchStrategy(strategyId, Number(version), controller.signal).then(
      (v) => {
        setStored(v);
        setDraft(v.definition);
        setNote(v.note ?? '');
        setDirty(false);
        setError(null);
        setRun(null);
        setRunError(null);
      },
      (e: unknown) => {
        if (!controller.signal.aborted) setError(e);
      },
    );
    return () => controller.abort();
  }, [selected]);

  const editable = !!stored && stored.status === 'draft' && canEdit;
  const errors = useMemo(() => (draft && editable ? validate(draft) : new Map<string, string>()), [draft, editable]);
  const diff = useMemo(() => (draft && published && stored?.status !== 'published' ? strategyDiff(published.definition, draft) : []), [draft, published, stored]);
  const edit = useCallback((next: DecisionStrategy) => {
    setDraft(next);
    setDirty(true);
  }, []);
  // A run counts for publishing when it replayed this draft as saved now.
  const fresh = !!run && !dirty && !!stored && run.candidateVersion === stored.version && new Date(run.runAt).getTime() >= new Date(stored.updatedAt).getTime();

  async function act<T>(kind: NonNullable<typeof busy>, action: () => Promise<T>): Promise<T | null> {
    setBusy(kind);
    setError(null);
    try {
      return await action();
    } catch (e) {
      setError(e);
      return null;
    } finally {
      setBusy(null);
    }
  }

  async function newDraft() {
    const created = await act('new', () => createStrategyDraft({}));
    if (!created) return;
    void message.success(t('strategy.created', { version: created.version }));
    reloadList();
    setSelected(keyOf(created));
  }

  async function save(): Promise<StoredStrategy | null> {
    if (!draft || !stored) return null;
    if (errors.size > 0) {
      setError(new Error(s.invalid));
      return null;
    }
    const saved = await act('save', () => saveStrategyDraft(stored.strategyId, stored.version, draft, note || null));
    if (!saved) return null;
    setStored(saved);
    setDraft(saved.definition);
    setDirty(false);
    void message.success(t('strategy.saved', { version: saved.version }));
    reloadList();
    return saved;
  }

  async function whatIf() {
    if (!stored) return;
    const current = dirty ? await save() : stored;
    if (!current) return;
    setBusy('what-if');
    setRunError(null);
    try {
      setRun(await runWhatIf({ strategyId: current.strategyId, version: current.version, days }));
    } catch (e) {
      setRunError(errorMessage(e));
    } finally {
      setBusy(null);
    }
  }

  async function publish() {
    if (!stored || !run) return;
    const done = await act('publish', () => publishStrategy(stored.strategyId, stored.version, run.runId));
    if (!done) return;
    void message.success(t('strategy.published', { version: done.version }));
    setStored(done);
    setPublished(done);
    reloadList();
  }

  return (
    <Page
      testId="strategy-page"
      title={s.title}
      subtitle={s.subtitle}
      tags={
        stored ? (
          <Space size={4}>
            <Tag color={statusColor[stored.status]} data-testid="strategy-status">
              {label(s.status, stored.status)}
            </Tag>
            <Tag color="orange">{d.demoData}</Tag>
          </Space>
        ) : null
      }
      extra={
        <>
          <Select
            style={{ width: 280 }}
            value={selected}
            onChange={setSelected}
            loading={list.status === 'loading'}
            data-testid="strategy-version"
            options={items.map((v) => ({ value: keyOf(v), label: `${v.strategyId} v${v.version} · ${label(s.status, v.status)}` }))}
          />
          {canEdit && stored ? (
            <Space>
              <Button icon={<CopyOutlined />} onClick={() => void newDraft()} loading={busy === 'new'} data-testid="strategy-new-draft">
                {s.newDraft}
              </Button>
              {stored.status === 'draft' ? (
                <>
                  <Button icon={<SaveOutlined />} onClick={() => void save()} disabled={!dirty} loading={busy === 'save'} data-testid="strategy-save">
                    {s.save}
                  </Button>
                  <Tooltip title={fresh ? undefined : s.publishNeedsWhatIf}>
                    <Popconfirm title={t('strategy.publishConfirm', { id: stored.strategyId, version: stored.version })} onConfirm={() => void publish()} disabled={!fresh}>
                      <Button type="primary" icon={<RocketOutlined />} loading={busy === 'publish'} disabled={!fresh} data-testid="strategy-publish">
                        {s.publish}
                      </Button>
                    </Popconfirm>
                  </Tooltip>
                </>
              ) : null}
            </Space>
          ) : null}
        </>
      }
    >
      {error ? <Alert type="error" showIcon className="page__alert" message={errorMessage(error)} data-testid="strategy-error" closable onClose={() => setError(null)} /> : null}
      {errors.size > 0 ? (
        <Alert
          type="warning"
          showIcon
          className="page__alert"
          data-testid="strategy-validation"
          message={s.invalid}
          description={
            <ul style={{ margin: 0, paddingLeft: 18 }}>
              {[...errors].map(([path, msg]) => (
                <li key={path}>
                  <Typography.Text code>{path}</Typography.Text> {msg}
                </li>
              ))}
            </ul>
          }
        />
      ) : null}
      {!draft || !stored ? (
        <Card variant="borderless">
          <Skeleton active paragraph={{ rows: 12 }} />
        </Card>
      ) : (
        <Row gutter={[16, 16]}>
          <Col xs={24} xxl={14}>
            <Card variant="borderless" style={{ marginBottom: 16 }}>
              <Typography.Text type="secondary">
                {stored.basedOnVersion ? `${t('strategy.basedOn', { version: stored.basedOnVersion })} · ` : ''}
                {dayjs(stored.updatedAt).format('YYYY-MM-DD HH:mm')} · {editable ? (dirty ? <Tag color="orange">{s.unsaved}</Tag> : null) : canEdit ? s.readOnly : s.roleReadOnly}
              </Typography.Text>
              <div style={{ marginTop: 8 }}>
                <span className="mini-label">{s.note}</span>
                <Input.TextArea
                  rows={2}
                  maxLength={2000}
                  value={note}
                  disabled={!editable}
                  placeholder={s.notePlaceholder}
                  onChange={(e) => {
                    setNote(e.target.value);
                    setDirty(true);
                  }}
                  data-testid="strategy-note"
                />
              </div>
            </Card>
            <StrategyEditor strategy={draft} readOnly={!editable} errors={errors} onChange={edit} />
          </Col>
          <Col xs={24} xxl={10}>
            <Space direction="vertical" size={16} style={{ width: '100%' }}>
              <Card variant="borderless" title={s.diff} data-testid="strategy-diff">
                {stored.status === 'published' ? (
                  <Typography.Text type="secondary">{label(s.status, 'published')}</Typography.Text>
                ) : diff.length === 0 ? (
                  <Typography.Text type="secondary">{s.noDiff}</Typography.Text>
                ) : (
                  <Table
                    size="small"
                    rowKey="path"
                    pagination={false}
                    dataSource={diff}
                    columns={[
                      { title: s.field, dataIndex: 'label', render: (v: string, r) => <Tooltip title={r.path}>{v}</Tooltip> },
                      { title: s.publishedValue, dataIndex: 'before', render: (v: string) => <span className="diff-old">{v}</span> },
                      { title: s.draftValue, dataIndex: 'after', render: (v: string) => <span className="diff-new">{v}</span> },
                    ]}
                  />
                )}
              </Card>
              <Card variant="borderless" title={s.history}>
                <Table<StrategyVersionSummary>
                  size="small"
                  rowKey={keyOf}
                  pagination={false}
                  dataSource={items}
                  data-testid="strategy-history"
                  onRow={(r) => ({ onClick: () => setSelected(keyOf(r)), style: { cursor: 'pointer' } })}
                  columns={[
                    { title: s.version, key: 'v', render: (_, r) => <b>v{r.version}</b> },
                    { title: '', key: 'st', render: (_, r) => <Tag color={statusColor[r.status]}>{label(s.status, r.status)}</Tag> },
                    { title: s.note, dataIndex: 'note', render: (v: string | null) => <Typography.Text ellipsis={{ tooltip: v }} style={{ maxWidth: 220 }}>{v ?? ''}</Typography.Text> },
                    { title: '', key: 'at', render: (_, r) => dayjs(r.publishedAt ?? r.updatedAt).format('YYYY-MM-DD HH:mm') },
                  ]}
                />
              </Card>
            </Space>
          </Col>
          {stored.status === 'draft' ? (
            <Col span={24}>
              <WhatIfPanel run={run} stale={!!run && !fresh} busy={busy === 'what-if'} canRun={canEdit && errors.size === 0} days={days} onDays={setDays} onRun={() => void whatIf()} error={runError} />
            </Col>
          ) : null}
        </Row>
      )}
    </Page>
  );
}
