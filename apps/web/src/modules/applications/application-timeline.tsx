import { Empty, Timeline, Typography } from 'antd';
import type { ApplicationEventView } from '@autofin/contracts';
import { fill, formatDateTime, labelOf, StatusTag, type AppMessages } from './application-format.tsx';

const dotColor = (to: ApplicationEventView['to']) =>
  to === 'declined' ? 'red' : to === 'approved' || to === 'funded' ? 'green' : to === 'referred' || to === 'conditionally_approved' ? 'orange' : 'blue';

/** Every status transition: from → to, who or what made it, when, and why. Oldest first. */
export function ApplicationTimeline({ events, m }: { events: ApplicationEventView[]; m: AppMessages }) {
  if (events.length === 0) return <Empty description={m.timeline.empty} />;
  return (
    <Timeline
      data-testid="application-timeline"
      items={events.map((e) => ({
        key: e.id,
        color: dotColor(e.to),
        children: (
          <div data-testid="timeline-event" data-to={e.to}>
            <div>
              {e.from ? <StatusTag status={e.from} m={m} /> : null}
              {e.from ? '→ ' : `${m.timeline.received} `}
              <StatusTag status={e.to} m={m} />
            </div>
            <Typography.Text type="secondary" className="timeline-meta">
              {formatDateTime(e.at)} · {labelOf(m.actors, e.actor.type)}
              {e.actor.label ? ` ${fill(m.timeline.by, { who: e.actor.label })}` : ''}
            </Typography.Text>
            {e.reason ? <div className="timeline-reason" data-testid="timeline-reason">{e.reason}</div> : null}
          </div>
        ),
      }))}
    />
  );
}
