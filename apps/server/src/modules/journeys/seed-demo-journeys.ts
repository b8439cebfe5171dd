import { journeyDefinitionSchema, type JourneyDefinitionInput } from '@autofin/contracts';
import type { Database } from '@autofin/db';
import { hasMarket } from '@autofin/simulator';
import { runnerOf } from '../customers/sql-runner.ts';
import { insertJourney } from './journey.repository.ts';

/**
 * The three journeys of issue 8, seeded with the demo market (演示数据) as DRAFTS: they would message
 * real (simulated) customers the moment they ran, and nothing may send before a compliance officer
 * has approved it — so the demo shows them ready for review, and marketing activates them after the
 * four-eyes approval like any other journey.
 */
export const DEMO_JOURNEYS: readonly JourneyDefinitionInput[] = [
  {
    name: '【演示数据】报价后 3 天未申请 → 限时利率优惠 / Quote viewed, no application in 3 days → time-limited rate offer',
    description: 'Demo journey (演示数据): a customer who viewed a quote and has not started or submitted an application within 3 days gets a 72-hour rate offer by SMS.',
    trigger: { type: 'event', eventType: 'quote_viewed' },
    steps: [
      { id: 'wait_3d', type: 'wait', hours: 72 },
      { id: 'not_applied', type: 'condition', all: [{ kind: 'no_application' }, { kind: 'no_event', eventType: 'application_started' }] },
      {
        id: 'rate_offer',
        type: 'send',
        channel: 'sms',
        template: {
          zh: '{{name|您好}}，您关注的车型现享限时利率优惠，{{offer_expires}}前申请有效。',
          en: '{{name|Hello}}, the car you looked at now comes with a limited-time rate offer, valid until {{offer_expires}}.',
        },
        offer: { validHours: 72 },
      },
    ],
    exits: [{ kind: 'application_submitted' }, { kind: 'event', eventType: 'application_started' }],
    reentry: { mode: 'after_exit', cooldownDays: 30 },
  },
  {
    name: '【演示数据】申请未完成 24 小时 → 提醒 / Application abandoned for 24 h → reminder',
    description: 'Demo journey (演示数据): an application started and not submitted within 24 hours gets one reminder by WeChat.',
    trigger: { type: 'event', eventType: 'application_started' },
    steps: [
      { id: 'wait_24h', type: 'wait', hours: 24 },
      { id: 'not_submitted', type: 'condition', all: [{ kind: 'no_application' }, { kind: 'no_event', eventType: 'application_submitted' }] },
      {
        id: 'reminder',
        type: 'send',
        channel: 'wechat',
        template: { zh: '{{name|您好}}，您的贷款申请尚未提交，点击继续，只需几分钟。', en: '{{name|Hello}}, your finance application is not submitted yet — it takes a few minutes to finish.' },
      },
    ],
    exits: [{ kind: 'application_submitted' }, { kind: 'event', eventType: 'application_submitted' }],
    reentry: { mode: 'after_exit', cooldownDays: 7 },
  },
  {
    name: '【演示数据】贷款第 30 期（共 36 期）→ 置换优惠 / Loan 30 months into 36 → trade-in offer',
    description: 'Demo journey (演示数据): six months before a 36-month loan ends, a trade-in offer through the dealer, then by SMS two weeks later if no application came.',
    trigger: { type: 'loan_milestone', monthsOnBook: 30, termMonths: 36 },
    steps: [
      { id: 'dealer_call', type: 'send', channel: 'dealer_task', template: { zh: '客户{{name|}}的贷款已还 30 期，可邀约置换新车。', en: 'Customer {{name|}} is 30 months into a 36-month loan: invite them to trade in.' } },
      { id: 'wait_14d', type: 'wait', hours: 336 },
      { id: 'not_applied', type: 'condition', all: [{ kind: 'no_application' }] },
      {
        id: 'trade_in_sms',
        type: 'send',
        channel: 'sms',
        template: { zh: '{{name|您好}}，您的车贷即将结清，置换新车可享专属金融方案，{{offer_expires}}前有效。', en: '{{name|Hello}}, your car loan ends soon: trade in with a dedicated finance offer, valid until {{offer_expires}}.' },
        offer: { validHours: 24 * 30 },
      },
    ],
    exits: [{ kind: 'application_submitted' }],
    reentry: { mode: 'never', cooldownDays: 0 },
  },
];

/** Seeds the demo journeys once, with the demo market; returns how many were created. */
export async function seedDemoJourneys(database: Database, now: Date = new Date()): Promise<number> {
  if (!(await hasMarket(database))) return 0;
  return database.db.transaction(async (tx) => {
    const run = runnerOf(tx);
    const [existing] = await run.query<{ n: number }>(`SELECT count(*)::int AS n FROM journeys WHERE demo`);
    if ((existing?.n ?? 0) > 0) return 0;
    for (const d of DEMO_JOURNEYS) await insertJourney(run, journeyDefinitionSchema.parse(d), null, now, true);
    return DEMO_JOURNEYS.length;
  });
}
