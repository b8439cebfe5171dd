import { Alert, Descriptions, Tag } from 'antd';
import { useModuleMessages } from '../../i18n/module-messages.ts';
import { campaignsMessages } from './campaigns.i18n.ts';
import type { CampaignReport, SimulatedResponse } from './campaigns.api.ts';
import { percent } from './campaign-format.ts';

/**
 * The simulator knows the effect it was given; the report measures it from a holdout. Showing both
 * side by side (clearly marked as demo data) lets a marketing officer see the measurement works.
 */
export function TrueEffect({ simulated, report }: { simulated: SimulatedResponse; report: CampaignReport | null }) {
  const m = useModuleMessages(campaignsMessages);
  const d = m.detail;
  const treatedArms = report?.arms.filter((a) => a.kind === 'treatment') ?? [];
  const measured = treatedArms.length === 1 ? treatedArms[0]?.lift?.application : null;
  const t = simulated.trueEffect;
  return (
    <Alert
      className="campaign-section"
      type="info"
      data-testid="campaign-true-effect"
      message={
        <span>
          <Tag color="purple">{m.demoData}</Tag>
          {d.trueEffect}
        </span>
      }
      description={
        <>
          <div style={{ marginBottom: 8 }}>{d.trueEffectHint}</div>
          <Descriptions size="small" column={3}>
            <Descriptions.Item label={d.trueIncremental}>{percent(t.expectedIncrementalRate, 2)}</Descriptions.Item>
            <Descriptions.Item label={d.trueApplications}>{t.expectedIncrementalApplications.toFixed(1)}</Descriptions.Item>
            {measured ? (
              <Descriptions.Item label={d.measuredIncremental}>
                {percent(measured.absolute, 2)} [{percent(measured.low, 2)}, {percent(measured.high, 2)}]
              </Descriptions.Item>
            ) : null}
          </Descriptions>
        </>
      }
    />
  );
}
