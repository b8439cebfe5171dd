import { useCallback, useEffect, useMemo, useState } from 'react';
import { type ButtonProps, Alert, App, Badge, Button, Card, Drawer, Empty, Input, Popconfirm, Skeleton, Space, Table, Tag, Tooltip, Typography } from 'antd';
import { CopyOutlined, EditOutlined, PlusOutlined, ReloadOutlined, RocketOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { ProductDetailResponse, ProductSummary, ProductVersionRecord, ProductViolation } from '@autofin/contracts';
import { Page } from '../../ui/page.tsx';
import { useLoad } from '../../ui/use-load.ts';
import { useLocale, label } from '../../i18n/locale-provider.tsx';
import { useErrorMessage } from '../../api/use-error-message.ts';
import { useModuleMessages } from '../../i18n/module-messages.ts';
import { useCurrentUser, hasAnyRole } from '../auth/session.tsx';
import { quotesMessages } from '../quotes/quotes.i18n.ts';
import { bi } from '../quotes/money.ts';
import { productsMessages } from './products.i18n.ts';
import { fetchProduct, fetchProducts, PRODUCT_EDITORS, PRODUCT_PUBLISHERS, publishProduct, validateProduct, violationsOf } from './products.api.ts';
import { ProductDefinitionView, ViolationList } from './product-view.tsx';
import { ProductForm, type ProductFormMode } from './product-form.tsx';
import '../quotes/quotes.css';
import './products.css';

/** The catalogue list with each product's terms (the summary rows do not carry them, so the details are read too). */
async function loadCatalogue(signal: AbortSignal): Promise<{ items: ProductSummary[]; terms: Record<string, number[]> }> {
  const { items } = await fetchProducts(signal);
  const details = await Promise.all(items.map((p) => fetchProduct(p.code, signal).catch(() => null)));
  const terms: Record<string, number[]> = {};
  for (const detail of details) {
    const latest = detail?.versions[0];
    if (detail && latest) terms[detail.code] = latest.definition.terms;
  }
  return { items, terms };
}

const statusColor = { draft: 'gold', published: 'green', superseded: 'default' } as const;

/** The API records who acted as a user id; the short form is enough to tell people apart here. */
function ActorId({ id }: { id: string | null }) {
  if (!id) return null;
  return (
    <Tooltip title={id}>
      <span className="code-tag">{id.slice(0, 8)}</span>
    </Tooltip>
  );
}

export function ProductsPage() {
  const m = useModuleMessages(productsMessages);
  const q = useModuleMessages(quotesMessages);
  const { t } = useTranslation('products');
  const { locale } = useLocale();
  const user = useCurrentUser();
  const canEdit = hasAnyRole(user, PRODUCT_EDITORS);
  const canPublish = hasAnyRole(user, PRODUCT_PUBLISHERS);
  const errorMessage = useErrorMessage();
  const [state, reload] = useLoad(loadCatalogue);
  const [search, setSearch] = useState('');
  const [openCode, setOpenCode] = useState<string | null>(null);
  const [formMode, setFormMode] = useState<ProductFormMode | null>(null);
  const [detailGeneration, setDetailGeneration] = useState(0);

  const rows = useMemo(() => {
    const needle = search.trim().toLowerCase();
    const items = state.data?.items ?? [];
    if (!needle) return items;
    return items.filter((p) => [p.code, p.name.zh, p.name.en].some((s) => s.toLowerCase().includes(needle)));
  }, [state.data, search]);

  return (
    <Page
      testId="products-page"
      title={m.title}
      subtitle={m.subtitle}
      extra={
        <>
          <Input.Search allowClear placeholder={m.search} onChange={(e) => setSearch(e.target.value)} style={{ width: 240 }} />
          <Button icon={<ReloadOutlined />} onClick={reload}>
            {m.refresh}
          </Button>
          {canEdit ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setFormMode({ kind: 'create' })} data-testid="product-create">
              {m.create}
            </Button>
          ) : null}
        </>
      }
    >
      {state.status === 'error' ? <Alert type="error" showIcon className="page__alert" message={m.title} description={errorMessage(state.error)} /> : null}
      <Card variant="borderless" className="table-card">
        <Table<ProductSummary>
          rowKey="code"
          loading={state.status === 'loading'}
          dataSource={rows}
          pagination={false}
          data-testid="products-table"
          scroll={{ x: 1160 }}
          onRow={(p) => ({ onClick: () => setOpenCode(p.code), className: 'clickable-row' })}
          columns={[
            {
              title: `${m.list.code} / ${m.list.type}`,
              dataIndex: 'code',
              width: 200,
              render: (v: string, p) => (
                <div className="cell-stack">
                  <span>
                    <span className="code-tag">{v}</span>
                  </span>
                  <span className="cell-stack__sub">{label(m.types, p.type)}</span>
                </div>
              ),
            },
            {
              title: m.list.name,
              key: 'name',
              width: 230,
              render: (_: unknown, p) => (
                <div className="product-name">
                  <span className="product-name__main">{bi(p.name, locale)}</span>
                  <span className="product-name__alt">{locale === 'zh-CN' ? p.name.en : p.name.zh}</span>
                </div>
              ),
            },
            {
              title: m.list.status,
              key: 'status',
              width: 150,
              render: (_: unknown, p) => (
                <Space size={4} wrap>
                  {p.publishedVersion !== null ? (
                    <Tag color="green" bordered={false}>
                      {t('list.published', { version: p.publishedVersion })}
                    </Tag>
                  ) : (
                    <Tag bordered={false}>{m.list.noPublished}</Tag>
                  )}
                  {p.draftVersion !== null ? (
                    <Tag color="gold" bordered={false} data-testid="product-draft-tag">
                      {t('list.draft', { version: p.draftVersion })}
                    </Tag>
                  ) : null}
                </Space>
              ),
            },
            {
              title: m.list.version,
              dataIndex: 'latestVersion',
              width: 70,
              align: 'center',
              render: (v: number, p) => <Badge status={p.sellable ? 'success' : 'default'} text={`v${v}`} title={p.sellable ? m.list.sellable : m.list.notSellable} />,
            },
            {
              title: m.list.effective,
              key: 'effective',
              width: 180,
              render: (_: unknown, p) => (
                <span className="mono-num">
                  {p.effectiveFrom} ~ {p.effectiveTo ?? m.list.openEnded}
                </span>
              ),
            },
            {
              title: m.list.categories,
              dataIndex: 'vehicleCategories',
              width: 190,
              render: (v: string[]) => (
                <Space size={[4, 4]} wrap>
                  {v.map((c) => (
                    <Tag key={c} bordered={false} color="blue">
                      {label(q.categories, c)}
                    </Tag>
                  ))}
                </Space>
              ),
            },
            { title: m.list.terms, key: 'terms', width: 140, render: (_: unknown, p) => <span className="mono-num">{state.data?.terms[p.code]?.join(' / ') ?? '–'}</span> },
          ]}
        />
      </Card>

      <ProductDrawer
        code={openCode}
        generation={detailGeneration}
        canEdit={canEdit}
        canPublish={canPublish}
        onClose={() => setOpenCode(null)}
        onEdit={(record) => setFormMode({ kind: 'edit', record })}
        onNewVersion={(record) => setFormMode({ kind: 'new-version', record })}
        onChanged={reload}
      />
      <ProductForm
        mode={formMode}
        onClose={() => setFormMode(null)}
        onSaved={(record) => {
          setFormMode(null);
          reload();
          setOpenCode(record.code);
          setDetailGeneration((g) => g + 1);
        }}
      />
    </Page>
  );
}

