import { useCallback, useEffect, useMemo, useState } from 'react';
import { Alert, App, Button, Card, Col, Input, Popconfirm, Row, Select, Skeleton, Space, Tag, Typography } from 'antd';
import { CopyOutlined, RocketOutlined, SaveOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { GridSummary, PricingGrid, StoredGrid } from '@autofin/contracts';
import { Page } from '../../ui/page.tsx';
import { useLoad } from '../../ui/use-load.ts';
import { useErrorMessage } from '../../api/use-error-message.ts';
import { useModuleMessages } from '../../i18n/module-messages.ts';
import { label } from '../../i18n/locale-provider.tsx';
import { useCurrentUser, hasAnyRole } from '../auth/session.tsx';
import { pricingMessages } from './pricing.i18n.ts';
import { createGridDraft, fetchGrid, fetchGrids, GRID_EDITORS, publishGrid, saveGridDraft } from './pricing.api.ts';
import { GridEditor } from './grid-editor.tsx';
import { GridPreviewPanel } from './grid-preview.tsx';
import '../quotes/quotes.css';
import './pricing.css';

const statusColor = { draft: 'gold', active: 'green', retired: 'default' } as const;
const keyOf = (g: { gridId: string; version: number }) => `${g.gridId}@${g.version}`;

export function PricingPage() {
  const m = useModuleMessages(pricingMessages);
  const { t } = useTranslation('pricing');
  const { message } = App.useApp();
  const errorMessage = useErrorMessage();
  const user = useCurrentUser();
  const canEdit = hasAnyRole(user, GRID_EDITORS);
  const [list, reloadList] = useLoad(fetchGrids);
  const [selected, setSelected] = useState<string | null>(null);
  const [stored, setStored] = useState<StoredGrid | null>(null);
  const [draft, setDraft] = useState<PricingGrid | null>(null);
  const [dirty, setDirty] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState<'new' | 'save' | 'publish' | null>(null);

  const items = useMemo<GridSummary[]>(() => list.data?.items ?? [], [list.data]);
  // Open the active version first (or the newest draft when nothing is active).
  useEffect(() => {
    if (selected || items.length === 0) return;
    const first = items.find((g) => g.status === 'active') ?? items[0];
    if (first) setSelected(keyOf(first));
  }, [items, selected]);

  useEffect(() => {
    if (!selected) return;
    const [gridId = '', version = '1'] = selected.split('@');
    const controller = new AbortController();
    fetchGrid(gridId, Number(version), controller.signal).then(
      (g) => {
        setStored(g);
        setDraft(g.grid);
        setDirty(false);
        setError(null);
      },
      (e: unknown) => {
        if (!controller.signal.aborted) setError(e);
      },
    );
    return () => controller.abort();
  }, [selected]);

  const editable = !!stored && stored.status === 'draft' && canEdit;
  const edit = useCallback((grid: PricingGrid) => {
    setDraft(grid);
    setDirty(true);
  }, []);

  async function run<T>(kind: 'new' | 'save' | 'publish', action: () => Promise<T>): Promise<T | null> {
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
    if (!draft) return;
    const created = await run('new', () => createGridDraft(draft));
    if (!created) return;
    void message.success(t('created', { id: created.gridId, version: created.version }));
    reloadList();
    setSelected(keyOf(created));
  }

  async function save(): Promise<boolean> {
    if (!draft || !stored) return false;
    const saved = await run('save', () => saveGridDraft({ ...draft, id: stored.gridId, version: stored.version }));
    if (!saved) return false;
    setStored(saved);
    setDraft(saved.grid);
    setDirty(false);
    void message.success(t('saved', { id: saved.gridId, version: saved.version }));
    return true;
  }

  async function publish() {
    if (!stored) return;
    if (dirty && !(await save())) return;
    const published = await run('publish', () => publishGrid(stored.gridId, stored.version));
    if (!published) return;
    void message.success(t('published', { id: published.gridId, version: published.version }));
    setStored(published);
    reloadList();
  }

  return (
    <Page
      testId="pricing-page"
      title={m.title}
      subtitle={m.subtitle}
      tags={stored ? <Tag color={statusColor[stored.status]} data-testid="grid-status">{label(m.status, stored.status)}</Tag> : null}
      extra={
        <>
          <Select
            style={{ width: 260 }}
            value={selected}
            onChange={setSelected}
            loading={list.status === 'loading'}
            data-testid="grid-version"
            options={items.map((g) => ({ value: keyOf(g), label: `${g.gridId} v${g.version} · ${label(m.status, g.status)}` }))}
          />
          {canEdit && stored ? (
            <Space>
              <Button icon={<CopyOutlined />} onClick={() => void newDraft()} loading={busy === 'new'} data-testid="grid-new-draft">
                {m.newDraft}
              </Button>
              {stored.status === 'draft' ? (
                <>
                  <Button icon={<SaveOutlined />} onClick={() => void save()} disabled={!dirty} loading={busy === 'save'} data-testid="grid-save">
                    {m.save}
                  </Button>
                  <Popconfirm title={t('publishConfirm', { id: stored.gridId, version: stored.version })} onConfirm={() => void publish()}>
                    <Button type="primary" icon={<RocketOutlined />} loading={busy === 'publish'} data-testid="grid-publish">
                      {m.publish}
                    </Button>
                  </Popconfirm>
                </>
              ) : null}
            </Space>
          ) : null}
        </>
      }
    >
      {error ? <Alert type="error" showIcon className="page__alert" message={errorMessage(error)} data-testid="grid-error" /> : null}
      {!draft || !stored ? (
        <Card variant="borderless">
          <Skeleton active paragraph={{ rows: 12 }} />
        </Card>
      ) : (
        <Row gutter={[16, 16]}>
          <Col xs={24} xxl={13} xl={12}>
            <Card variant="borderless" className="grid-card">
              <div className="grid-meta">
                <div className="grid-meta__item">
                  <span className="mini-label">{m.meta.effectiveFrom}</span>
                  {editable ? <Input size="small" value={draft.effectiveFrom} onChange={(e) => edit({ ...draft, effectiveFrom: e.target.value })} /> : <b>{draft.effectiveFrom}</b>}
                </div>
                <div className="grid-meta__item">
                  <span className="mini-label">{m.meta.rounding}</span>
                  {editable ? <Input size="small" value={draft.roundingStepPercent} onChange={(e) => edit({ ...draft, roundingStepPercent: e.target.value })} /> : <b>{draft.roundingStepPercent}</b>}
                </div>
                <div className="grid-meta__item grid-meta__item--wide">
                  <span className="mini-label">{m.meta.description}</span>
                  {editable ? <Input size="small" value={draft.description ?? ''} onChange={(e) => edit({ ...draft, description: e.target.value || undefined })} /> : <span>{draft.description}</span>}
                </div>
              </div>
              <Typography.Text type="secondary" className="grid-meta__note">
                {t('meta.createdBy', { at: dayjs(stored.createdAt).format('YYYY-MM-DD HH:mm') })}
                {stored.publishedAt ? ` · ${t('meta.publishedAt', { at: dayjs(stored.publishedAt).format('YYYY-MM-DD HH:mm') })}` : ''}
                {' · '}
                {editable ? (dirty ? <Tag color="orange">{m.unsaved}</Tag> : null) : canEdit ? m.readOnly : m.roleReadOnly}
              </Typography.Text>
              <GridEditor grid={draft} onChange={edit} readOnly={!editable} />
            </Card>
          </Col>
          <Col xs={24} xxl={11} xl={12}>
            <div className="grid-preview-wrap">
              <GridPreviewPanel grid={draft} />
            </div>
          </Col>
        </Row>
      )}
    </Page>
  );
}
