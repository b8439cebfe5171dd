// One decision as a risk analyst or a dealer reads it: the verdict, the reasons in plain words,
// the score with what cost points, the priced offer (rate, payment, APR, total cost), a
// counter-offer, the stipulations and the versions that produced it.
import { Alert, Descriptions, Divider, Empty, List, Space, Tag, Typography } from 'antd';
import type { DecisionView } from '@autofin/contracts';
import { formatMoney } from '../../ui/format.ts';
import type { Locale } from '../../ui/format.ts';
import { bi, formatApr, formatPercentText } from '../quotes/money.ts';
import { fill, formatDateTime, formatPd, labelOf, StatusTag, type AppMessages } from './application-format.tsx';

const verdictType = { approved: 'success', conditionally_approved: 'warning', referred: 'info', declined: 'error' } as const;

export function DecisionPanel({ decision, m, locale, compact }: { decision: DecisionView | null; m: AppMessages; locale: Locale; compact?: boolean }) {
  if (!decision) return <Empty description={m.decision.none} />;
  const zh = locale === 'zh-CN';
  const { score, offer, counterOffer, versions } = decision;
  return (
    <div className="decision-panel" data-testid="decision-panel" data-status={decision.status}>
      <Alert
        type={verdictType[decision.status]}
        showIcon
        message={
          <Space wrap>
            <StatusTag status={decision.status} m={m} />
            <Typography.Text type="secondary">
              {decision.kind === 'manual' ? m.decision.manual : m.decision.automatic} · {formatDateTime(decision.decidedAt)}
              {decision.kind === 'automatic' ? ` · ${fill(m.decision.duration, { ms: decision.durationMs.toFixed(1) })}` : ''}
              {` · ${m.decision.decidedBy} ${decision.decidedBy.type === 'user' ? (decision.decidedBy.label ?? decision.decidedBy.id ?? '') : labelOf(m.actors, decision.decidedBy.type)}`}
            </Typography.Text>
          </Space>
        }
        description={
          decision.reasons.length === 0 ? (
            m.decision.noReasons
          ) : (
            <ul className="decision-reasons" data-testid="decision-reasons">
              {decision.reasons.map((r, i) => (
                <li key={`${r.code}-${i}`}>
                  <Tag bordered={false}>{labelOf(m.stages, r.stage)}</Tag>
                  {zh ? r.zh : r.en} <Typography.Text type="secondary" className="code-inline">{r.code}</Typography.Text>
                </li>
              ))}
            </ul>
          )
        }
      />
      {decision.note ? (
        <Alert className="decision-note" type="info" message={m.decision.note} description={<span data-testid="decision-note">{decision.note}</span>} />
      ) : null}

      {score ? (
        <>
          <Divider orientation="left" plain>
            {m.decision.score}
          </Divider>
          <Descriptions size="small" column={compact ? 2 : 4} data-testid="decision-score">
            <Descriptions.Item label={m.decision.score}>
              <strong className="mono-num">{fill(m.decision.points, { points: score.points.toFixed(0) })}</strong>
            </Descriptions.Item>
            <Descriptions.Item label={m.decision.tier}>{labelOf(m.tiers, score.tier)}</Descriptions.Item>
            <Descriptions.Item label={m.decision.pd}>{formatPd(score.pd)}</Descriptions.Item>
            <Descriptions.Item label={m.decision.model}>
              {score.modelId} v{score.modelVersion} ({score.role === 'champion' ? m.decision.champion : m.decision.challenger})
            </Descriptions.Item>
          </Descriptions>
          {score.reasonCodes.length > 0 ? (
            <List
              size="small"
              header={<Typography.Text type="secondary">{m.decision.scoreReasons}</Typography.Text>}
              dataSource={score.reasonCodes}
              renderItem={(r) => (
                <List.Item extra={<span className="mono-num">{fill(m.decision.pointsLost, { points: r.pointsLost.toFixed(1) })}</span>}>
                  {zh ? r.zh : r.en}
                </List.Item>
              )}
            />
          ) : null}
        </>
      ) : null}

      {offer ? (
        <>
          <Divider orientation="left" plain>
            {m.decision.offer}
          </Divider>
          <Typography.Paragraph strong>
            {bi(offer.productName, locale)} · {offer.term} {zh ? '个月' : 'months'}
          </Typography.Paragraph>
          <Descriptions size="small" column={2} bordered data-testid="decision-offer">
            <Descriptions.Item label={m.decision.monthlyPayment}>
              <strong className="mono-num" data-testid="offer-monthly">{formatMoney(offer.monthlyPayment)}</strong>
            </Descriptions.Item>
            <Descriptions.Item label={m.decision.apr}>
              <strong className="mono-num" data-testid="offer-apr">{formatApr(offer.aprSimple)}</strong>
            </Descriptions.Item>
            <Descriptions.Item label={m.decision.customerRate}>{formatPercentText(offer.customerRate)}</Descriptions.Item>
            <Descriptions.Item label={m.decision.totalCost}>
              <span className="mono-num">{formatMoney(offer.totalCost)}</span>
            </Descriptions.Item>
            <Descriptions.Item label={m.decision.amountFinanced}>{formatMoney(offer.amountFinanced)}</Descriptions.Item>
            <Descriptions.Item label={m.decision.totalInterest}>{formatMoney(offer.totalInterest)}</Descriptions.Item>
            <Descriptions.Item label={m.decision.totalFees}>{formatMoney(offer.totalFees)}</Descriptions.Item>
            <Descriptions.Item label={m.decision.ltv}>{formatPercentText(offer.ltv)}</Descriptions.Item>
          </Descriptions>
          {!compact ? <Typography.Paragraph type="secondary" className="decision-disclosure">{bi(offer.disclosure, locale)}</Typography.Paragraph> : null}
        </>
      ) : null}

      {counterOffer ? (
        <>
          <Divider orientation="left" plain>
            {m.decision.counterOffer}
          </Divider>
          <Alert
            type="warning"
            data-testid="counter-offer"
            message={
              counterOffer.kind === 'amount'
                ? fill(m.decision.counterAmount, { down: formatMoney(counterOffer.downPayment), loan: formatMoney(counterOffer.loanAmount), term: counterOffer.termMonths })
                : fill(m.decision.counterTerm, { loan: formatMoney(counterOffer.loanAmount), term: counterOffer.termMonths })
            }
            description={
              <>
                {counterOffer.offer ? (
                  <div>
                    {m.decision.monthlyPayment} {formatMoney(counterOffer.offer.monthlyPayment)} · {m.decision.apr} {formatApr(counterOffer.offer.aprSimple)} · {m.decision.totalCost}{' '}
                    {formatMoney(counterOffer.offer.totalCost)}
                  </div>
                ) : null}
                {counterOffer.resolves.length > 0 ? <Typography.Text type="secondary">{fill(m.decision.resolves, { rules: counterOffer.resolves.join(', ') })}</Typography.Text> : null}
              </>
            }
          />
        </>
      ) : null}

      {decision.stipulations.length > 0 ? (
        <>
          <Divider orientation="left" plain>
            {m.decision.stipulations}
          </Divider>
          <ul className="decision-reasons">
            {decision.stipulations.map((s, i) => (
              <li key={`${s.type}-${i}`}>
                <Tag color="gold">{labelOf(m.stipulationTypes, s.type)}</Tag>
                {zh ? s.zh : s.en}
                {s.amount ? ` (${formatMoney(s.amount)})` : ''}
              </li>
            ))}
          </ul>
        </>
      ) : null}

      {!compact ? (
        <>
          <Divider orientation="left" plain>
            {m.decision.versions}
          </Divider>
          <Descriptions size="small" column={3} data-testid="decision-versions">
            <Descriptions.Item label={m.decision.strategy}>{versions.strategy ? `${versions.strategy.id} v${versions.strategy.version}` : '–'}</Descriptions.Item>
            <Descriptions.Item label={m.decision.model}>{versions.model ? `${versions.model.id} v${versions.model.version}` : '–'}</Descriptions.Item>
            <Descriptions.Item label={m.decision.grid}>{versions.grid ? `${/^[0-9a-f]{8}-/.test(versions.grid.id) ? versions.grid.id.slice(0, 8) : versions.grid.id} v${versions.grid.version}` : '–'}</Descriptions.Item>
            <Descriptions.Item label={m.decision.rulebook}>{versions.rulebook ?? '–'}</Descriptions.Item>
            <Descriptions.Item label={m.decision.products} span={2}>
              {versions.products.length > 0 ? versions.products.map((p) => `${p.code} v${p.version}`).join(', ') : '–'}
            </Descriptions.Item>
          </Descriptions>
        </>
      ) : null}
    </div>
  );
}
