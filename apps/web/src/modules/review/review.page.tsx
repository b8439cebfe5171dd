import { useCallback, useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { Alert, App, Button, Card, Col, Empty, Form, Input, Popconfirm, Radio, Result, Row, Select, Skeleton, Space, Table, Tag, Typography } from 'antd';
import type { FormInstance, TableColumnsType } from 'antd';
import { ArrowLeftOutlined, LockOutlined, MinusCircleOutlined, PlusOutlined, SendOutlined, WarningOutlined } from '@ant-design/icons';
import type { ApplicationDetail, ApplicationStatus, RiskTier, RuleResult, SimilarApplications, StipulationType } from '@autofin/contracts';
import { Page } from '../../ui/page.tsx';
import { formatMoney } from '../../ui/format.ts';
import { useLocale } from '../../i18n/locale-provider.tsx';
import { useModuleMessages } from '../../i18n/module-messages.ts';
import { useErrorMessage } from '../../api/use-error-message.ts';
import { ApiError } from '../../api/client.ts';
import { useLoad } from '../../ui/use-load.ts';
import { hasAnyRole, useCurrentUser } from '../auth/session.tsx';
import { MONEY_INPUT, normaliseAmount } from '../quotes/money.ts';
import { applicationsMessages } from '../applications/applications.i18n.ts';
import { fetchApplication, fetchSimilar, SIMILAR_READERS } from '../applications/applications.api.ts';
import { fill, formatDateTime, labelOf, shortId, StatusTag, type AppMessages } from '../applications/application-format.tsx';
import { ApplicationHeader, ApplicationParties } from '../applications/application.page.tsx';
import { DecisionPanel } from '../applications/decision-panel.tsx';
import { ApplicationTimeline } from '../applications/application-timeline.tsx';
import { reviewMessages, type ReviewMessages } from './review.i18n.ts';
import { claimReview, decideReview, type ManualDecisionRequest } from './review.api.ts';
import { claimedByOther } from './claim-conflict.ts';
import type { Widen } from '../../i18n/module-messages.ts';
import '../applications/applications.css';

const stipulationTypes: readonly StipulationType[] = ['proof_of_income', 'proof_of_residence', 'proof_of_employment', 'larger_down_payment', 'co_signer', 'gps_installation', 'insurance', 'business_licence'];
const tiers: readonly RiskTier[] = ['A', 'B', 'C', 'D', 'E'];

interface DecideForm {
  decision: 'approved' | 'conditionally_approved' | 'declined';
  riskTier?: RiskTier;
  note: string;
  stipulations?: Array<{ type?: StipulationType; amount?: string; note?: string }>;
}

/** The fraud rules that fired on the automatic decision, with what they measured. */
function FraudFlags({ detail, m, r }: { detail: ApplicationDetail; m: AppMessages; r: Widen<ReviewMessages> }) {
  const fired = (detail.audit?.rules ?? []).filter((x) => x.stage === 'fraud' && x.outcome !== 'pass' && x.outcome !== 'skipped');
  const referrals = (detail.audit?.rules ?? []).filter((x) => x.stage !== 'fraud' && (x.outcome === 'refer' || x.outcome === 'decline'));
  const row = (x: RuleResult) => (
    <li key={x.code}>
      <Tag color={x.outcome === 'decline' ? 'red' : 'orange'}>{labelOf(m.outcomes, x.outcome)}</Tag>
      <code className="code-tag">{x.code}</code> {x.value !== null ? `${x.value}${x.threshold !== null ? ` / ${x.threshold}` : ''}` : ''} {x.note ? <Typography.Text type="secondary">{x.note}</Typography.Text> : null}
    </li>
  );
  return (
    <Card size="small" title={<><WarningOutlined /> {r.review.fraud}</>} data-testid="fraud-flags">
      <div>{fired.length === 0 ? <Typography.Text type="secondary">{r.review.noFraud}</Typography.Text> : <ul className="decision-reasons">{fired.map(row)}</ul>}</div>
      {referrals.length > 0 ? (
        <div style={{ marginTop: 8 }}>
          <Typography.Text strong>{r.review.referReasons}</Typography.Text>
          <ul className="decision-reasons">{referrals.map(row)}</ul>
        </div>
      ) : null}
      {detail.audit?.data ? (
        <div style={{ marginTop: 8 }}>
          <Typography.Text strong>{r.review.signals}</Typography.Text>
          <Space wrap size={[4, 4]} style={{ display: 'flex', marginTop: 4 }}>
            {detail.audit.data.velocity.map((v) => (
              <Tag key={`${v.key}-${v.window}`} color={v.count > 0 ? 'orange' : undefined}>
                {fill(r.review.earlier, { key: r.review.velocity[v.key], window: r.review.windows[v.window], count: v.count })}
              </Tag>
            ))}
            <Tag color={detail.audit.data.phoneIdentities > 0 ? 'orange' : undefined}>{fill(r.review.phoneIdentities, { count: detail.audit.data.phoneIdentities })}</Tag>
            {detail.audit.data.bureau ? (
              <Tag>{fill(r.review.bureau, { value: detail.audit.data.bureau.status === 'scored' ? String(detail.audit.data.bureau.score) : r.review.thinFile })}</Tag>
            ) : null}
          </Space>
        </div>
      ) : null}
    </Card>
  );
}

function SimilarCard({ applicationId, m, r }: { applicationId: string; m: AppMessages; r: Widen<ReviewMessages> }) {
  const load = useCallback((signal: AbortSignal) => fetchSimilar(applicationId, signal), [applicationId]);
  const [state] = useLoad(load);
  const errorMessage = useErrorMessage();
  type Item = SimilarApplications['items'][number];
  const columns: TableColumnsType<Item> = [
    {
      title: m.columns.id,
      dataIndex: 'id',
      width: 150,
      // Simulated history has no detail page, and its ids differ only in the last block: show that.
      render: (id: string, i) =>
        i.demo ? (
          <Space size={4}>
            <span className="mono-num" title={id}>{`…${id.slice(24)}`}</span>
            <Tag bordered={false}>{r.review.demo}</Tag>
          </Space>
        ) : (
          <Link to={`/applications/${id}`} className="mono-num" title={id}>
            {shortId(id)}
          </Link>
        ),
    },
    { title: m.columns.status, dataIndex: 'status', width: 130, render: (s: ApplicationStatus) => <StatusTag status={s} m={m} /> },
    { title: m.columns.amount, dataIndex: 'requestedAmount', align: 'right', render: (v: string) => <span className="mono-num">{formatMoney(v)}</span> },
    { title: m.decision.ltv, dataIndex: 'ltv', width: 80, render: (v: string) => `${v}%` },
    { title: m.columns.term, dataIndex: 'term', width: 70 },
    { title: r.review.bureauScore, dataIndex: 'bureauScore', width: 90, render: (v: number | null) => v ?? '–' },
    { title: r.review.similarity, dataIndex: 'similarity', width: 90, render: (v: number) => `${(v * 100).toFixed(0)}%` },
    { title: m.columns.submitted, dataIndex: 'submittedAt', width: 110, render: (v: string) => formatDateTime(v).slice(0, 10) },
  ];
  const data = state.data;
  return (
    <Card size="small" title={r.review.similar} data-testid="similar-applications">
      <Typography.Paragraph type="secondary" className="timeline-meta">
        {r.review.similarHint}
      </Typography.Paragraph>
      {state.status === 'error' ? <Alert type="error" message={errorMessage(state.error)} /> : null}
      {data ? (
        <>
          <Space wrap style={{ marginBottom: 8 }} data-testid="similar-outcomes">
            <Typography.Text strong>{r.review.outcomes}:</Typography.Text>
            {Object.entries(data.outcomes).map(([status, count]) => (
              <Tag key={status}>
                {labelOf(m.statuses, status)} {count}
              </Tag>
            ))}
          </Space>
          <Table<Item> rowKey="id" size="small" columns={columns} dataSource={data.items} pagination={false} locale={{ emptyText: <Empty description={r.review.similarEmpty} /> }} />
        </>
      ) : state.status === 'loading' ? (
        <Skeleton active />
      ) : null}
    </Card>
  );
}

export function ReviewPage() {
  const { applicationId = '' } = useParams();
  const m = useModuleMessages(applicationsMessages);
  const r = useModuleMessages(reviewMessages);
  const { locale } = useLocale();
  const zh = locale === 'zh-CN';
  const user = useCurrentUser();
  const errorMessage = useErrorMessage();
  const { message } = App.useApp();
  const load = useCallback((signal: AbortSignal) => fetchApplication(applicationId, undefined, signal), [applicationId]);
  const [state, reload] = useLoad(load);
  const [form] = Form.useForm<DecideForm>();
  const [busy, setBusy] = useState(false);
  const [claiming, setClaiming] = useState(false);
  const [conflict, setConflict] = useState<string | null>(null);
  const [decided, setDecided] = useState<ApplicationDetail | null>(null);
  const [submitError, setSubmitError] = useState<unknown>(null);
  const outcome = Form.useWatch('decision', form);

  const detail = state.data;
  if (state.status === 'error' && !detail) {
    const notFound = state.error instanceof ApiError && state.error.status === 404;
    return (
      <Page title={r.title}>
        <Result status={notFound ? '404' : 'error'} title={notFound ? m.detail.notFound : errorMessage(state.error)} extra={<Link to="/review">{r.review.back}</Link>} />
      </Page>
    );
  }
  if (!detail) {
    return (
      <Page title={r.title}>
        <Skeleton active />
      </Page>
    );
  }

  const a = detail.application;
  const holder = detail.review?.claimedBy ?? null;
  const mine = holder?.id === user.id;
  const heldByOther = holder !== null && !mine;
  const referred = a.status === 'referred';

  const claim = async () => {
    setClaiming(true);
    setConflict(null);
    try {
      await claimReview(a.id);
      void message.success(r.claimSuccess);
      reload();
    } catch (e) {
      const who = claimedByOther(e);
      if (who) {
        setConflict(who);
        reload();
      } else void message.error(errorMessage(e));
    } finally {
      setClaiming(false);
    }
  };

  const submit = async (v: DecideForm) => {
    setBusy(true);
    setSubmitError(null);
    const body: ManualDecisionRequest = {
      decision: v.decision,
      riskTier: v.decision === 'declined' ? undefined : v.riskTier,
      note: v.note.trim(),
      stipulations:
        v.decision === 'conditionally_approved'
          ? (v.stipulations ?? [])
              .filter((s) => s.type)
              .map((s) => ({ type: s.type as StipulationType, amount: s.amount ? (normaliseAmount(s.amount) ?? s.amount) : undefined, note: s.note?.trim() || undefined }))
          : undefined,
    };
    try {
      const next = await decideReview(a.id, body);
      setDecided(next);
      void message.success(fill(r.review.decided, { status: m.statuses[next.application.status] }));
    } catch (e) {
      const who = claimedByOther(e);
      if (who) {
        setConflict(who);
        reload();
      }
      setSubmitError(e);
      if (e instanceof ApiError && e.problem?.errors?.length) {
        // Paths arrive as text: the untyped form instance takes them.
        (form as FormInstance).setFields(
          e.problem.errors
            .filter((fe) => ['note', 'riskTier', 'stipulations', 'decision'].includes(fe.field.split('.')[0] ?? ''))
            .map((fe) => ({ name: fe.field.split('.').map((p) => (/^\d+$/.test(p) ? Number(p) : p)), errors: [fe.message] })),
        );
      }
    } finally {
      setBusy(false);
    }
  };

  if (decided) {
    return (
      <Page title={r.title} testId="review-page">
        <Result
          status={decided.application.status === 'declined' ? 'warning' : 'success'}
          title={fill(r.review.decided, { status: m.statuses[decided.application.status] })}
          subTitle={decided.application.id}
          extra={[
            <Link key="detail" to={`/applications/${decided.application.id}`} data-testid="review-open-detail">
              <Button type="primary">{r.review.openDetail}</Button>
            </Link>,
            <Link key="queue" to="/review">
              <Button>{r.review.back}</Button>
            </Link>,
          ]}
        />
        <Row gutter={16} data-testid="review-decided">
          <Col xs={24} xl={14}>
            <Card size="small" title={r.review.result}>
              <DecisionPanel decision={decided.decision} m={m} locale={locale} compact />
            </Card>
          </Col>
          <Col xs={24} xl={10}>
            <Card size="small" title={r.review.timeline}>
              <ApplicationTimeline events={decided.timeline} m={m} />
            </Card>
          </Col>
        </Row>
      </Page>
    );
  }

  // The automatic decision that referred it: the one before any manual decision.
  const automatic = detail.decisions.find((d) => d.kind === 'automatic') ?? detail.decision;

  return (
    <Page
      title={
        <Space>
          <Link to="/review" aria-label={r.review.back}>
            <ArrowLeftOutlined />
          </Link>
          <span>
            {r.title} · <span className="mono-num">{shortId(a.id)}</span>
          </span>
        </Space>
      }
      subtitle={a.id}
      tags={<StatusTag status={a.status} m={m} />}
      testId="review-page"
    >
      <ApplicationHeader detail={detail} m={m} zh={zh} />
      {!referred ? <Alert style={{ marginTop: 12 }} type="info" showIcon message={fill(r.review.notReferred, { status: m.statuses[a.status] })} /> : null}
      {conflict || (referred && heldByOther) ? (
        <Alert
          style={{ marginTop: 12 }}
          type="warning"
          showIcon
          icon={<LockOutlined />}
          data-testid="claim-conflict"
          message={fill(r.claimedByOther, { who: conflict ?? holder?.label ?? holder?.id ?? '?' })}
          description={fill(r.claimedByOtherHint, { who: conflict ?? holder?.label ?? holder?.id ?? '?' })}
        />
      ) : null}

      <Row gutter={16} style={{ marginTop: 16 }} className="review-layout">
        <Col xs={24} xl={9}>
          <ApplicationParties detail={detail} m={m} />
        </Col>
        <Col xs={24} xl={15}>
          <Card size="small" title={m.decision.title}>
            <DecisionPanel decision={automatic} m={m} locale={locale} compact />
          </Card>
          <FraudFlags detail={detail} m={m} r={r} />
          {hasAnyRole(user, SIMILAR_READERS) ? <SimilarCard applicationId={a.id} m={m} r={r} /> : null}
          {referred ? (
            <Card size="small" title={r.review.decide} data-testid="review-decide">
              {!mine ? (
                <Space direction="vertical" style={{ width: '100%' }}>
                  <Typography.Text type="secondary">{r.review.claimFirst}</Typography.Text>
                  <Button type="primary" icon={<LockOutlined />} loading={claiming} onClick={() => void claim()} disabled={heldByOther} data-testid="review-claim">
                    {r.review.claimButton}
                  </Button>
                </Space>
              ) : (
                <Form<DecideForm>
                  form={form}
                  layout="vertical"
                  initialValues={{ decision: 'approved', riskTier: automatic?.score?.tier }}
                  onFinish={(v) => void submit(v)}
                  data-testid="review-form"
                >
                  <Typography.Paragraph type="secondary">
                    <LockOutlined /> {fill(r.review.youHold, { at: formatDateTime(detail.review?.claimedAt) })}
                  </Typography.Paragraph>
                  {submitError ? <Alert type="error" showIcon message={errorMessage(submitError)} style={{ marginBottom: 12 }} data-testid="review-error" /> : null}
                  <Form.Item name="decision" label={r.review.decision} rules={[{ required: true }]}>
                    <Radio.Group optionType="button" buttonStyle="solid" data-testid="review-outcome">
                      <Radio.Button value="approved">{r.review.approve}</Radio.Button>
                      <Radio.Button value="conditionally_approved">{r.review.approveWithStips}</Radio.Button>
                      <Radio.Button value="declined">{r.review.decline}</Radio.Button>
                    </Radio.Group>
                  </Form.Item>
                  {outcome !== 'declined' ? (
                    <Form.Item name="riskTier" label={r.review.riskTier} extra={r.review.riskTierHint} rules={automatic?.score ? [] : [{ required: true, message: r.review.riskTierHint }]}>
                      <Select allowClear style={{ width: 200 }} options={tiers.map((t) => ({ value: t, label: m.tiers[t] }))} />
                    </Form.Item>
                  ) : null}
                  {outcome === 'conditionally_approved' ? (
                    <Form.List
                      name="stipulations"
                      initialValue={[{ type: 'proof_of_income' }]}
                      rules={[{ validator: async (_, value: unknown[] | undefined) => (value && value.length > 0 ? undefined : Promise.reject(new Error(r.review.stipulationRequired))) }]}
                    >
                      {(fields, { add, remove }, { errors }) => (
                        <Form.Item label={r.review.stipulations}>
                          {fields.map((field) => (
                            <Space key={field.key} align="baseline" wrap>
                              <Form.Item name={[field.name, 'type']} rules={[{ required: true, message: r.review.stipulationType }]}>
                                <Select style={{ width: 170 }} placeholder={r.review.stipulationType} options={stipulationTypes.map((t) => ({ value: t, label: m.stipulationTypes[t] }))} />
                              </Form.Item>
                              <Form.Item name={[field.name, 'amount']} rules={[{ pattern: MONEY_INPUT, message: m.form.notMoney }]}>
                                <Input prefix="¥" placeholder={r.review.stipulationAmount} style={{ width: 230 }} />
                              </Form.Item>
                              <Form.Item name={[field.name, 'note']}>
                                <Input placeholder={r.review.stipulationNote} style={{ width: 200 }} maxLength={500} />
                              </Form.Item>
                              <MinusCircleOutlined onClick={() => remove(field.name)} />
                            </Space>
                          ))}
                          <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({})}>
                            {r.review.addStipulation}
                          </Button>
                          <Form.ErrorList errors={errors} />
                        </Form.Item>
                      )}
                    </Form.List>
                  ) : null}
                  <Form.Item name="note" label={r.review.note} rules={[{ required: true, whitespace: true, min: 3, message: r.review.noteRequired }]}>
                    <Input.TextArea rows={4} placeholder={r.review.notePlaceholder} maxLength={4000} showCount data-testid="review-note" />
                  </Form.Item>
                  {outcome === 'declined' ? (
                    <Popconfirm title={r.review.confirmDecline} onConfirm={() => form.submit()}>
                      <Button danger type="primary" icon={<SendOutlined />} loading={busy} data-testid="review-submit">
                        {r.review.submit}
                      </Button>
                    </Popconfirm>
                  ) : (
                    <Button type="primary" htmlType="submit" icon={<SendOutlined />} loading={busy} data-testid="review-submit">
                      {r.review.submit}
                    </Button>
                  )}
                </Form>
              )}
            </Card>
          ) : null}
        </Col>
      </Row>
    </Page>
  );
}
