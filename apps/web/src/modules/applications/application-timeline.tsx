import { Empty, Timeline, Typography } from 'antd';
import type { ApplicationEventView } from '@autofin/contracts';
import { fill, formatDateTime, labelOf, StatusTag, type AppMessages } from './application-format.tsx';

/**
 * The server records the engine's own transitions with fixed English phrases; they are shown in the
 * user's language. Anything else (a reviewer's or a dealer's note) is shown as written.
 */
function reasonText(reason: string, m: AppMessages): string {
  if (reason === 'application submitted') return m.timeline.submitted;
  if (reason === 'automatic decision started') return m.timeline.autoStarted;
  const auto = /^automatic decision: (\w+)$/.exec(reason);
  if (auto?.[1]) return fill(m.timeline.autoDecided, { status: labelOf(m.statuses, auto[1]) });
  const manual = /^manual review: ([\s\S]*)$/.exec(reason);
  if (manual) return fill(m.timeline.manual, { note: manual[1] ?? '' });
  return reason;
}

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
            {e.reason ? <div className="timeline-reason" data-testid="timeline-reason">{reasonText(e.reason, m)}</div> : null}
          </div>
        ),
      }))}
    />
  );
}
