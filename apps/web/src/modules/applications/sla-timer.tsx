import { useEffect, useState } from 'react';
import { Typography } from 'antd';
import { ClockCircleOutlined, WarningOutlined } from '@ant-design/icons';
import { fill, type AppMessages } from './application-format.tsx';
import { formatSpan } from './time-span.ts';

/** Time left until a referral's SLA, or how long it is overdue (red); ticks every 30 s. */
export function SlaTimer({ dueAt, m, zh }: { dueAt: string; m: AppMessages; zh: boolean }) {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = window.setInterval(() => setNow(Date.now()), 30_000);
    return () => window.clearInterval(timer);
  }, []);
  const left = new Date(dueAt).getTime() - now;
  if (left < 0) {
    return (
      <Typography.Text type="danger" strong data-testid="sla-timer" data-overdue="true">
        <WarningOutlined /> {fill(m.detail.slaOverdue, { time: formatSpan(left, zh) })}
      </Typography.Text>
    );
  }
  // The last hour is shown in orange: still in time, but it should be worked next.
  return (
    <Typography.Text type={left < 3_600_000 ? 'warning' : undefined} data-testid="sla-timer" data-overdue="false">
      <ClockCircleOutlined /> {fill(m.detail.slaLeft, { time: formatSpan(left, zh) })}
    </Typography.Text>
  );
}