function ProductDrawer({
  code,
  generation,
  canEdit,
  canPublish,
  onClose,
  onEdit,
  onNewVersion,
  onChanged,
}: {
  code: string | null;
  generation: number;
  canEdit: boolean;
  canPublish: boolean;
  onClose: () => void;
  onEdit: (record: ProductVersionRecord) => void;
  onNewVersion: (record: ProductVersionRecord) => void;
  onChanged: () => void;
}) {
  const m = useModuleMessages(productsMessages);
  const { t } = useTranslation('products');
  const { locale } = useLocale();
  const { message } = App.useApp();
  const errorMessage = useErrorMessage();
  const [detail, setDetail] = useState<ProductDetailResponse | null>(null);
  const [loadError, setLoadError] = useState<unknown>(null);
  const [selected, setSelected] = useState<number | null>(null);
  const [refusal, setRefusal] = useState<{ error: unknown; violations: ProductViolation[] } | null>(null);
  const [publishing, setPublishing] = useState(false);
  const [reloadKey, setReloadKey] = useState(0);

  const load = useCallback(
    (signal: AbortSignal) => {
      if (!code) return;
      fetchProduct(code, signal).then(
        (d) => {
          setDetail(d);
          setLoadError(null);
        },
        (e: unknown) => {
          if (!signal.aborted) setLoadError(e);
        },
      );
    },
    [code],
  );

  useEffect(() => {
    setDetail(null);
    setSelected(null);
    setRefusal(null);
    const controller = new AbortController();
    load(controller.signal);
    return () => controller.abort();
  }, [load, generation, reloadKey]);

  const version = detail?.versions.find((v) => v.version === selected) ?? detail?.versions[0] ?? null;

  async function publish(record: ProductVersionRecord) {
    setPublishing(true);
    setRefusal(null);
    try {
      await publishProduct(record.code, record.version);
      void message.success(t('detail.published', { code: record.code, version: record.version }));
      setReloadKey((k) => k + 1);
      onChanged();
    } catch (error) {
      let violations = violationsOf(error) ?? [];
      // The refusal names the rule; if this server's problem only lists fields, ask the validator for the rules.
      if (!violations.some((v) => v.rule)) {
        const checked = await validateProduct(record.definition).catch(() => null);
        if (checked?.violations.length) violations = checked.violations;
      }
      setRefusal({ error, violations });
    } finally {
      setPublishing(false);
    }
  }

  const latest = detail?.versions[0];
  return (
    <Drawer
      open={!!code}
      onClose={onClose}
      width={980}
      data-testid="product-drawer"
      title={
        latest ? (
          <Space>
            <span>{bi(latest.definition.name, locale)}</span>
            <span className="code-tag">{latest.code}</span>
          </Space>
        ) : (
          code
        )
      }
      extra={
        (canEdit || canPublish) && version ? (
          <Space>
            {version.status === 'draft' ? (
              <>
                {canEdit ? (
                  <Button icon={<EditOutlined />} onClick={() => onEdit(version)} data-testid="product-edit">
                    {m.detail.edit}
                  </Button>
                ) : null}
                {canPublish ? (
                <Popconfirm title={t('detail.publishConfirm', { version: version.version })} onConfirm={() => void publish(version)} okButtonProps={{ 'data-testid': 'product-publish-confirm' } as ButtonProps}>
                  <Button type="primary" icon={<RocketOutlined />} loading={publishing} data-testid="product-publish">
                    {m.detail.publish}
                  </Button>
                </Popconfirm>
                ) : null}
              </>
            ) : canEdit ? (
              <Button icon={<CopyOutlined />} onClick={() => onNewVersion(version)} data-testid="product-new-version">
                {m.detail.newVersion}
              </Button>
            ) : null}
          </Space>
        ) : null
      }
    >
      {loadError ? <Alert type="error" showIcon message={errorMessage(loadError)} /> : null}
      {!detail && !loadError ? <Skeleton active paragraph={{ rows: 10 }} /> : null}
      {refusal ? (
        <Alert
          type="error"
          showIcon
          className="page__alert"
          data-testid="publish-refused"
          message={m.detail.publishRefused}
          description={refusal.violations.length ? <ViolationList violations={refusal.violations} /> : errorMessage(refusal.error)}
        />
      ) : null}
      {detail ? (
        <>
          <Typography.Title level={5} className="product-def__title product-def__title--first">
            {m.detail.versions}
          </Typography.Title>
          <Table<ProductVersionRecord>
            size="small"
            rowKey="version"
            pagination={false}
            dataSource={detail.versions}
            data-testid="product-versions"
            rowClassName={(v) => (v.version === version?.version ? 'clickable-row row--selected' : 'clickable-row')}
            onRow={(v) => ({ onClick: () => setSelected(v.version) })}
            columns={[
              { title: m.detail.version, dataIndex: 'version', width: 70, render: (v: number) => <b>v{v}</b> },
              { title: m.detail.status, dataIndex: 'status', width: 90, render: (s: ProductVersionRecord['status']) => <Tag color={statusColor[s]}>{m.status[s]}</Tag> },
              {
                title: m.detail.createdBy,
                key: 'created',
                render: (_: unknown, v) => (
                  <span className="mono-num">
                    {dayjs(v.createdAt).format('YYYY-MM-DD HH:mm')} <ActorId id={v.createdBy} />
                  </span>
                ),
              },
              {
                title: m.detail.publishedBy,
                key: 'published',
                render: (_: unknown, v) => (v.publishedAt ? <span className="mono-num">{dayjs(v.publishedAt).format('YYYY-MM-DD HH:mm')} <ActorId id={v.publishedBy} /></span> : '–'),
              },
              { title: m.detail.rulebook, dataIndex: 'rulebookVersion', render: (v: string | null) => (v ? <span className="code-tag">{v}</span> : '–') },
            ]}
          />
          {version ? (
            <>
              <Typography.Title level={5} className="product-def__title">
                {t('detail.definition', { version: version.version })} <Tag color={statusColor[version.status]}>{m.status[version.status]}</Tag>
              </Typography.Title>
              <ProductDefinitionView definition={version.definition} />
            </>
          ) : (
            <Empty />
          )}
        </>
      ) : null}
    </Drawer>
  );
}
