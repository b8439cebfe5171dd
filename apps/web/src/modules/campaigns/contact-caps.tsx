import { Col, Form, InputNumber, Row, Typography } from 'antd';
import { capWindowsSchema, type CapWindows } from '@autofin/contracts';
import type { Channel } from './campaigns.api.ts';

/** The calendar windows a cap counts in, in the order of the grid's columns. */
export const CAP_WINDOWS = ['day', 'week', 'month'] as const satisfies readonly (keyof CapWindows)[];
export type CapWindow = (typeof CAP_WINDOWS)[number];
/** The largest cap the contract accepts per window (a month allows more than a day or a week). */
const CAP_MAX = Object.fromEntries(CAP_WINDOWS.map((w) => [w, capWindowsSchema.shape[w].unwrap().maxValue ?? undefined])) as Record<CapWindow, number | undefined>;

/** Whom a row of caps limits: every channel together, or one channel. */
export interface CapScope {
  key: 'global' | Channel;
  label: string;
}

/**
 * The contact policy's frequency caps as a grid: one row per scope, one column per window. The
 * fields are `caps.<scope>.<window>` of the enclosing Form; an empty field means no cap.
 */
export function ContactCaps({ scopes, windowLabels, disabled }: { scopes: readonly CapScope[]; windowLabels: Record<CapWindow, string>; disabled: boolean }) {
  return (
    <>
      <Row gutter={8} style={{ marginBottom: 4 }}>
        <Col span={6} />
        {CAP_WINDOWS.map((w) => (
          <Col span={6} key={w}>
            <Typography.Text type="secondary">{windowLabels[w]}</Typography.Text>
          </Col>
        ))}
      </Row>
      {scopes.map((scope) => (
        <CapRow key={scope.key} scope={scope} disabled={disabled} />
      ))}
    </>
  );
}

function CapRow({ scope, disabled }: { scope: CapScope; disabled: boolean }) {
  return (
    <Row gutter={8} align="middle" style={{ marginBottom: 4 }}>
      <Col span={6}>
        <Typography.Text>{scope.label}</Typography.Text>
      </Col>
      {CAP_WINDOWS.map((w) => (
        <Col span={6} key={w}>
          <Form.Item name={['caps', scope.key, w]} style={{ marginBottom: 0 }}>
            <InputNumber min={0} max={CAP_MAX[w]} precision={0} style={{ width: '100%' }} disabled={disabled} placeholder="–" data-testid={`cap-${scope.key}-${w}`} />
          </Form.Item>
        </Col>
      ))}
    </Row>
  );
}
