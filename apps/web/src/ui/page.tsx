import type { ReactNode } from 'react';
import { Typography } from 'antd';

interface PageProps {
  title: ReactNode;
  subtitle?: ReactNode;
  /** Badges beside the title, e.g. the demo-data label. */
  tags?: ReactNode;
  /** Controls at the right of the title row. */
  extra?: ReactNode;
  children: ReactNode;
  testId?: string;
}

/** The frame of every console page: a title row and the content below it, with one rhythm of spacing. */
export function Page({ title, subtitle, tags, extra, children, testId }: PageProps) {
  return (
    <section className="page" data-testid={testId}>
      <header className="page__header">
        <div className="page__heading">
          <div className="page__title-row">
            <Typography.Title level={3} className="page__title">
              {title}
            </Typography.Title>
            {tags}
          </div>
          {subtitle ? <Typography.Text type="secondary">{subtitle}</Typography.Text> : null}
        </div>
        {extra ? <div className="page__extra">{extra}</div> : null}
      </header>
      <div className="page__body">{children}</div>
    </section>
  );
}
