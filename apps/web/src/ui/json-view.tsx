import { Typography } from 'antd';

/** A read-only, pretty-printed JSON value (an audit entry's before/after state). */
export function JsonView({ title, value, emptyText }: { title: string; value: unknown; emptyText: string }) {
  const text = value === null || value === undefined ? null : JSON.stringify(value, null, 2);
  return (
    <div className="json-view">
      <Typography.Text type="secondary" className="json-view__title">
        {title}
      </Typography.Text>
      {text === null ? <div className="json-view__empty">{emptyText}</div> : <pre className="json-view__code">{text}</pre>}
    </div>
  );
}
