import { useCallback, useState } from 'react';
import { Alert, Col, Row, Segmented } from 'antd';
import { useTranslation } from 'react-i18next';
import { Chart } from '../../ui/chart.tsx';
import { useLoad } from '../../ui/use-load.ts';
import { useErrorMessage } from '../../api/use-error-message.ts';
import { useModuleMessages } from '../../i18n/module-messages.ts';
import { fetchUsage } from './partners.api.ts';
import { partnersMessages } from './partners.i18n.ts';
import { latencyOption, requestsOption } from './partners.charts.ts';

const RANGES = [1, 6, 24, 168] as const;

/** Requests, errors and latency over time, for one partner or (without partnerId) all of them. */
export function PartnerUsage({ partnerId, testId }: { partnerId?: string; testId?: string }) {
  const m = useModuleMessages(partnersMessages).usage;
  const { t } = useTranslation();
  const errorMessage = useErrorMessage();
  const [hours, setHours] = useState<number>(partnerId ? 24 : 6);
  const load = useCallback((signal: AbortSignal) => fetchUsage(hours, partnerId, signal), [hours, partnerId]);
  const [state] = useLoad(load);
  const empty = state.status === 'ready' && state.data.points.length === 0;
  return (
    <div data-testid={testId}>
      <Segmented
        style={{ marginBottom: 12 }}
        value={hours}
        onChange={(v) => setHours(Number(v))}
        options={RANGES.map((h) => ({ value: h, label: m.hours[String(h) as keyof typeof m.hours] }))}
      />
      {state.status === 'error' ? <Alert type="error" showIcon message={t('common.loadFailed')} description={errorMessage(state.error)} /> : null}
      <Row gutter={16}>
        <Col xs={24} lg={12}>
          <Chart title={m.requestsChart} loading={state.status === 'loading' && !state.data} empty={empty} emptyText={m.empty} option={state.data ? requestsOption(state.data, hours, m) : {}} height={240} testId={testId ? `${testId}-requests` : undefined} />
        </Col>
        <Col xs={24} lg={12}>
          <Chart title={m.latencyChart} loading={state.status === 'loading' && !state.data} empty={empty} emptyText={m.empty} option={state.data ? latencyOption(state.data, hours, m) : {}} height={240} testId={testId ? `${testId}-latency` : undefined} />
        </Col>
      </Row>
    </div>
  );
}
