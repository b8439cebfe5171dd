import { Fragment } from 'react';
import { Tag, Typography } from 'antd';
import { ArrowRightOutlined } from '@ant-design/icons';
import type { JourneyDefinition, JourneyStats } from '@autofin/contracts';
import { useModuleMessages } from '../../i18n/module-messages.ts';
import { campaignsMessages } from '../campaigns/campaigns.i18n.ts';
import { fill } from '../campaigns/fill.ts';
import { journeysMessages } from './journeys.i18n.ts';
import { checkText, durationText, exitText, triggerText } from './journey-text.ts';
import '../campaigns/campaigns.css';

/**
 * The journey as a row of boxes a marketing officer reads left to right: trigger → each step → exit,
 * with how many customers wait at each step now and how many left at a condition.
 */
export function JourneyFlow({ definition, stats, segmentName }: { definition: JourneyDefinition; stats: JourneyStats | null; segmentName: (id: string) => string }) {
  const m = useModuleMessages(journeysMessages);
  const cm = useModuleMessages(campaignsMessages);
  const arrow = <ArrowRightOutlined className="campaign-flow__arrow" />;
  return (
    <div className="campaign-flow" data-testid="journey-flow">
      <div className="campaign-flow__step campaign-flow__step--trigger">
        <div className="campaign-flow__kind">{m.step.trigger}</div>
        <div>{triggerText(m, definition.trigger, segmentName)}</div>
        {stats ? <div className="campaign-flow__count">{`${m.stats.enrolled} ${stats.enrolled.toLocaleString()}`}</div> : null}
      </div>
      {definition.steps.map((step) => {
        const waiting = stats?.inStep[step.id] ?? 0;
        const exitedHere = stats?.exited[`condition_not_met:${step.id}`] ?? 0;
        return (
          <Fragment key={step.id}>
            {arrow}
            <div className="campaign-flow__step" data-testid={`journey-step-${step.id}`}>
              <div className="campaign-flow__kind">
                {m.step[step.type]} · <span className="mono">{step.id}</span>
              </div>
              {step.type === 'wait' ? <div>{fill(m.step.waitOf, { duration: durationText(m, step.hours) })}</div> : null}
              {step.type === 'condition' ? (
                <div>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {m.step.allOf}
                  </Typography.Text>
                  {step.all.map((c, i) => (
                    <div key={i}>• {checkText(m, c)}</div>
                  ))}
                </div>
              ) : null}
              {step.type === 'send' ? (
                <div>
                  <Tag color={step.purpose === 'transactional' ? 'default' : 'blue'}>{cm.channel[step.channel] ?? step.channel}</Tag>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {step.purpose === 'transactional' ? m.step.transactional : m.step.marketing}
                    {step.offer?.validHours ? ` · ${fill(m.step.offerValid, { hours: step.offer.validHours })}` : ''}
                  </Typography.Text>
                  <div style={{ fontSize: 12.5, marginTop: 4 }}>{step.template.zh}</div>
                </div>
              ) : null}
              {stats ? (
                <div className="campaign-flow__count">
                  {fill(m.step.waitingNow, { n: waiting })}
                  {step.type === 'condition' ? ` · ${fill(m.step.exitedHere, { n: exitedHere })}` : ''}
                </div>
              ) : null}
            </div>
          </Fragment>
        );
      })}
      {arrow}
      <div className="campaign-flow__step campaign-flow__step--exit">
        <div className="campaign-flow__kind">{m.step.exit}</div>
        <div style={{ fontSize: 12.5 }}>{m.exit.title}</div>
        {definition.exits.map((e, i) => (
          <div key={i}>• {exitText(m, e)}</div>
        ))}
        {stats ? <div className="campaign-flow__count">{`${m.stats.completed} ${stats.completed.toLocaleString()} · ${m.stats.exited} ${Object.values(stats.exited).reduce((s, n) => s + n, 0).toLocaleString()}`}</div> : null}
      </div>
    </div>
  );
}
