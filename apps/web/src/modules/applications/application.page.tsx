import { useCallback, useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { Alert, App, Button, Card, Col, Descriptions, Form, Input, Modal, Popconfirm, Result, Row, Skeleton, Space, Tabs, Tag, Tooltip, Typography } from 'antd';
import { ArrowLeftOutlined, EyeInvisibleOutlined, EyeOutlined, FileDoneOutlined, RollbackOutlined, TransactionOutlined, AuditOutlined } from '@ant-design/icons';
import type { ApplicantView, ApplicationDetail, ApplicationStatus } from '@autofin/contracts';
import { Page } from '../../ui/page.tsx';
import { formatMoney } from '../../ui/format.ts';
import { useLocale } from '../../i18n/locale-provider.tsx';
import { useModuleMessages } from '../../i18n/module-messages.ts';
import { useErrorMessage } from '../../api/use-error-message.ts';
import { ApiError } from '../../api/client.ts';
import { useLoad } from '../../ui/use-load.ts';
import { hasAnyRole, useCurrentUser } from '../auth/session.tsx';
import { REVIEWERS } from '../review/review.api.ts';
import { applicationsMessages } from './applications.i18n.ts';
import {
  APPLICATION_DEALER_SIDE,
  APPLICATION_FUNDERS,
  APPLICATION_UNMASKERS,
  STIPULATION_VERIFIERS,
  fetchApplication,
  moveApplication,
  type LifecycleAction,
} from './applications.api.ts';
import { fill, formatDateTime, labelOf, StatusTag, type AppMessages } from './application-format.tsx';
import { DecisionPanel } from './decision-panel.tsx';
import { DecisionAuditView } from './decision-audit.tsx';
import { ApplicationTimeline } from './application-timeline.tsx';
import { StipulationsTable } from './stipulations-table.tsx';
import { ApplicationDocuments, DocumentsTabLabel } from './application-documents.tsx';
import { SlaTimer } from './sla-timer.tsx';
import './applications.css';

const OPEN: readonly ApplicationStatus[] = ['received', 'in_review', 'referred', 'approved', 'conditionally_approved'];

/** The lifecycle steps the current status allows, filtered by what the user's roles may do. */
function allowedActions(detail: ApplicationDetail, can: (roles: readonly string[]) => boolean): LifecycleAction[] {
  const status = detail.application.status;
  const actions: LifecycleAction[] = [];
  if ((status === 'approved' || status === 'conditionally_approved') && can(APPLICATION_DEALER_SIDE)) actions.push('contract');
  if (status === 'contracted' && can(APPLICATION_FUNDERS)) actions.push('fund');
  if (OPEN.includes(status) && can(APPLICATION_DEALER_SIDE)) actions.push('withdraw');
  return actions;
}

/** One person as the view shows them; masked fields say so. */
export function PersonCard({ title, person, masked, m }: { title: string; person: ApplicantView; masked: boolean; m: AppMessages }) {
  const hidden = <Typography.Text type="secondary">{m.detail.withheld}</Typography.Text>;
  return (
    <Card size="small" title={title} extra={<Tag color={masked ? 'default' : 'red'}>{masked ? m.detail.masked : m.detail.unmasked}</Tag>}>
      <Descriptions size="small" column={2} data-testid="person">
        <Descriptions.Item label={m.form.name}>
          <span data-testid="person-name">{person.name}</span>
        </Descriptions.Item>
        <Descriptions.Item label={m.detail.age}>{person.age}</Descriptions.Item>
        <Descriptions.Item label={m.form.idNumber}>
          <span className="mono-num" data-testid="person-id">{person.idNumber}</span>
        </Descriptions.Item>
        <Descriptions.Item label={m.form.phone}>
          <span className="mono-num" data-testid="person-phone">{person.phone}</span>
        </Descriptions.Item>
        <Descriptions.Item label={m.detail.income}>{person.monthlyIncome ? formatMoney(person.monthlyIncome) : hidden}</Descriptions.Item>
        <Descriptions.Item label={m.detail.debts}>{person.monthlyDebtPayments ? formatMoney(person.monthlyDebtPayments) : masked ? hidden : '–'}</Descriptions.Item>
        <Descriptions.Item label={m.detail.employment}>
          {labelOf(m.employment, person.employment)}
          {person.yearsEmployed !== null ? ` · ${fill(m.form.years, { count: person.yearsEmployed })}` : ''}
          {person.employer ? ` · ${person.employer}` : ''}
        </Descriptions.Item>
        <Descriptions.Item label={m.detail.housing}>{labelOf(m.housing, person.housing)}</Descriptions.Item>
        <Descriptions.Item label={m.detail.address} span={2}>
          {person.address ? `${person.address.province} ${person.address.city} ${person.address.line ?? ''}` : '–'}
        </Descriptions.Item>
        {person.relation ? <Descriptions.Item label={m.form.relation}>{labelOf(m.relations, person.relation)}</Descriptions.Item> : null}
      </Descriptions>
    </Card>
  );
}

/** The header every application page shows: status, product, amount, dealer, channel, dates, SLA. */
export function ApplicationHeader({ detail, m, zh }: { detail: ApplicationDetail; m: AppMessages; zh: boolean }) {
  const a = detail.application;
  const offer = detail.decision?.offer;
  return (
    <Card variant="borderless" className="application-header" data-testid="application-header">
      <Descriptions size="small" column={4}>
        <Descriptions.Item label={m.columns.status}>
          <Space size={4}>
            <StatusTag status={a.status} m={m} />
            <Tag bordered={false}>{m.types[a.type]}</Tag>
          </Space>
        </Descriptions.Item>
        <Descriptions.Item label={m.detail.product}>{offer ? `${zh ? offer.productName.zh : offer.productName.en} (${offer.productCode})` : (a.deal.productCode ?? '–')}</Descriptions.Item>
        <Descriptions.Item label={m.detail.amount}>
          <strong className="mono-num" data-testid="header-amount">{formatMoney(a.requestedAmount)}</strong>
        </Descriptions.Item>
        <Descriptions.Item label={m.detail.vehicle}>
          {labelOf(m.categories, a.vehicle.category)} {a.vehicle.make ?? ''} {a.vehicle.model ?? ''} · {formatMoney(a.vehicle.price)}
        </Descriptions.Item>
        <Descriptions.Item label={m.detail.downPayment}>{formatMoney(a.deal.downPayment)}</Descriptions.Item>
        <Descriptions.Item label={m.detail.term}>{fill(m.months, { count: a.deal.term })}</Descriptions.Item>
        <Descriptions.Item label={m.detail.dealer}>
          {a.dealerId ? (
            <Tooltip title={a.dealerId}>
              <span className="mono-num">{a.dealerId.slice(0, 8)}</span>
            </Tooltip>
          ) : (
            '–'
          )}
        </Descriptions.Item>
        <Descriptions.Item label={m.detail.channel}>{labelOf(m.channels, a.channel)}</Descriptions.Item>
        <Descriptions.Item label={m.detail.submitted}>{formatDateTime(a.submittedAt)}</Descriptions.Item>
        <Descriptions.Item label={m.detail.decided}>{formatDateTime(a.decidedAt)}</Descriptions.Item>
        <Descriptions.Item label={m.detail.expires}>{formatDateTime(a.expiresAt)}</Descriptions.Item>
        {detail.review ? (
          <Descriptions.Item label={m.detail.sla}>
            {a.status === 'referred' ? <SlaTimer dueAt={detail.review.slaDueAt} m={m} zh={zh} /> : formatDateTime(detail.review.slaDueAt)}
          </Descriptions.Item>
        ) : null}
        {detail.review ? (
          <Descriptions.Item label={m.detail.claimedBy}>
            <span data-testid="claimed-by">{detail.review.claimedBy ? (detail.review.claimedBy.label ?? detail.review.claimedBy.id) : m.detail.unclaimed}</span>
          </Descriptions.Item>
        ) : null}
      </Descriptions>
    </Card>
  );
}

/** Applicant, co-applicant, company and the deal: the left column of the detail and the review page. */
export function ApplicationParties({ detail, m }: { detail: ApplicationDetail; m: AppMessages }) {
  const a = detail.application;
  return (
    <Space direction="vertical" style={{ width: '100%' }} size={16}>
      <PersonCard title={m.detail.applicant} person={a.applicant} masked={a.masked} m={m} />
      {a.coApplicant ? <PersonCard title={m.detail.coApplicant} person={a.coApplicant} masked={a.masked} m={m} /> : null}
      {a.company ? (
        <Card size="small" title={m.detail.company}>
          <Descriptions size="small" column={2}>
            <Descriptions.Item label={m.form.companyName}>{a.company.name}</Descriptions.Item>
            <Descriptions.Item label={m.form.creditCode}>{a.company.creditCode}</Descriptions.Item>
            <Descriptions.Item label={m.form.yearsInBusiness}>{a.company.yearsInBusiness ?? '–'}</Descriptions.Item>
            <Descriptions.Item label={m.form.industry}>{a.company.industry ?? '–'}</Descriptions.Item>
            <Descriptions.Item label={m.form.annualRevenue}>{a.company.annualRevenue ? formatMoney(a.company.annualRevenue) : '–'}</Descriptions.Item>
            <Descriptions.Item label={m.form.monthlyNetProfit}>{a.company.monthlyNetProfit ? formatMoney(a.company.monthlyNetProfit) : '–'}</Descriptions.Item>
          </Descriptions>
        </Card>
      ) : null}
      <Card size="small" title={m.detail.deal}>
        <Descriptions size="small" column={2}>
          <Descriptions.Item label={m.detail.downPayment}>{formatMoney(a.deal.downPayment)}</Descriptions.Item>
          <Descriptions.Item label={m.detail.term}>{fill(m.months, { count: a.deal.term })}</Descriptions.Item>
          {a.deal.tradeIn ? (
            <Descriptions.Item label={m.detail.tradeIn} span={2}>
              {formatMoney(a.deal.tradeIn.appraisedValue)} − {formatMoney(a.deal.tradeIn.outstandingLoan)}
            </Descriptions.Item>
          ) : null}
          {a.vehicle.vin ? <Descriptions.Item label={m.form.vin}>{a.vehicle.vin}</Descriptions.Item> : null}
          <Descriptions.Item label={m.detail.consents} span={2}>
            <Space wrap>
              {a.consents.creditCheck ? <Tag color="green">{m.detail.creditCheckYes}</Tag> : null}
              <Tag>{a.consents.dataSharing ? m.detail.dataSharingYes : m.detail.dataSharingNo}</Tag>
            </Space>
          </Descriptions.Item>
        </Descriptions>
      </Card>
    </Space>
  );
}

export function ApplicationPage() {
  const { applicationId = '' } = useParams();
  const m = useModuleMessages(applicationsMessages);
  const { locale } = useLocale();
  const zh = locale === 'zh-CN';
  const user = useCurrentUser();
  const can = useCallback((roles: readonly string[]) => hasAnyRole(user, roles as Parameters<typeof hasAnyRole>[1]), [user]);
  const errorMessage = useErrorMessage();
  const { message } = App.useApp();
  const [unmaskReason, setUnmaskReason] = useState<string | null>(null);
  const load = useCallback((signal: AbortSignal) => fetchApplication(applicationId, unmaskReason ? { reason: unmaskReason } : undefined, signal), [applicationId, unmaskReason]);
  const [state] = useLoad(load);
  const [override, setOverride] = useState<ApplicationDetail | null>(null);
  const [unmaskOpen, setUnmaskOpen] = useState(false);
  const [unmaskForm] = Form.useForm<{ reason: string }>();
  const [busy, setBusy] = useState<LifecycleAction | null>(null);
  const [note, setNote] = useState('');

  // A write answers with the new detail (masked): show it until the next load.
  const detail = override && override.application.id === applicationId && state.status !== 'loading' ? override : state.data;

  if (state.status === 'error' && !state.data) {
    const notFound = state.error instanceof ApiError && state.error.status === 404;
    return (
      <Page title={m.title}>
        <Result status={notFound ? '404' : 'error'} title={notFound ? m.detail.notFound : errorMessage(state.error)} extra={<Link to="/applications">{m.detail.back}</Link>} />
      </Page>
    );
  }
  if (!detail) {
    return (
      <Page title={m.title}>
        <Skeleton active />
      </Page>
    );
  }

  const a = detail.application;
  const actions = allowedActions(detail, can);
  const act = async (action: LifecycleAction) => {
    setBusy(action);
    try {
      const next = await moveApplication(a.id, action, note.trim() || undefined);
      setOverride(next);
      setNote('');
      void message.success(fill(m.actions.done, { status: m.statuses[next.application.status] }));
    } catch (e) {
      void message.error(errorMessage(e));
    } finally {
      setBusy(null);
    }
  };
  const actionIcon = { withdraw: <RollbackOutlined />, contract: <FileDoneOutlined />, fund: <TransactionOutlined /> };
  const confirmText = { withdraw: m.actions.confirmWithdraw, contract: m.actions.confirmContract, fund: m.actions.confirmFund };

  return (
    <Page
      title={
        <Space>
          <Link to="/applications" aria-label={m.detail.back}>
            <ArrowLeftOutlined />
          </Link>
          <span>
            {m.title} <span className="mono-num">{a.id.slice(0, 8)}</span>
          </span>
        </Space>
      }
      subtitle={a.id}
      testId="application-page"
      tags={<StatusTag status={a.status} m={m} />}
      extra={
        <Space>
          {a.status === 'referred' && can(REVIEWERS) ? (
            <Link to={`/review/${a.id}`}>
              <Button type="primary" icon={<AuditOutlined />} data-testid="go-review">
                {m.detail.goReview}
              </Button>
            </Link>
          ) : null}
          {can(APPLICATION_UNMASKERS) ? (
            a.masked ? (
              <Button icon={<EyeOutlined />} onClick={() => setUnmaskOpen(true)} data-testid="unmask">
                {m.detail.unmask}
              </Button>
            ) : (
              <Button
                icon={<EyeInvisibleOutlined />}
                onClick={() => {
                  setOverride(null);
                  setUnmaskReason(null);
                }}
                data-testid="remask"
              >
                {m.detail.remask}
              </Button>
            )
          ) : null}
        </Space>
      }
    >
      {state.status === 'error' ? <Alert type="error" showIcon message={errorMessage(state.error)} style={{ marginBottom: 12 }} /> : null}
      <ApplicationHeader detail={detail} m={m} zh={zh} />

      <Row gutter={16} style={{ marginTop: 16 }}>
        <Col xs={24} xl={9}>
          <Space direction="vertical" style={{ width: '100%' }} size={16}>
            <Card size="small" title={m.actions.title} data-testid="lifecycle-actions">
              {actions.length === 0 ? (
                <Typography.Text type="secondary">{m.actions.none}</Typography.Text>
              ) : (
                <Space direction="vertical" style={{ width: '100%' }}>
                  <Input placeholder={m.actions.note} value={note} onChange={(e) => setNote(e.target.value)} maxLength={2000} />
                  <Space wrap>
                    {actions.map((action) => (
                      <Popconfirm key={action} title={confirmText[action]} onConfirm={() => void act(action)}>
                        <Button icon={actionIcon[action]} danger={action === 'withdraw'} type={action === 'withdraw' ? 'default' : 'primary'} loading={busy === action} data-testid={`action-${action}`}>
                          {m.actions[action]}
                        </Button>
                      </Popconfirm>
                    ))}
                  </Space>
                </Space>
              )}
            </Card>
            <ApplicationParties detail={detail} m={m} />
          </Space>
        </Col>
        <Col xs={24} xl={15}>
          <Card variant="borderless">
            <Tabs
              defaultActiveKey="decision"
              items={[
                { key: 'decision', label: m.detail.tabs.decision, children: <DecisionPanel decision={detail.decision} m={m} locale={locale} /> },
                {
                  key: 'stipulations',
                  label: `${m.detail.tabs.stipulations} (${detail.stipulations.length})`,
                  children: (
                    <StipulationsTable
                      applicationId={a.id}
                      stipulations={detail.stipulations}
                      canSettle={can(STIPULATION_VERIFIERS) && OPEN.includes(a.status)}
                      m={m}
                      zh={zh}
                      onChanged={(next) => setOverride(next)}
                    />
                  ),
                },
                {
                  key: 'documents',
                  label: <DocumentsTabLabel />,
                  children: <ApplicationDocuments applicationId={a.id} version={detail.stipulations.map((x) => `${x.id}:${x.status}`).join(',')} m={m} zh={zh} canDownload={can(['dealer_ops', 'risk', 'compliance'])} />,
                },
                { key: 'timeline', label: `${m.detail.tabs.timeline} (${detail.timeline.length})`, children: <ApplicationTimeline events={detail.timeline} m={m} /> },
                { key: 'audit', label: m.detail.tabs.audit, children: <DecisionAuditView audit={detail.audit} m={m} zh={zh} masked={a.masked} /> },
                {
                  key: 'decisions',
                  label: `${m.detail.tabs.decisions} (${detail.decisions.length})`,
                  children: (
                    <Space direction="vertical" style={{ width: '100%' }} size={24}>
                      {detail.decisions.map((d) => (
                        <DecisionPanel key={d.id} decision={d} m={m} locale={locale} compact />
                      ))}
                    </Space>
                  ),
                },
              ]}
            />
          </Card>
        </Col>
      </Row>

      <Modal
        open={unmaskOpen}
        title={m.detail.unmaskTitle}
        okText={m.detail.unmaskConfirm}
        onCancel={() => setUnmaskOpen(false)}
        onOk={() =>
          void unmaskForm.validateFields().then(({ reason }) => {
            setOverride(null);
            setUnmaskReason(reason.trim());
            setUnmaskOpen(false);
          })
        }
        destroyOnHidden
      >
        <Form form={unmaskForm} layout="vertical">
          <Form.Item name="reason" label={m.detail.unmaskReason} rules={[{ required: true, whitespace: true, min: 3, message: m.form.required }]}>
            <Input.TextArea rows={3} placeholder={m.detail.unmaskReasonPlaceholder} maxLength={500} data-testid="unmask-reason" />
          </Form.Item>
        </Form>
      </Modal>
    </Page>
  );
}
