import { useCallback, useEffect, useState } from 'react';
import { Alert, Button, Card, Col, Descriptions, Empty, Form, Input, Modal, Row, Select, Space, Table, Tag, Typography, message } from 'antd';
import { EyeOutlined, ArrowLeftOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { Link, useParams } from 'react-router-dom';
import type { ConsentChange, CustomerProfile, MergeRecord } from '@autofin/contracts';
import { Page } from '../../ui/page.tsx';
import { formatMoney } from '../../ui/format.ts';
import { useModuleMessages } from '../../i18n/module-messages.ts';
import { useErrorMessage } from '../../api/use-error-message.ts';
import { useCurrentUser, hasAnyRole } from '../auth/session.tsx';
import { customerMessages } from './customers.i18n.ts';
import { CONSENT_EDITORS, MERGERS, UNMASKERS, changeConsent, fetchMerges, fetchProfile, mergeCustomers, splitMerge } from './customers.api.ts';

const fmt = (iso: string | null) => (iso ? dayjs(iso).format('YYYY-MM-DD HH:mm') : '–');
const dash = (v: string | number | null | undefined) => (v === null || v === undefined || v === '' ? '–' : String(v));
const PURPOSES = ['marketing', 'profiling', 'credit_check', 'data_sharing'] as const;
const CHANNELS = ['sms', 'email', 'call', 'app_push', 'wechat', 'any'] as const;
const SOURCES = ['app', 'web', 'dealer', 'call_centre', 'wechat', 'paper'] as const;

/** The 360° profile: masked by default; "show in clear" asks for a reason and the server audits it. */
export function CustomerPage() {
  const { customerId = '' } = useParams();
  const m = useModuleMessages(customerMessages);
  const p = m.profile;
  const user = useCurrentUser();
  const errorMessage = useErrorMessage();
  const [profile, setProfile] = useState<CustomerProfile | null>(null);
  const [merges, setMerges] = useState<MergeRecord[]>([]);
  const [error, setError] = useState<unknown>(null);
  const [unmaskOpen, setUnmaskOpen] = useState(false);
  const [consentOpen, setConsentOpen] = useState(false);
  const [mergeOpen, setMergeOpen] = useState(false);
  const [unmaskForm] = Form.useForm<{ reason: string }>();
  const [consentForm] = Form.useForm<ConsentChange>();
  const [mergeForm] = Form.useForm<{ mergedId: string; reason: string }>();

  const load = useCallback(
    async (unmask?: { reason: string }) => {
      setError(null);
      try {
        setProfile(await fetchProfile(customerId, unmask));
        setMerges((await fetchMerges(customerId)).items);
      } catch (e) {
        setError(e);
      }
    },
    [customerId],
  );
  useEffect(() => {
    void load();
  }, [load]);

  const consent = async (change: ConsentChange) => {
    try {
      setProfile(await changeConsent(customerId, change));
      setConsentOpen(false);
    } catch (e) {
      void message.error(errorMessage(e));
    }
  };

  if (error && !profile) return <Alert type="error" showIcon message={errorMessage(error)} />;
  if (!profile) return <Card loading />;

  const stage = (s: string) => m.stages[s as keyof typeof m.stages] ?? s;
  const purpose = (s: string) => m.purposes[s as keyof typeof m.purposes] ?? s;
  const channel = (s: string) => m.channels[s as keyof typeof m.channels] ?? s;
  const t = profile.traits;

  return (
    <Page
      testId="customer-page"
      title={
        <Space>
          <Link to="/customers" aria-label={p.back}>
            <ArrowLeftOutlined />
          </Link>
          <span data-testid="profile-name">{profile.identity.name}</span>
        </Space>
      }
      tags={
        <Space>
          {profile.demo ? <Tag color="gold">{m.demo}</Tag> : null}
          {profile.anonymous ? <Tag>{m.anonymous}</Tag> : null}
          {profile.unmasked ? <Tag color="red">{p.unmaskedNote}</Tag> : <Tag>{p.masked}</Tag>}
        </Space>
      }
      subtitle={<span className="mono">{profile.id}</span>}
      extra={
        hasAnyRole(user, UNMASKERS) && !profile.unmasked ? (
          <Button icon={<EyeOutlined />} onClick={() => setUnmaskOpen(true)} data-testid="unmask">
            {p.unmask}
          </Button>
        ) : null
      }
    >
      {error ? <Alert type="error" showIcon message={errorMessage(error)} style={{ marginBottom: 16 }} /> : null}
      {profile.mergedInto ? (
        <Alert type="info" showIcon style={{ marginBottom: 16 }} message={<Link to={`/customers/${profile.mergedInto}`}>{`${p.mergedInto} ${profile.mergedInto}`}</Link>} />
      ) : null}
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={12}>
          <Card title={p.identity} size="small">
            <Descriptions column={1} size="small">
              <Descriptions.Item label={p.name}>{profile.identity.name}</Descriptions.Item>
              <Descriptions.Item label={p.idNumber}>
                <span className="mono" data-testid="profile-id-number">
                  {dash(profile.identity.idNumber)}
                </span>
                {profile.identity.idNumber === '******************' ? <Typography.Text type="secondary"> {p.hashOnly}</Typography.Text> : null}
              </Descriptions.Item>
              <Descriptions.Item label={p.phone}>
                <span className="mono" data-testid="profile-phone">
                  {dash(profile.contact.phone)}
                </span>
              </Descriptions.Item>
              <Descriptions.Item label={p.email}>{dash(profile.contact.email)}</Descriptions.Item>
              <Descriptions.Item label={p.gender}>{dash(profile.identity.gender)}</Descriptions.Item>
              <Descriptions.Item label={p.birthDate}>{dash(profile.identity.birthDate)}</Descriptions.Item>
              <Descriptions.Item label={p.identifiers}>
                <Space wrap>
                  {profile.identity.identifiers.length === 0 ? '–' : null}
                  {profile.identity.identifiers.map((i) => (
                    <Tag key={`${i.type}-${i.firstSeenAt}`} color={i.strong ? 'blue' : 'default'}>
                      {i.type} · {i.strong ? p.strong : p.weak}
                    </Tag>
                  ))}
                </Space>
              </Descriptions.Item>
              {profile.mergedProfiles.length > 0 ? (
                <Descriptions.Item label={p.merged}>
                  <Space direction="vertical" size={0}>
                    {profile.mergedProfiles.map((id) => (
                      <Link key={id} to={`/customers/${id}`} className="mono">
                        {id}
                      </Link>
                    ))}
                  </Space>
                </Descriptions.Item>
              ) : null}
            </Descriptions>
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card title={p.traits} size="small" data-testid="profile-traits">
            {!t ? (
              <Empty description={p.traitsNone} />
            ) : (
              <>
                {!t.personalised ? <Alert type="warning" showIcon style={{ marginBottom: 8 }} message={p.notPersonalised} /> : null}
                <Descriptions column={2} size="small">
                  <Descriptions.Item label={p.stage}>
                    <Tag color="geekblue">{stage(t.lifecycleStage)}</Tag>
                  </Descriptions.Item>
                  <Descriptions.Item label={p.recency}>{t.recencyDays === null ? '–' : p.recencyDays.replace('{{days}}', String(t.recencyDays))}</Descriptions.Item>
                  <Descriptions.Item label={p.frequency}>{t.frequency90d}</Descriptions.Item>
                  <Descriptions.Item label={p.monetary}>{formatMoney(t.monetary)}</Descriptions.Item>
                  <Descriptions.Item label={p.rfm}>{t.rfmScore}</Descriptions.Item>
                  <Descriptions.Item label={p.channelPref}>{t.channelPreference ? channel(t.channelPreference) : '–'}</Descriptions.Item>
                  <Descriptions.Item label={p.nev}>{(t.nevAffinity * 100).toFixed(0)}%</Descriptions.Item>
                  <Descriptions.Item label={p.price}>{(t.priceSensitivity * 100).toFixed(0)}%</Descriptions.Item>
                  <Descriptions.Item label={p.ltv}>{formatMoney(t.predictedLtv)}</Descriptions.Item>
                  <Descriptions.Item label={p.churn}>{t.churnRisk === null ? '–' : `${(t.churnRisk * 100).toFixed(0)}%`}</Descriptions.Item>
                  <Descriptions.Item label={p.nbp}>{dash(t.nextBestProduct)}</Descriptions.Item>
                </Descriptions>
              </>
            )}
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card title={p.demographics} size="small">
            <Descriptions column={2} size="small">
              <Descriptions.Item label={p.city}>{dash(profile.demographics.city)}</Descriptions.Item>
              <Descriptions.Item label={p.tier}>{dash(profile.demographics.cityTier)}</Descriptions.Item>
              <Descriptions.Item label={p.occupation}>{dash(profile.demographics.occupation)}</Descriptions.Item>
              <Descriptions.Item label={p.education}>{dash(profile.demographics.education)}</Descriptions.Item>
              <Descriptions.Item label={p.marital}>{dash(profile.demographics.maritalStatus)}</Descriptions.Item>
              <Descriptions.Item label={p.children}>{dash(profile.demographics.children)}</Descriptions.Item>
              <Descriptions.Item label={p.income}>{dash(profile.demographics.incomeBand)}</Descriptions.Item>
              <Descriptions.Item label={p.credit}>{dash(profile.demographics.creditFile)}</Descriptions.Item>
              <Descriptions.Item label={p.digital}>{dash(profile.demographics.digitalScore)}</Descriptions.Item>
              <Descriptions.Item label={p.preferred}>{profile.demographics.preferredChannel ? channel(profile.demographics.preferredChannel) : '–'}</Descriptions.Item>
              <Descriptions.Item label={p.acquisition}>{dash(profile.demographics.acquisitionChannel)}</Descriptions.Item>
              <Descriptions.Item label={p.firstSeen}>{fmt(profile.demographics.firstSeenAt)}</Descriptions.Item>
            </Descriptions>
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card
            title={p.consents}
            size="small"
            extra={
              hasAnyRole(user, CONSENT_EDITORS) && !profile.mergedInto ? (
                <Button size="small" onClick={() => setConsentOpen(true)} data-testid="consent-change">
                  {p.grant} / {p.withdraw}
                </Button>
              ) : null
            }
          >
            <Table
              size="small"
              rowKey={(r) => `${r.purpose}-${r.channel}`}
              pagination={false}
              dataSource={profile.consents}
              locale={{ emptyText: p.consentNone }}
              columns={[
                { title: p.purpose, dataIndex: 'purpose', render: purpose },
                { title: p.channel, dataIndex: 'channel', render: channel },
                { title: p.status, dataIndex: 'status', render: (s: 'granted' | 'withdrawn') => <Tag color={s === 'granted' ? 'green' : 'red'}>{m.statuses[s]}</Tag> },
                { title: p.grantedAt, dataIndex: 'grantedAt', render: fmt },
                { title: p.withdrawnAt, dataIndex: 'withdrawnAt', render: fmt },
                { title: p.via, dataIndex: 'capturedVia' },
                { title: p.textVersion, dataIndex: 'textVersion', render: dash },
              ]}
            />
          </Card>
        </Col>
        <Col xs={24}>
          <Card title={p.events} size="small" extra={<Typography.Text type="secondary">{p.eventsOf.replace('{{shown}}', String(profile.events.length)).replace('{{total}}', String(profile.eventCount))}</Typography.Text>}>
            <Table
              size="small"
              rowKey="id"
              pagination={{ pageSize: 10, hideOnSinglePage: true }}
              dataSource={profile.events}
              columns={[
                { title: p.occurred, dataIndex: 'occurredAt', render: fmt, width: 150 },
                { title: p.type, dataIndex: 'type', render: (x: string) => <Tag>{x}</Tag>, width: 170 },
                { title: p.channel, dataIndex: 'channel', width: 110 },
                { title: 'payload', dataIndex: 'payload', render: (x: Record<string, unknown>) => <span className="mono">{JSON.stringify(x)}</span> },
                { title: p.received, dataIndex: 'receivedAt', render: fmt, width: 150 },
              ]}
            />
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card title={p.applications} size="small">
            <Table
              size="small"
              rowKey="id"
              pagination={false}
              dataSource={profile.applications}
              locale={{ emptyText: '–' }}
              columns={[
                { title: p.occurred, dataIndex: 'submittedAt', render: fmt },
                { title: 'product', dataIndex: 'productCode' },
                { title: p.status, dataIndex: 'status', render: (s: string) => <Tag>{s}</Tag> },
                { title: '¥', dataIndex: 'requestedAmount', render: (a: string) => formatMoney(a) },
              ]}
            />
            <Typography.Title level={5} style={{ marginTop: 12 }}>
              {p.vehicles}
            </Typography.Title>
            {profile.vehicles.length === 0 ? '–' : profile.vehicles.map((v) => <Tag key={v.applicationId}>{[v.make, v.model, v.trim, v.fuel, v.condition].filter(Boolean).join(' · ')} · {formatMoney(v.price)}</Tag>)}
            <Typography.Title level={5} style={{ marginTop: 12 }}>
              {p.loans}
            </Typography.Title>
            {profile.loans.length === 0
              ? '–'
              : profile.loans.map((l) => (
                  <Tag key={l.id} color={l.status === 'active' ? 'green' : 'default'}>
                    {l.status} · {formatMoney(l.principal)} · {l.termMonths}m · {dash(l.disbursedOn)}
                  </Tag>
                ))}
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card title={p.segments} size="small" style={{ marginBottom: 16 }}>
            {profile.segments.length === 0 ? p.segmentsNone : profile.segments.map((s) => <Tag key={s.id} color="purple">{`${s.name} · ${fmt(s.enteredAt)}`}</Tag>)}
          </Card>
          <Card title={p.messages} size="small" style={{ marginBottom: 16 }}>
            {profile.messages.length === 0 ? (
              <span data-testid="messages-none">{p.messagesNone}</span>
            ) : (
              <div data-testid="profile-messages">
                {profile.messages.map((x) => (
                  <div key={x.id} style={{ marginBottom: 4 }}>
                    <Tag>{channel(x.channel)}</Tag>
                    <Tag color={x.status === 'clicked' ? 'green' : x.status === 'delivered' ? 'blue' : x.status === 'failed' ? 'red' : 'default'}>{p.messageStatus[x.status as keyof typeof p.messageStatus] ?? x.status}</Tag>
                    {x.campaign ? <Link to={`/campaigns/${x.campaign.id}`}>{x.campaign.name}</Link> : x.journey ? <Link to={`/journeys/${x.journey.id}`}>{x.journey.name}</Link> : null}
                    <Typography.Text type="secondary">{` · ${fmt(x.sentAt)}`}</Typography.Text>
                  </div>
                ))}
              </div>
            )}
          </Card>
          <Card
            title={p.mergeHistory}
            size="small"
            extra={
              hasAnyRole(user, MERGERS) && !profile.mergedInto ? (
                <Button size="small" onClick={() => setMergeOpen(true)}>
                  {p.merge}
                </Button>
              ) : null
            }
          >
            {merges.length === 0
              ? '–'
              : merges.map((r) => (
                  <div key={r.id} style={{ marginBottom: 8 }}>
                    <Tag color={r.kind === 'auto' ? 'blue' : 'orange'}>{r.kind === 'auto' ? p.auto : p.manual}</Tag>
                    <span className="mono">{r.mergedId.slice(0, 8)}</span> → <span className="mono">{r.survivorId.slice(0, 8)}</span> · {r.reason} · {dash(r.actorLabel)} · {fmt(r.at)}
                    {r.revertedAt ? (
                      <Tag style={{ marginLeft: 8 }}>{`${p.reverted} ${fmt(r.revertedAt)} · ${dash(r.revertReason)}`}</Tag>
                    ) : hasAnyRole(user, MERGERS) ? (
                      <Button
                        size="small"
                        type="link"
                        onClick={() => {
                          let reason = '';
                          Modal.confirm({
                            title: p.split,
                            content: <Input placeholder={p.mergeReason} onChange={(e) => (reason = e.target.value)} />,
                            onOk: async () => {
                              try {
                                await splitMerge(r.id, reason);
                                await load();
                              } catch (e) {
                                void message.error(errorMessage(e));
                              }
                            },
                          });
                        }}
                      >
                        {p.split}
                      </Button>
                    ) : null}
                  </div>
                ))}
          </Card>
        </Col>
      </Row>

      <Modal title={p.unmaskTitle} open={unmaskOpen} onCancel={() => setUnmaskOpen(false)} onOk={() => unmaskForm.submit()} destroyOnHidden>
        <Form
          form={unmaskForm}
          layout="vertical"
          onFinish={async (v) => {
            setUnmaskOpen(false);
            await load({ reason: v.reason });
          }}
        >
          <Form.Item name="reason" label={p.unmaskReason} rules={[{ required: true, min: 5, message: p.unmaskReasonRequired }]}>
            <Input.TextArea rows={2} data-testid="unmask-reason" />
          </Form.Item>
        </Form>
      </Modal>

      <Modal title={`${p.grant} / ${p.withdraw}`} open={consentOpen} onCancel={() => setConsentOpen(false)} onOk={() => consentForm.submit()} destroyOnHidden>
        <Form form={consentForm} layout="vertical" initialValues={{ purpose: 'marketing', channel: 'sms', action: 'granted', capturedVia: 'call_centre' }} onFinish={consent}>
          <Form.Item name="action" label={p.status}>
            <Select options={[{ value: 'granted', label: m.statuses.granted }, { value: 'withdrawn', label: m.statuses.withdrawn }]} />
          </Form.Item>
          <Form.Item name="purpose" label={p.purpose}>
            <Select options={PURPOSES.map((x) => ({ value: x, label: purpose(x) }))} />
          </Form.Item>
          <Form.Item name="channel" label={p.channel}>
            <Select options={CHANNELS.map((x) => ({ value: x, label: channel(x) }))} />
          </Form.Item>
          <Form.Item name="capturedVia" label={p.via}>
            <Select options={SOURCES.map((x) => ({ value: x, label: x }))} />
          </Form.Item>
          <Form.Item name="textVersion" label={p.textVersion} rules={[{ required: true }]}>
            <Input placeholder="marketing-2026.03" />
          </Form.Item>
        </Form>
      </Modal>

      <Modal title={p.merge} open={mergeOpen} onCancel={() => setMergeOpen(false)} onOk={() => mergeForm.submit()} destroyOnHidden>
        <Form
          form={mergeForm}
          layout="vertical"
          onFinish={async (v) => {
            try {
              await mergeCustomers(customerId, v.mergedId.trim(), v.reason);
              setMergeOpen(false);
              await load();
            } catch (e) {
              void message.error(errorMessage(e));
            }
          }}
        >
          <Form.Item name="mergedId" label={p.mergeId} rules={[{ required: true }]}>
            <Input className="mono" />
          </Form.Item>
          <Form.Item name="reason" label={p.mergeReason} rules={[{ required: true, min: 5 }]}>
            <Input.TextArea rows={2} />
          </Form.Item>
        </Form>
      </Modal>
    </Page>
  );
}
