import { useCallback, useReducer, useState } from 'react';
import { Alert, App, Button, Card, Col, Descriptions, Popconfirm, Result, Row, Skeleton, Space, Steps, Tag, Tooltip, Typography } from 'antd';
import { ArrowLeftOutlined, CheckOutlined, EditOutlined, ExperimentOutlined, PauseOutlined, PlayCircleOutlined, ReloadOutlined, RocketOutlined, StopOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { Link, useParams } from 'react-router-dom';
import { Page } from '../../ui/page.tsx';
import { useLoad } from '../../ui/use-load.ts';
import { formatMoney } from '../../ui/format.ts';
import { useErrorMessage } from '../../api/use-error-message.ts';
import { useModuleMessages } from '../../i18n/module-messages.ts';
import { useCurrentUser, hasAnyRole } from '../auth/session.tsx';
import { campaignsMessages } from './campaigns.i18n.ts';
import {
  CAMPAIGN_APPROVERS,
  CAMPAIGN_EDITORS,
  CAMPAIGN_FINISHERS,
  CAMPAIGN_OPERATORS,
  CAMPAIGN_PREVIEWERS,
  fetchSimulatedResponse,
  fetchCampaign,
  fetchReport,
  simulateNextDay,
  stepCampaign,
  type Campaign,
  type CampaignStep,
} from './campaigns.api.ts';
import { CampaignEditor } from './campaign-editor.tsx';
import { CampaignReportView } from './campaign-report.tsx';
import { CampaignMessages } from './campaign-messages.tsx';
import { statusColor, who } from './campaign-format.ts';
import { TemplatePreview } from './template-preview.tsx';
import { TrueEffect } from './true-effect.tsx';
import { fill } from './fill.ts';
import './campaigns.css';

const time = (iso: string | null | undefined) => (iso ? dayjs(iso).format('YYYY-MM-DD HH:mm') : undefined);

/** Whether the signed-in user is the campaign's creator (the server records the user's id; older rows may hold the e-mail). */
export function isCreator(campaign: Pick<Campaign, 'createdBy'>, user: { id: string; email: string }): boolean {
  return campaign.createdBy !== null && (campaign.createdBy === user.id || campaign.createdBy === user.email);
}

export function CampaignPage() {
  const { campaignId = '' } = useParams();
  const m = useModuleMessages(campaignsMessages);
  const d = m.detail;
  const user = useCurrentUser();
  const { message } = App.useApp();
  const errorMessage = useErrorMessage();
  const [busy, setBusy] = useState<string | null>(null);
  const [editing, setEditing] = useState(false);

  const load = useCallback(
    async (signal: AbortSignal) => {
      const campaign = await fetchCampaign(campaignId, signal);
      if (campaign.status === 'draft') return { campaign, report: null, simulated: null };
      const report = await fetchReport(campaignId, signal);
      // Only the demo market answers this (409 otherwise): no panel then.
      const simulated = await fetchSimulatedResponse(campaignId, signal).catch(() => null);
      return { campaign, report, simulated };
    },
    [campaignId],
  );
  const [state, reloadCampaign] = useLoad(load);
  // The messages table loads its own pages (with its filter); a reload refreshes it as well.
  const [messagesGeneration, reloadMessages] = useReducer((g: number) => g + 1, 0);
  const reload = () => {
    reloadCampaign();
    reloadMessages();
  };
  const error = state.status === 'error' ? state.error : null;

  const run = async (key: string, action: () => Promise<unknown>, done?: string) => {
    setBusy(key);
    try {
      await action();
      if (done) void message.success(done);
      reload();
    } catch (e) {
      void message.error(errorMessage(e));
    } finally {
      setBusy(null);
    }
  };
  const step = (s: CampaignStep) => run(s, () => stepCampaign(campaignId, s));

  if (!state.data) {
    return (
      <Page title={m.title}>
        {error ? <Result status="warning" title={errorMessage(error)} extra={<Link to="/campaigns">{d.back}</Link>} /> : <Skeleton active />}
      </Page>
    );
  }

  const { campaign, report, simulated } = state.data;
  const creator = isCreator(campaign, user);
  const approver = hasAnyRole(user, CAMPAIGN_APPROVERS);
  const operator = hasAnyRole(user, CAMPAIGN_OPERATORS);
  const draft = campaign.status === 'draft';
  const approved = campaign.approvedAt !== null;

  const actions = (
    <Space wrap>
      <Link to="/campaigns">
        <Button icon={<ArrowLeftOutlined />}>{d.back}</Button>
      </Link>
      <Button icon={<ReloadOutlined />} onClick={reload}>
        {m.refresh}
      </Button>
      {draft && hasAnyRole(user, CAMPAIGN_EDITORS) ? (
        <Button icon={<EditOutlined />} onClick={() => setEditing(true)} data-testid="campaign-edit">
          {d.edit}
        </Button>
      ) : null}
      {draft && !approved && approver && !creator ? (
        <Popconfirm title={d.approveConfirm} onConfirm={() => step('approve')}>
          <Button type="primary" icon={<CheckOutlined />} loading={busy === 'approve'} data-testid="campaign-approve">
            {d.approve}
          </Button>
        </Popconfirm>
      ) : null}
      {draft && !approved && approver && creator ? (
        <Tooltip title={d.selfApproval}>
          <Button icon={<CheckOutlined />} disabled data-testid="campaign-approve-disabled">
            {d.approve}
          </Button>
        </Tooltip>
      ) : null}
      {draft && approved && operator ? (
        <Popconfirm title={d.launchConfirm} onConfirm={() => step('launch')}>
          <Button type="primary" icon={<RocketOutlined />} loading={busy === 'launch'} data-testid="campaign-launch">
            {d.launch}
          </Button>
        </Popconfirm>
      ) : null}
      {(campaign.status === 'running' || campaign.status === 'scheduled') && operator ? (
        <Button icon={<PauseOutlined />} loading={busy === 'pause'} onClick={() => step('pause')} data-testid="campaign-pause">
          {d.pause}
        </Button>
      ) : null}
      {campaign.status === 'paused' && operator ? (
        <Button icon={<PlayCircleOutlined />} loading={busy === 'resume'} onClick={() => step('resume')} data-testid="campaign-resume">
          {d.resume}
        </Button>
      ) : null}
      {campaign.status !== 'draft' && campaign.status !== 'finished' && hasAnyRole(user, CAMPAIGN_FINISHERS) ? (
        <Popconfirm title={d.finishConfirm} onConfirm={() => step('finish')}>
          <Button danger icon={<StopOutlined />} loading={busy === 'finish'} data-testid="campaign-finish">
            {d.finish}
          </Button>
        </Popconfirm>
      ) : null}
    </Space>
  );

  // Progress: draft → approved → launched → finished; a pause shows on the launched step.
  const stepsDone = [true, approved, campaign.launchedAt !== null, campaign.finishedAt !== null];
  const current = stepsDone.lastIndexOf(true);
  const offer = campaign.offer;

  return (
    <Page
      testId="campaign-page"
      title={campaign.name}
      subtitle={campaign.goal ?? undefined}
      tags={
        <Space size={4}>
          <Tag color={statusColor[campaign.status]} data-testid="campaign-detail-status">
            {m.status[campaign.status]}
          </Tag>
          {draft ? <Tag color={approved ? 'green' : 'gold'}>{approved ? m.approval.approved : m.approval.pending}</Tag> : null}
        </Space>
      }
      extra={actions}
    >
      {error ? <Alert type="error" showIcon className="page__alert" message={errorMessage(error)} /> : null}
      {draft && !approved && creator && approver ? <Alert type="warning" showIcon className="page__alert" message={d.selfApproval} data-testid="campaign-self-approval" /> : null}
      {draft && !approved && !approver ? <Alert type="info" showIcon className="page__alert" message={creator ? `${d.roleApproval} ${d.selfApprovalShort}` : d.roleApproval} data-testid="campaign-needs-approval" /> : null}

      <Card variant="borderless" title={d.timeline}>
        <Steps
          current={current}
          status={campaign.status === 'paused' ? 'error' : undefined}
          items={[
            { title: d.created, description: [time(campaign.createdAt), who(campaign.createdBy, user, d)].filter(Boolean).join(' · ') },
            { title: d.approved, description: approved ? [time(campaign.approvedAt), who(campaign.approvedBy, user, d)].filter(Boolean).join(' · ') : undefined },
            { title: campaign.status === 'paused' ? d.paused : d.launched, description: [time(campaign.launchedAt), who(campaign.launchedBy, user, d)].filter(Boolean).join(' · ') || undefined },
            { title: d.finished, description: time(campaign.finishedAt) ?? (campaign.endsAt ? `${m.list.ends} ${dayjs(campaign.endsAt).format('YYYY-MM-DD')}` : undefined) },
          ]}
        />
      </Card>

      <Row gutter={[16, 16]} className="campaign-section">
        <Col xs={24} xl={16}>
          <Card variant="borderless" title={d.definition}>
            <Descriptions size="small" column={2} bordered>
              <Descriptions.Item label={m.list.segment}>{campaign.segmentName ?? '–'}</Descriptions.Item>
              <Descriptions.Item label={m.list.channel}>{m.channel[campaign.channel]}</Descriptions.Item>
              <Descriptions.Item label={m.editor.product}>{offer?.productCode ?? d.offerNone}</Descriptions.Item>
              <Descriptions.Item label={m.editor.promotion}>{offer?.promotionId ? <span className="mono">{offer.promotionId.slice(0, 8)}</span> : d.offerNone}</Descriptions.Item>
              <Descriptions.Item label={m.list.schedule}>{campaign.schedule.type === 'at' ? time(campaign.schedule.at) : m.list.now}</Descriptions.Item>
              <Descriptions.Item label={m.list.ends}>{campaign.endsAt ? dayjs(campaign.endsAt).format('YYYY-MM-DD') : '–'}</Descriptions.Item>
              <Descriptions.Item label={m.list.budget}>{campaign.budget ? formatMoney(campaign.budget) : '–'}</Descriptions.Item>
              <Descriptions.Item label={m.list.holdout}>{campaign.holdoutPercent}%</Descriptions.Item>
              <Descriptions.Item label={m.editor.sender}>{campaign.senderName}</Descriptions.Item>
              <Descriptions.Item label={d.versions}>{[campaign.contactPolicyVersion, campaign.channelCostsVersion].filter(Boolean).join(' · ') || '–'}</Descriptions.Item>
              <Descriptions.Item label={m.editor.templateZh} span={2}>
                <div className="campaign-template" data-testid="campaign-template">
                  {campaign.template.zh}
                  {campaign.channel === 'sms' && campaign.purpose === 'marketing' ? <span className="campaign-optout"> {m.editor.optOutText}</span> : null}
                </div>
              </Descriptions.Item>
              {campaign.template.en ? (
                <Descriptions.Item label={m.editor.templateEn} span={2}>
                  <div className="campaign-template">{campaign.template.en}</div>
                </Descriptions.Item>
              ) : null}
              {campaign.variants.length > 0 ? (
                <Descriptions.Item label={m.editor.variants} span={2}>
                  {campaign.variants.map((v) => (
                    <div key={v.key}>
                      <Tag>{v.key.toUpperCase()}</Tag>
                      {v.name} · {v.share}%{v.template ? ` · ${v.template.zh}` : ''}
                    </div>
                  ))}
                </Descriptions.Item>
              ) : null}
            </Descriptions>
          </Card>
        </Col>
        <Col xs={24} xl={8}>
          <Card variant="borderless" title={m.editor.preview}>
            {hasAnyRole(user, CAMPAIGN_PREVIEWERS) ? <TemplatePreview campaignId={campaign.id} /> : <Typography.Text type="secondary">{d.previewRoles}</Typography.Text>}
          </Card>
        </Col>
      </Row>

      {!draft ? (
        <Card
          variant="borderless"
          className="campaign-section"
          title={m.report.title}
          extra={
            simulated ? (
              <Space>
                <Tag color="purple">{m.demoData}</Tag>
                <Typography.Text type="secondary">{fill(d.simulatedDays, { days: simulated.daysSimulated, window: simulated.windowDays })}</Typography.Text>
                {operator ? (
                <Tooltip title={d.simulateHint}>
                  <Button icon={<ExperimentOutlined />} loading={busy === 'simulate'} onClick={() => run('simulate', () => simulateNextDay(campaign.id), d.simulated)} data-testid="campaign-simulate">
                    {d.simulate}
                  </Button>
                </Tooltip>
                ) : null}
              </Space>
            ) : null
          }
        >
          {report ? <CampaignReportView report={report} /> : <Skeleton active />}
          {simulated ? <TrueEffect simulated={simulated} report={report} /> : null}
        </Card>
      ) : null}

      {!draft ? (
        <Card variant="borderless" className="campaign-section" title={m.report.messages}>
          <CampaignMessages campaignId={campaign.id} generation={messagesGeneration} />
        </Card>
      ) : (
        <Typography.Paragraph type="secondary" className="campaign-section">
          {m.report.empty}
        </Typography.Paragraph>
      )}

      {editing ? (
        <CampaignEditor
          campaign={campaign}
          onClose={() => setEditing(false)}
          onSaved={() => {
            setEditing(false);
            reload();
          }}
        />
      ) : null}
    </Page>
  );
}
