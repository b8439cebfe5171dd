import { useMemo, useState } from 'react';
import { Alert, App, Badge, Button, Card, Col, Descriptions, Drawer, Form, Input, Modal, Popconfirm, Progress, Row, Segmented, Space, Table, Tag, Typography } from 'antd';
import { CheckOutlined, EditOutlined, FireOutlined, GiftOutlined, HourglassOutlined, PlusOutlined, ReloadOutlined, RollbackOutlined, SendOutlined, StopOutlined, WalletOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { Promotion } from '@autofin/contracts';
import { Page } from '../../ui/page.tsx';
import { StatCard } from '../../ui/stat-card.tsx';
import { Chart } from '../../ui/chart.tsx';
import { useLoad } from '../../ui/use-load.ts';
import { formatMoney, formatMoneyCompact, formatRate, toFen } from '../../ui/format.ts';
import { useLocale, label } from '../../i18n/locale-provider.tsx';
import { useErrorMessage } from '../../api/use-error-message.ts';
import { useModuleMessages } from '../../i18n/module-messages.ts';
import { useCurrentUser, hasAnyRole } from '../auth/session.tsx';
import { quotesMessages } from '../quotes/quotes.i18n.ts';
import { bi, fenToAmount } from '../quotes/money.ts';
import { promotionsMessages } from './promotions.i18n.ts';
import { fetchBurnDown, fetchPromotions, PROMOTION_APPROVERS, PROMOTION_EDITORS, PROMOTION_ENDERS, rejectPromotion, stepPromotion, type PromotionStep } from './promotions.api.ts';
import { PromotionForm } from './promotion-form.tsx';
import { burnDownOption } from './promotions.charts.ts';
import '../quotes/quotes.css';
import '../products/products.css';
import './promotions.css';

const statusColor = { draft: 'default', pending_approval: 'gold', approved: 'green', ended: 'default' } as const;

function share(spent: string, budget: string): number {
  const b = toFen(budget) ?? 0n;
  return b === 0n ? 0 : Number(toFen(spent) ?? 0n) / Number(b);
}

export function PromotionsPage() {
  const m = useModuleMessages(promotionsMessages);
  const { t } = useTranslation('promotions');
  const { locale } = useLocale();
  const user = useCurrentUser();
  const errorMessage = useErrorMessage();
  const [state, reload] = useLoad(fetchPromotions);
  const [formOpen, setFormOpen] = useState(false);
  const [editing, setEditing] = useState<Promotion | null>(null);
  const [openId, setOpenId] = useState<string | null>(null);
  const items = useMemo(() => state.data?.items ?? [], [state.data]);
  const open = items.find((p) => p.id === openId) ?? null;
  const canCreate = hasAnyRole(user, PROMOTION_EDITORS);

  const kpi = useMemo(() => {
    const counted = items.filter((p) => p.status === 'approved' || p.status === 'ended');
    const budget = counted.reduce((s, p) => s + (toFen(p.definition.budget) ?? 0n), 0n);
    const spent = counted.reduce((s, p) => s + (toFen(p.spent) ?? 0n), 0n);
    return {
      live: items.filter((p) => p.live).length,
      pending: items.filter((p) => p.status === 'pending_approval').length,
      budget: fenToAmount(budget),
      spent: fenToAmount(spent),
    };
  }, [items]);

  return (
    <Page
      testId="promotions-page"
      title={m.title}
      subtitle={m.subtitle}
      extra={
        <>
          <Button icon={<ReloadOutlined />} onClick={reload}>
            {m.refresh}
          </Button>
          {canCreate ? (
            <Button
              type="primary"
              icon={<PlusOutlined />}
              data-testid="promotion-create"
              onClick={() => {
                setEditing(null);
                setFormOpen(true);
              }}
            >
              {m.create}
            </Button>
          ) : null}
        </>
      }
    >
      {state.status === 'error' ? <Alert type="error" showIcon className="page__alert" message={errorMessage(state.error)} /> : null}
      <Row gutter={[16, 16]} className="promo-kpis">
        <Col xs={12} xl={6}>
          <StatCard label={m.kpi.live} value={String(kpi.live)} icon={<FireOutlined />} tone="green" loading={!state.data} testId="promo-kpi-live" />
        </Col>
        <Col xs={12} xl={6}>
          <StatCard label={m.kpi.pending} value={String(kpi.pending)} icon={<HourglassOutlined />} tone="orange" loading={!state.data} testId="promo-kpi-pending" />
        </Col>
        <Col xs={12} xl={6}>
          <StatCard label={m.kpi.budget} value={formatMoneyCompact(kpi.budget, locale)} note={formatMoney(kpi.budget)} icon={<WalletOutlined />} tone="blue" loading={!state.data} />
        </Col>
        <Col xs={12} xl={6}>
          <StatCard
            label={m.kpi.spent}
            value={formatMoneyCompact(kpi.spent, locale)}
            note={t('kpi.spentNote', { percent: formatRate(share(kpi.spent, kpi.budget)) })}
            icon={<GiftOutlined />}
            tone="purple"
            loading={!state.data}
          />
        </Col>
      </Row>

      <Card variant="borderless" className="table-card">
        <Table<Promotion>
          rowKey="id"
          dataSource={items}
          loading={state.status === 'loading'}
          pagination={false}
          data-testid="promotions-table"
          scroll={{ x: 1160 }}
          onRow={(p) => ({ onClick: () => setOpenId(p.id), className: 'clickable-row' })}
          columns={[
            { title: m.list.code, key: 'code', width: 170, render: (_: unknown, p) => <span className="code-tag">{p.definition.code}</span> },
            {
              title: m.list.name,
              key: 'name',
              width: 230,
              render: (_: unknown, p) => (
                <div className="product-name">
                  <span className="product-name__main">{bi(p.definition.name, locale)}</span>
                  <span className="product-name__alt">{label(m.kinds, p.definition.kind)} · {label(m.payers, p.definition.payer)}</span>
                </div>
              ),
            },
            {
              title: m.list.period,
              key: 'period',
              width: 190,
              render: (_: unknown, p) => (
                <span className="mono-num">
                  {p.definition.startsOn} ~ {p.definition.endsOn}
                </span>
              ),
            },
            {
              title: m.list.status,
              key: 'status',
              width: 160,
              render: (_: unknown, p) => (
                <Space size={4} wrap={false}>
                  <Tag color={statusColor[p.status]} data-testid="promotion-status">
                    {label(m.status, p.status)}
                  </Tag>
                  {p.live ? <Badge status="processing" text={m.list.live} /> : null}
                </Space>
              ),
            },
            {
              title: m.list.budget,
              key: 'budget',
              width: 220,
              render: (_: unknown, p) => (
                <div className="budget-cell">
                  <Progress percent={Math.round(share(p.spent, p.definition.budget) * 1000) / 10} size="small" showInfo={false} strokeColor="#2f5be0" />
                  <span className="budget-cell__text">
                    {formatMoney(p.spent)} / {formatMoney(p.definition.budget)} · {t('list.takeUps', { count: p.reservations })}
                  </span>
                </div>
              ),
            },
            {
              title: m.list.actions,
              key: 'actions',
              width: 190,
              render: (_: unknown, p) => (
                <div onClick={(e) => e.stopPropagation()}>
                  <PromotionActions
                    promotion={p}
                    onEdit={() => {
                      setEditing(p);
                      setFormOpen(true);
                    }}
                    onChanged={reload}
                  />
                </div>
              ),
            },
          ]}
        />
      </Card>

      <PromotionForm
        open={formOpen}
        editing={editing}
        onClose={() => setFormOpen(false)}
        onSaved={(p) => {
          setFormOpen(false);
          reload();
          setOpenId(p.id);
        }}
      />
      <Drawer open={!!open} onClose={() => setOpenId(null)} width={920} title={open ? bi(open.definition.name, locale) : ''} data-testid="promotion-drawer"
        extra={open ? <PromotionActions promotion={open} onEdit={() => { setEditing(open); setFormOpen(true); }} onChanged={reload} /> : null}
      >
        {open ? <PromotionDetail promotion={open} /> : null}
      </Drawer>
    </Page>
  );
}

/** The lifecycle buttons the user's roles allow for the promotion's state. */
function PromotionActions({ promotion: p, onEdit, onChanged }: { promotion: Promotion; onEdit: () => void; onChanged: () => void }) {
  const m = useModuleMessages(promotionsMessages);
  const user = useCurrentUser();
  const { message } = App.useApp();
  const errorMessage = useErrorMessage();
  const [busy, setBusy] = useState<string | null>(null);
  const [rejecting, setRejecting] = useState(false);
  const [form] = Form.useForm<{ reason: string }>();
  const editor = hasAnyRole(user, PROMOTION_EDITORS);
  const approver = hasAnyRole(user, PROMOTION_APPROVERS);
  const ender = hasAnyRole(user, PROMOTION_ENDERS);

  async function run(step: PromotionStep, done: string) {
    setBusy(step);
    try {
      await stepPromotion(p.id, step);
      void message.success(done);
      onChanged();
    } catch (e) {
      void message.error(errorMessage(e));
    } finally {
      setBusy(null);
    }
  }

  async function reject({ reason }: { reason: string }) {
    setBusy('reject');
    try {
      await rejectPromotion(p.id, reason);
      void message.success(m.actions.rejected);
      setRejecting(false);
      onChanged();
    } catch (e) {
      void message.error(errorMessage(e));
    } finally {
      setBusy(null);
    }
  }

  return (
    <Space size={4} wrap>
      {p.status === 'draft' && editor ? (
        <>
          <Button size="small" icon={<EditOutlined />} onClick={onEdit} data-testid="promotion-edit">
            {m.actions.edit}
          </Button>
          <Button size="small" type="primary" ghost icon={<SendOutlined />} loading={busy === 'submit'} onClick={() => void run('submit', m.actions.submitted)} data-testid="promotion-submit">
            {m.actions.submit}
          </Button>
        </>
      ) : null}
      {p.status === 'pending_approval' && approver ? (
        <>
          <Button size="small" type="primary" icon={<CheckOutlined />} loading={busy === 'approve'} onClick={() => void run('approve', m.actions.approved)} data-testid="promotion-approve">
            {m.actions.approve}
          </Button>
          <Button size="small" danger icon={<RollbackOutlined />} onClick={() => setRejecting(true)} data-testid="promotion-reject">
            {m.actions.reject}
          </Button>
        </>
      ) : null}
      {p.status === 'approved' && ender ? (
        <Popconfirm title={m.actions.endConfirm} onConfirm={() => void run('end', m.actions.ended)}>
          <Button size="small" icon={<StopOutlined />} loading={busy === 'end'} data-testid="promotion-end">
            {m.actions.end}
          </Button>
        </Popconfirm>
      ) : null}
      <Modal open={rejecting} title={m.actions.rejectTitle} onCancel={() => setRejecting(false)} onOk={() => form.submit()} confirmLoading={busy === 'reject'} destroyOnHidden>
        <Form form={form} layout="vertical" onFinish={(v) => void reject(v)}>
          <Form.Item name="reason" label={m.actions.rejectReason} rules={[{ required: true, message: m.actions.rejectRequired }]}>
            <Input.TextArea maxLength={500} autoSize={{ minRows: 3 }} />
          </Form.Item>
        </Form>
      </Modal>
    </Space>
  );
}

function PromotionDetail({ promotion: p }: { promotion: Promotion }) {
  const m = useModuleMessages(promotionsMessages);
  const q = useModuleMessages(quotesMessages);
  const { locale } = useLocale();
  const errorMessage = useErrorMessage();
  const [bucket, setBucket] = useState<'day' | 'hour'>('day');
  // Reload the series when the promotion's spend changes (a take-up, a refresh of the list).
  const revision = `${p.spent}-${p.reservations}-${p.status}`;
  const load = useMemo(
    () => (signal: AbortSignal) => {
      void revision;
      return fetchBurnDown(p.id, bucket, signal);
    },
    [p.id, bucket, revision],
  );
  const [burn] = useLoad(load);
  const d = p.definition;
  const list = (values: readonly (string | number)[], render: (v: string | number) => string = String) =>
    values.length ? values.map((v) => <Tag key={String(v)} bordered={false}>{render(v)}</Tag>) : <Typography.Text type="secondary">{m.detail.any}</Typography.Text>;
  const option = useMemo(() => (burn.data ? burnDownOption(burn.data, m.detail) : null), [burn.data, m.detail]);

  return (
    <div data-testid="promotion-detail">
      <Descriptions size="small" bordered column={2} title={m.detail.definition}>
        <Descriptions.Item label={m.list.code}>
          <span className="code-tag">{d.code}</span>
        </Descriptions.Item>
        <Descriptions.Item label={m.list.status}>
          <Tag color={statusColor[p.status]}>{label(m.status, p.status)}</Tag>
          {p.live ? <Badge status="processing" text={m.list.live} /> : null}
        </Descriptions.Item>
        <Descriptions.Item label={m.list.kind}>{label(m.kinds, d.kind)}</Descriptions.Item>
        <Descriptions.Item label={m.list.payer}>{label(m.payers, d.payer)}</Descriptions.Item>
        {d.rateReductionPercent ? <Descriptions.Item label={m.detail.rateReduction}>{d.rateReductionPercent}%</Descriptions.Item> : null}
        {d.kind === 'waived-fees' ? <Descriptions.Item label={m.detail.waivedFees}>{d.waivedFeeCodes.length ? d.waivedFeeCodes.join('、') : m.detail.allFees}</Descriptions.Item> : null}
        {d.freeMonths ? <Descriptions.Item label={m.detail.freeMonths}>{d.freeMonths}</Descriptions.Item> : null}
        <Descriptions.Item label={m.list.period}>
          {d.startsOn} ~ {d.endsOn}
        </Descriptions.Item>
        <Descriptions.Item label={m.detail.budget}>{formatMoney(d.budget)}</Descriptions.Item>
        <Descriptions.Item label={m.detail.spent}>{formatMoney(p.spent)}</Descriptions.Item>
        <Descriptions.Item label={m.detail.remaining}>{formatMoney(p.remaining)}</Descriptions.Item>
        <Descriptions.Item label={m.detail.reservations}>{p.reservations}</Descriptions.Item>
      </Descriptions>

      <div className="promo-section">
        {burn.status === 'error' ? <Alert type="error" showIcon message={errorMessage(burn.error)} /> : null}
        <Chart
          testId="chart-burn-down"
          title={`${m.detail.burnDown} · ${bi(d.name, locale)}`}
          extra={
            <Segmented
              size="small"
              value={bucket}
              onChange={(v) => setBucket(v as 'day' | 'hour')}
              options={[
                { value: 'day', label: m.detail.bucket.day },
                { value: 'hour', label: m.detail.bucket.hour },
              ]}
            />
          }
          option={option ?? {}}
          loading={!burn.data}
          height={300}
        />
        {burn.data && burn.data.points.length === 0 ? (
          <Typography.Text type="secondary" className="promo-note">
            {m.detail.noReservations}
          </Typography.Text>
        ) : null}
      </div>
      <Descriptions size="small" bordered column={1} title={m.detail.target} className="promo-section">
        <Descriptions.Item label={m.detail.products}>{list(d.target.productCodes)}</Descriptions.Item>
        <Descriptions.Item label={m.detail.categories}>{list(d.target.vehicleCategories, (c) => label(q.categories, String(c)))}</Descriptions.Item>
        <Descriptions.Item label={m.detail.terms}>{list(d.target.terms)}</Descriptions.Item>
        <Descriptions.Item label={m.detail.makes}>{list(d.target.makes)}</Descriptions.Item>
        <Descriptions.Item label={m.detail.regions}>{list(d.target.regions)}</Descriptions.Item>
        <Descriptions.Item label={m.detail.segments}>{list(d.target.segments)}</Descriptions.Item>
        <Descriptions.Item label={m.detail.dealers}>{list(d.target.dealerIds, (v) => String(v).slice(0, 8))}</Descriptions.Item>
      </Descriptions>

      <Descriptions size="small" column={3} title={m.detail.history} className="promo-section">
        <Descriptions.Item label={m.detail.created}>{dayjs(p.createdAt).format('YYYY-MM-DD HH:mm')}</Descriptions.Item>
        <Descriptions.Item label={m.detail.submittedAt}>{p.submittedAt ? dayjs(p.submittedAt).format('YYYY-MM-DD HH:mm') : '–'}</Descriptions.Item>
        <Descriptions.Item label={m.detail.approvedBy}>{p.approvedAt ? dayjs(p.approvedAt).format('YYYY-MM-DD HH:mm') : '–'}</Descriptions.Item>
      </Descriptions>
      {p.rejectionReason ? <Alert type="warning" showIcon message={`${m.detail.rejection}：${p.rejectionReason}`} className="promo-section" /> : null}

    </div>
  );
}
