import type { ReactNode } from 'react';
import { Card, Skeleton, Tooltip } from 'antd';
import { InfoCircleOutlined } from '@ant-design/icons';

interface StatCardProps {
  label: ReactNode;
  value: ReactNode;
  /** A second line under the value: a compact form, a unit, a comparison. */
  note?: ReactNode;
  hint?: ReactNode;
  icon?: ReactNode;
  tone?: 'blue' | 'green' | 'orange' | 'red' | 'purple' | 'cyan' | 'slate';
  loading?: boolean;
  testId?: string;
}

/** One key figure. The value is pre-formatted text so money never passes through a float. */
export function StatCard({ label, value, note, hint, icon, tone = 'blue', loading, testId }: StatCardProps) {
  return (
    <Card className="stat-card" variant="borderless" data-testid={testId}>
      <div className="stat-card__top">
        <span className="stat-card__label">
          {label}
          {hint ? (
            <Tooltip title={hint}>
              <InfoCircleOutlined className="stat-card__hint" />
            </Tooltip>
          ) : null}
        </span>
        {icon ? <span className={`stat-card__icon stat-card__icon--${tone}`}>{icon}</span> : null}
      </div>
      {loading ? (
        <Skeleton.Input active size="small" className="stat-card__skeleton" />
      ) : (
        <>
          <div className="stat-card__value" data-testid={testId ? `${testId}-value` : undefined}>
            {value}
          </div>
          {note ? <div className="stat-card__note">{note}</div> : <div className="stat-card__note">&nbsp;</div>}
        </>
      )}
    </Card>
  );
}
