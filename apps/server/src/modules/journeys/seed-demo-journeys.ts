import { journeyDefinitionSchema, type JourneyDefinitionInput } from '@autofin/contracts';
import type { Database } from '@autofin/db';
import { hasMarket } from '@autofin/simulator';
import { runnerOf } from '../customers/sql-runner.ts';
import { insertJourney } from './journey.repository.ts';

type Step = JourneyDefinitionInput['steps'][number];
type Check = Extract<Step, { type: 'condition' }>['all'][number];

/**
 * A demo journey: the name and description carry the demo label (演示数据) the console and the
 * officers recognise, the name in both languages because the seed is not localised.
 */
function demoJourney(j: { zh: string; en: string; description: string } & Omit<JourneyDefinitionInput, 'name' | 'description'>): JourneyDefinitionInput {
  const { zh, en, description, ...definition } = j;
  return { name: `【演示数据】${zh} / ${en}`, description: `Demo journey (演示数据): ${description}`, ...definition };
}

const wait = (id: string, hours: number): Step => ({ id, type: 'wait', hours });

/** The walk goes on only if the customer has not applied since enrolment and every further check holds. */
const notApplied = (id: string, ...more: Check[]): Step => ({ id, type: 'condition', all: [{ kind: 'no_application' }, ...more] });

/** A marketing send; with offerHours a time-limited offer whose deadline the text shows ({{offer_expires}}). */
const send = (id: string, channel: Extract<Step, { type: 'send' }>['channel'], zh: string, en: string, offerHours?: number): Step => ({
  id,
  type: 'send',
  channel,
  template: { zh, en },
  ...(offerHours === undefined ? {} : { offer: { validHours: offerHours } }),
});

/**
 * The three journeys of issue 8, seeded with the demo market (演示数据) as DRAFTS: they would message
 * real (simulated) customers the moment they ran, and nothing may send before a compliance officer
 * has approved it — so the demo shows them ready for review, and marketing activates them after the
 * four-eyes approval like any other journey.
 */
export const DEMO_JOURNEYS: readonly JourneyDefinitionInput[] = [
  demoJourney({
    zh: '报价后 3 天未申请 → 限时利率优惠',
    en: 'Quote viewed, no application in 3 days → time-limited rate offer',
    description: 'a customer who viewed a quote and has not started or submitted an application within 3 days gets a 72-hour rate offer by SMS.',
    trigger: { type: 'event', eventType: 'quote_viewed' },
    steps: [
      wait('wait_3d', 72),
      notApplied('not_applied', { kind: 'no_event', eventType: 'application_started' }),
      send(
        'rate_offer',
        'sms',
        '{{name|您好}}，您关注的车型现享限时利率优惠，{{offer_expires}}前申请有效。',
        '{{name|Hello}}, the car you looked at now comes with a limited-time rate offer, valid until {{offer_expires}}.',
        72,
      ),
    ],
    exits: [{ kind: 'application_submitted' }, { kind: 'event', eventType: 'application_started' }],
    reentry: { mode: 'after_exit', cooldownDays: 30 },
  }),
  demoJourney({
    zh: '申请未完成 24 小时 → 提醒',
    en: 'Application abandoned for 24 h → reminder',
    description: 'an application started and not submitted within 24 hours gets one reminder by WeChat.',
    trigger: { type: 'event', eventType: 'application_started' },
    steps: [
      wait('wait_24h', 24),
      notApplied('not_submitted', { kind: 'no_event', eventType: 'application_submitted' }),
      send('reminder', 'wechat', '{{name|您好}}，您的贷款申请尚未提交，点击继续，只需几分钟。', '{{name|Hello}}, your finance application is not submitted yet — it takes a few minutes to finish.'),
    ],
    exits: [{ kind: 'application_submitted' }, { kind: 'event', eventType: 'application_submitted' }],
    reentry: { mode: 'after_exit', cooldownDays: 7 },
  }),
  demoJourney({
    zh: '贷款第 30 期（共 36 期）→ 置换优惠',
    en: 'Loan 30 months into 36 → trade-in offer',
    description: 'six months before a 36-month loan ends, a trade-in offer through the dealer, then by SMS two weeks later if no application came.',
    trigger: { type: 'loan_milestone', monthsOnBook: 30, termMonths: 36 },
    steps: [
      send('dealer_call', 'dealer_task', '客户{{name|}}的贷款已还 30 期，可邀约置换新车。', 'Customer {{name|}} is 30 months into a 36-month loan: invite them to trade in.'),
      wait('wait_14d', 336),
      notApplied('not_applied'),
      send(
        'trade_in_sms',
        'sms',
        '{{name|您好}}，您的车贷即将结清，置换新车可享专属金融方案，{{offer_expires}}前有效。',
        '{{name|Hello}}, your car loan ends soon: trade in with a dedicated finance offer, valid until {{offer_expires}}.',
        24 * 30,
      ),
    ],
    exits: [{ kind: 'application_submitted' }],
    reentry: { mode: 'never', cooldownDays: 0 },
  }),
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
