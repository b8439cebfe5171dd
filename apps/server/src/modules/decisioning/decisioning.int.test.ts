import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DecisionStrategy, ModelDetail, ModelPsi, ModelSummary, ScorecardModel, StoredStrategy, WhatIfRun } from '@autofin/contracts';
import { decisionInputSchema } from '@autofin/contracts';
import { maskIdNumber, maskPhone, residentIdCheckChar, trainScorecard } from '@autofin/domain';
import { createTestApp, type TestApp } from '../../../test/test-app.ts';
import { seedDemoCatalogue } from '../products/seed-catalogue.ts';
import { seedDemoDecisioning } from './seed-decisioning.ts';
import { getDecisionSetup } from './decision-setup.service.ts';

let t: TestApp;
let risk: string;
let viewer: string;
let compliance: string;

const req = (method: 'GET' | 'POST' | 'PUT', url: string, cookie: string, payload?: unknown) =>
  t.app.inject({ method, url, headers: { cookie }, ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }) });

/**
 * A hand-written scorecard on one application characteristic, so every score below is checkable
 * by hand: base 560 points, bureau_score below 600 → +0, 600 or more → +60, missing → +0.
 * With the default scaling (600 points at 50:1, 20 points to double the odds) a score of 620 is
 * 100:1, PD = 1/101; 560 is two doublings below 50:1 = 12.5:1, PD = 1/13.5.
 * Training counts 0 / 50 / 50 and score bands (< 600, ≥ 600) at 50 % / 50 % are what the PSI
 * compares against.
 */
function handCard(id: string, version: string, name = 'bureau_score'): ScorecardModel {
  // A trained artefact supplies the fields the schema requires (options, report); the card itself is replaced.
  const rows = Array.from({ length: 200 }, (_, i) => ({ [name]: 500 + (i % 40) * 10, bad: i % 40 < 8 && i % 3 === 0 ? '1' : '0' }));
  const base = trainScorecard({ rows, target: 'bad', badValue: '1', id, version, trainedAt: '2026-11-01T00:00:00Z', options: { tune: false, minIv: 0 } });
  const label = (en: string) => ({ en, zh: en });
  return {
    ...base,
    basePoints: 560,
    characteristics: [
      {
        name,
        type: 'numeric',
        trend: 'decreasing',
        iv: 0.5,
        coefficient: 1,
        unseenBin: 0,
        bins: [
          { kind: 'missing', lower: null, upper: null, categories: [], label: label('missing'), count: 0, goods: 0, bads: 0, woe: 0, iv: 0, points: 0 },
          { kind: 'range', lower: null, upper: 600, categories: [], label: label('below 600'), count: 50, goods: 40, bads: 10, woe: -0.5, iv: 0.1, points: 0 },
          { kind: 'range', lower: 600, upper: null, categories: [], label: label('600 or more'), count: 50, goods: 48, bads: 2, woe: 0.8, iv: 0.4, points: 60 },
        ],
      },
    ],
    scoreDistribution: { edges: [600], shares: [0.5, 0.5] },
  };
}

const PD_620 = 1 / 101;
const PD_560 = 1 / 13.5;

/** The crafted demo-market applications: 3 at bureau 700 (score 620, tier C), 2 at 560 (score 560, tier E), one 60 days older. */
async function craftApplications(): Promise<void> {
  const latest = new Date('2026-10-30T02:00:00Z');
  const apps: Array<{ bureau: number; daysBefore: number }> = [
    { bureau: 700, daysBefore: 0 },
    { bureau: 700, daysBefore: 3 },
    { bureau: 700, daysBefore: 10 },
    { bureau: 560, daysBefore: 12 },
    { bureau: 560, daysBefore: 20 },
    { bureau: 700, daysBefore: 60 },
  ];
  for (const [i, a] of apps.entries()) {
    const customer = await t.database.query<{ id: string }>(
      `INSERT INTO customers (name, phone, birth_date, gender, occupation, income_band, source) VALUES ($1, $2, '1986-05-20', 'M', 'salaried', '20k_50k', 'simulator') RETURNING id`,
      [`演示客户${i}`, `1391234567${i}`],
    );
    await t.database.query(
      `INSERT INTO applications (customer_id, channel, vehicle_condition, vehicle_price_fen, down_payment_fen, requested_amount_fen, term_months, bureau_score, declared_income_band, dti_bp, status, submitted_at, source)
       VALUES ($1, 'dealer', 'new', 15000000, 5000000, 10000000, 36, $2, '20k_50k', 1000, 'funded', $3, 'simulator')`,
      [customer[0]!.id, a.bureau, new Date(latest.getTime() - a.daysBefore * 86_400_000).toISOString()],
    );
  }
}

beforeAll(async () => {
  t = await createTestApp({ AUTOFIN_BODY_LIMIT: '65536' });
  await seedDemoCatalogue(t.database);
  // No demo market here: the seed publishes the default strategy only.
  const seed = await seedDemoDecisioning(t.database);
  expect(seed.model).toBeNull();
  expect(seed.strategy).toEqual({ id: 'cn-retail-demo', version: 1 });
  [risk, viewer, compliance] = await Promise.all([t.login('risk@autofin.local'), t.login('viewer@autofin.local'), t.login('compliance@autofin.local')]);
  await craftApplications();
}, 60_000);
afterAll(async () => t.close());

describe('/api/decisioning/models', () => {
  let first: ModelSummary;
  let second: ModelSummary;

  it('refuses a file that is not a scorecard, naming the field, and stores nothing', async () => {
    const broken = { ...handCard('broken', '1'), characteristics: [{ ...handCard('broken', '1').characteristics[0]!, bins: [] }] };
    const res = await req('POST', '/api/decisioning/models', risk, broken);
    expect(res.statusCode).toBe(422);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json<{ code: string; errors: { field: string }[] }>().errors[0]!.field).toBe('characteristics.0.bins');
    const notJson = await req('POST', '/api/decisioning/models', risk, { kind: 'something else' });
    expect(notJson.json<{ errors: { field: string }[] }>().errors.map((e) => e.field)).toContain('kind');
    expect(await t.database.query('SELECT 1 FROM scorecard_models')).toHaveLength(0);
  });

  it('registers artefacts as candidates; readers may look, only risk may register', async () => {
    expect((await req('POST', '/api/decisioning/models', viewer, handCard('card-a', '1'))).statusCode).toBe(403);
    const a = await req('POST', '/api/decisioning/models?name=Card%20A&dataSource=crafted', risk, handCard('card-a', '1'));
    expect(a.statusCode).toBe(201);
    first = a.json<ModelSummary>();
    expect(first).toMatchObject({ modelId: 'card-a', modelVersion: '1', status: 'candidate', name: 'Card A', dataSource: 'crafted', characteristics: ['bureau_score'] });
    second = (await req('POST', '/api/decisioning/models', risk, handCard('card-b', '1'))).json<ModelSummary>();
    // The same id and version twice is a conflict, not a second row.
    expect((await req('POST', '/api/decisioning/models', risk, handCard('card-a', '1'))).statusCode).toBe(409);

    const list = await req('GET', '/api/decisioning/models', compliance);
    expect(list.statusCode).toBe(200);
    expect(list.json<{ items: ModelSummary[] }>().items).toHaveLength(2);
    const detail = (await req('GET', `/api/decisioning/models/${first.id}`, viewer)).json<ModelDetail>();
    expect(detail.scorecard[0]!.bins.map((b) => b.points)).toEqual([0, 0, 60]);
    expect(detail.basePoints).toBe(560);
    expect((await req('GET', '/api/decisioning/models/00000000-0000-4000-8000-000000000000', viewer)).statusCode).toBe(404);
  });

  it('keeps exactly one champion: a promotion demotes the old champion in the same step', async () => {
    expect((await req('POST', `/api/decisioning/models/${first.id}/champion`, compliance)).statusCode).toBe(403);
    expect((await req('POST', `/api/decisioning/models/${second.id}/champion`, risk)).json<ModelSummary>().status).toBe('champion');
    expect((await req('POST', `/api/decisioning/models/${first.id}/champion`, risk)).json<ModelSummary>().status).toBe('champion');
    const champions = await t.database.query<{ model_id: string }>(`SELECT model_id FROM scorecard_models WHERE status = 'champion'`);
    expect(champions).toEqual([{ model_id: 'card-a' }]);
    expect((await t.database.query<{ status: string }>(`SELECT status FROM scorecard_models WHERE model_id = 'card-b'`))[0]!.status).toBe('candidate');
    // The database itself refuses a second champion.
    await expect(t.database.query(`UPDATE scorecard_models SET status = 'champion' WHERE model_id = 'card-b'`)).rejects.toThrow();
    // The champion cannot be retired or made a challenger: promote its successor first.
    expect((await req('POST', `/api/decisioning/models/${first.id}/retire`, risk)).statusCode).toBe(409);
    expect((await req('POST', `/api/decisioning/models/${first.id}/challenger`, risk, { share: 0.1 })).statusCode).toBe(409);
    const audits = await t.database.query<{ n: string }>(`SELECT count(*)::text AS n FROM audit_log WHERE action = 'scorecard_model.champion'`);
    expect(audits[0]!.n).toBe('2');
  });

  it('bounds challenger shares: each in (0, 0.5], all together at most 0.5', async () => {
    const c = (await req('POST', '/api/decisioning/models', risk, handCard('card-c', '1'))).json<ModelSummary>();
    for (const share of [0, -0.1, 0.6]) {
      const bad = await req('POST', `/api/decisioning/models/${second.id}/challenger`, risk, { share });
      expect(bad.statusCode).toBe(400);
      expect(bad.json<{ errors: { field: string }[] }>().errors[0]!.field).toBe('share');
    }
    expect((await req('POST', `/api/decisioning/models/${second.id}/challenger`, risk, { share: 0.3 })).json<ModelSummary>()).toMatchObject({ status: 'challenger', trafficShare: 0.3 });
    // 0.3 + 0.25 = 0.55 > 0.5
    const over = await req('POST', `/api/decisioning/models/${c.id}/challenger`, risk, { share: 0.25 });
    expect(over.statusCode).toBe(422);
    expect(over.json<{ code: string; errors: { field: string }[] }>()).toMatchObject({ code: 'DECISIONING_CHALLENGER_SHARE', errors: [{ field: 'share' }] });
    // 0.3 + 0.2 = 0.5 exactly is allowed.
    expect((await req('POST', `/api/decisioning/models/${c.id}/challenger`, risk, { share: 0.2 })).statusCode).toBe(200);
    const setup = await getDecisionSetup(t.database.db);
    expect(setup.champion?.id).toBe('card-a');
    expect(setup.challengers.map((x) => [x.id, x.share]).sort()).toEqual([
      ['card-b', 0.3],
      ['card-c', 0.2],
    ]);
    const stage = setup.strategy.definition.stages.find((s) => s.stage === 'scorecard');
    expect(stage && 'champion' in stage ? stage.champion : null).toEqual({ modelId: 'card-a', modelVersion: '1' });
    // Retiring the challengers frees their traffic.
    expect((await req('POST', `/api/decisioning/models/${c.id}/retire`, risk)).json<ModelSummary>()).toMatchObject({ status: 'retired', trafficShare: null });
    expect((await req('POST', `/api/decisioning/models/${second.id}/retire`, risk)).json<ModelSummary>().status).toBe('retired');
    expect((await getDecisionSetup(t.database.db)).challengers).toEqual([]);
  });

  it('will not let a model decide when the application does not carry its characteristics', async () => {
    const foreign = (await req('POST', '/api/decisioning/models', risk, handCard('german', '1', 'Duration'))).json<ModelSummary>();
    const res = await req('POST', `/api/decisioning/models/${foreign.id}/champion`, risk);
    expect(res.statusCode).toBe(409);
    expect(res.json<{ errors: { field: string }[] }>().errors[0]!.field).toBe('characteristics.0.name');
  });

  it('computes PSI of the score and each characteristic against the training shares (hand-checked)', async () => {
    const res = await req('GET', `/api/decisioning/models/${first.id}/psi?days=30`, viewer);
    expect(res.statusCode).toBe(200);
    const psi = res.json<ModelPsi>();
    // The 30 days up to the latest crafted application hold 5 (the sixth is 60 days older).
    const n = await t.database.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM applications WHERE source = 'simulator' AND submitted_at > (SELECT max(submitted_at) FROM applications) - interval '30 days'`,
    );
    expect(psi.applications).toBe(n[0]!.n);
    expect(psi.applications).toBe(5);
    // Training shares 0 / 0.5 / 0.5; recent 0 / 0.4 / 0.6 (2 of 5 below 600):
    // PSI = (0.4 − 0.5)·ln(0.4/0.5) + (0.6 − 0.5)·ln(0.6/0.5) = 0.022314 + 0.018232 = 0.040546 (the empty bin adds 0).
    expect(psi.characteristics[0]!.psi).toBeCloseTo(0.040546, 5);
    expect(psi.characteristics[0]!.band).toBe('stable');
    expect(psi.characteristics[0]!.bins.map((b) => b.actual)).toEqual([0, 0.4, 0.6]);
    // Scores 560 and 620 fall in the same two bands at the same shares.
    expect(psi.score.psi).toBeCloseTo(0.040546, 5);
    expect(psi.source).toBe('demo_market');
  });
});

describe('/api/decisioning/strategies and what-if', () => {
  let draft: StoredStrategy;

  it('lists the published default and copies it into a draft', async () => {
    const list = (await req('GET', '/api/decisioning/strategies', viewer)).json<{ items: { version: number; status: string }[] }>();
    expect(list.items).toEqual([expect.objectContaining({ version: 1, status: 'published' })]);
    expect((await req('POST', '/api/decisioning/strategies/drafts', viewer, {})).statusCode).toBe(403);
    const res = await req('POST', '/api/decisioning/strategies/drafts', risk, { note: 'lower tier D' });
    expect(res.statusCode).toBe(201);
    draft = res.json<StoredStrategy>();
    expect(draft).toMatchObject({ strategyId: 'cn-retail-demo', version: 2, status: 'draft', basedOnVersion: 1, note: 'lower tier D' });
  });

  it('refuses an invalid definition with 422 naming the field, and keeps the draft as it was', async () => {
    const i = draft.definition.stages.findIndex((s) => s.stage === 'scorecard');
    const broken = structuredClone(draft.definition) as DecisionStrategy;
    const stage = broken.stages[i]!;
    if (stage.stage === 'scorecard') stage.tierMinScores = { A: 660, B: 630, C: 640, D: 580 };
    const res = await req('PUT', `/api/decisioning/strategies/cn-retail-demo/versions/2`, risk, { definition: broken });
    expect(res.statusCode).toBe(422);
    expect(res.json<{ code: string; errors: { field: string }[] }>()).toMatchObject({ code: 'DECISION_STRATEGY_INVALID', errors: [{ field: `stages.${i}.tierMinScores` }] });
    const rule = structuredClone(draft.definition) as DecisionStrategy;
    const policy = rule.stages.find((s) => s.stage === 'policy');
    if (policy && 'rules' in policy) (policy.rules[0] as { outcome: string }).outcome = 'approve';
    const bad = await req('PUT', `/api/decisioning/strategies/cn-retail-demo/versions/2`, risk, { definition: rule });
    expect(bad.statusCode).toBe(422);
    expect(bad.json<{ errors: { field: string }[] }>().errors[0]!.field).toMatch(/^stages\.\d+\.rules\.0\.outcome$/);
    const stored = (await req('GET', '/api/decisioning/strategies/cn-retail-demo/versions/2', risk)).json<StoredStrategy>();
    expect(stored.definition).toEqual(draft.definition);
  });

  it('replays the published strategy and the draft over past applications: figures checked by hand', async () => {
    const next = structuredClone(draft.definition) as DecisionStrategy;
    for (const s of next.stages) {
      if (s.stage === 'scorecard') {
        s.tierMinScores = { ...s.tierMinScores, D: 550 };
        s.tierActions = { ...s.tierActions, D: 'approve' };
      }
    }
    const saved = await req('PUT', `/api/decisioning/strategies/cn-retail-demo/versions/2`, risk, { definition: next, note: 'tier D from 550, approved' });
    expect(saved.statusCode).toBe(200);
    // Publishing before any what-if run of the draft is refused.
    const early = await req('POST', '/api/decisioning/strategies/cn-retail-demo/versions/2/publish', risk, {});
    expect(early.statusCode).toBe(409);
    expect(early.json<{ code: string }>().code).toBe('DECISIONING_WHAT_IF_REQUIRED');

    const res = await req('POST', '/api/decisioning/what-if', risk, { strategyId: 'cn-retail-demo', version: 2, days: 30 });
    expect(res.statusCode).toBe(201);
    const run = res.json<WhatIfRun>();
    expect(run.applications).toBe(5);
    const { baseline, candidate } = run.result;
    // Published: the 3 scoring 620 are tier C → approved with conditions; the 2 scoring 560 are
    // below D's 580 → tier E → declined. Approval 3/5; expected bad rate = PD(620) = 1/101.
    expect(baseline.byStatus).toEqual({ approved: 0, conditionally_approved: 3, referred: 0, declined: 2 });
    expect(baseline.approvalRate).toBeCloseTo(0.6, 10);
    expect(baseline.expectedBadRate).toBeCloseTo(PD_620, 6);
    expect(baseline.byTier.map((x) => [x.tier, x.count])).toEqual([['A', 0], ['B', 0], ['C', 3], ['D', 0], ['E', 2]]);
    // Draft: 560 ≥ 550 → tier D → approved. Approval 5/5; expected bad rate
    // (3·1/101 + 2·1/13.5) / 5 = (0.029703 + 0.148148) / 5 = 0.035570.
    expect(candidate.byStatus).toEqual({ approved: 2, conditionally_approved: 3, referred: 0, declined: 0 });
    expect(candidate.approvalRate).toBe(1);
    expect(candidate.expectedBadRate).toBeCloseTo((3 * PD_620 + 2 * PD_560) / 5, 6);
    expect(candidate.expectedBadRate).toBeCloseTo(0.03557, 5);
    expect(candidate.byTier.map((x) => [x.tier, x.count, x.approved])).toEqual([['A', 0, 0], ['B', 0, 0], ['C', 3, 3], ['D', 2, 2], ['E', 0, 0]]);
    expect(run.result.transitions).toEqual([{ from: 'declined', to: 'approved', count: 2 }]);
    expect(run.changedCount).toBe(2);
    // Each approved loan is 100,000.00 (150,000 price − 50,000 down).
    expect(candidate.approvedLoanAmount).toBe('500000.00');
    expect(baseline.approvedLoanAmount).toBe('300000.00');
    expect((await req('GET', `/api/decisioning/what-if/${run.runId}`, viewer)).json<WhatIfRun>().changedCount).toBe(2);

    // An edit after the run makes it stale: publishing needs a new run.
    await req('PUT', `/api/decisioning/strategies/cn-retail-demo/versions/2`, risk, { definition: next, note: 'tier D from 550, approved (reviewed)' });
    expect((await req('POST', '/api/decisioning/strategies/cn-retail-demo/versions/2/publish', risk, { whatIfRunId: run.runId })).statusCode).toBe(409);
    const again = (await req('POST', '/api/decisioning/what-if', risk, { strategyId: 'cn-retail-demo', version: 2, days: 30 })).json<WhatIfRun>();

    const published = await req('POST', '/api/decisioning/strategies/cn-retail-demo/versions/2/publish', risk, { whatIfRunId: again.runId });
    expect(published.statusCode).toBe(200);
    expect(published.json<StoredStrategy>()).toMatchObject({ status: 'published', whatIfRunId: again.runId });
    const versions = await t.database.query<{ version: number; status: string }>(`SELECT version, status FROM decision_strategies ORDER BY version`);
    expect(versions).toEqual([
      { version: 1, status: 'superseded' },
      { version: 2, status: 'published' },
    ]);
    const setup = await getDecisionSetup(t.database.db);
    expect(setup.strategy.version).toBe(2);
    const audit = await t.database.query<{ action: string }>(`SELECT action FROM audit_log WHERE entity_type = 'decision_strategy' ORDER BY at, action`);
    expect(audit.map((a) => a.action)).toEqual(
      expect.arrayContaining(['decision_strategy.seeded', 'decision_strategy.draft_created', 'decision_strategy.draft_updated', 'decision_strategy.what_if', 'decision_strategy.published']),
    );
    // A published version is no longer a draft.
    expect((await req('PUT', `/api/decisioning/strategies/cn-retail-demo/versions/2`, risk, { definition: next })).statusCode).toBe(409);
  });
});

describe('live decisions as the what-if and PSI source', () => {
  /** A decision as the applications service stores it: identity masked, data used, score, every rule's outcome. */
  async function storeDecision(applicationId: string, idCheckPassed: boolean): Promise<void> {
    const body17 = `110101${'19860520'}123`;
    const idNumber = body17 + residentIdCheckChar(body17);
    const input = decisionInputSchema.parse({
      applicationId,
      submittedAt: new Date(Date.now() - 86_400_000).toISOString(),
      type: 'individual',
      applicant: { idNumber: maskIdNumber(idNumber), idNumberHash: `h-${applicationId}`, birthDate: '1986-05-20', gender: 'M', phone: maskPhone('13912345678'), employment: 'salaried', monthlyIncomeFen: 3_000_000, monthlyDebtPaymentsFen: 0 },
      vehicle: { category: 'new-ice', priceFen: 15_000_000 },
      deal: { downPaymentFen: 5_000_000, termMonths: 36 },
      channel: 'dealer',
      consents: { creditCheck: true },
    });
    const data = { bureau: { status: 'scored', score: 700 }, velocity: [], blacklistHits: [], phoneIdentities: 0, dealer: null, cityTier: 2 };
    const score = { modelId: 'card-a', modelVersion: '1', role: 'champion', points: 620, pd: PD_620, tier: 'C', action: 'conditional', reasonCodes: [] };
    const rules = [
      { code: 'DATA_ID_INVALID', stage: 'data_checks', kind: 'id_valid', outcome: idCheckPassed ? 'pass' : 'decline', value: null, threshold: null, unit: 'flag', note: null },
      { code: 'DATA_PHONE_INVALID', stage: 'data_checks', kind: 'phone_valid', outcome: 'pass', value: null, threshold: null, unit: 'flag', note: null },
    ];
    await t.database.query(
      `INSERT INTO application_decisions (application_id, kind, status, reasons, score, stipulations, input, data, data_used, rules, measures, versions, timings, duration_ms, decided_by_type, decided_at)
       VALUES ($1, 'automatic', $2, '[]', $3, '[]', $4, $5, '{}', $6, '{}', '{}', '{}', 1, 'system', now() - interval '1 day')`,
      [applicationId, idCheckPassed ? 'conditionally_approved' : 'declined', JSON.stringify(score), JSON.stringify(input), JSON.stringify(data), JSON.stringify(rules)],
    );
  }

  it('replays the stored decisions (identity restored only where its check passed) and measures PSI on them', async () => {
    const ids = await t.database.query<{ id: string }>(`SELECT id FROM applications ORDER BY submitted_at DESC LIMIT 2`);
    await storeDecision(ids[0]!.id, true);
    await storeDecision(ids[1]!.id, false);
    const draft = (await req('POST', '/api/decisioning/strategies/drafts', risk, {})).json<StoredStrategy>();
    const run = (await req('POST', '/api/decisioning/what-if', risk, { strategyId: draft.strategyId, version: draft.version, days: 30 })).json<WhatIfRun>();
    expect(run).toMatchObject({ source: 'decisions', applications: 2, baselineVersion: 2 });
    // The restored identity passes the data checks and the 620 score is tier C → approved with
    // conditions; the one whose ID check failed stays masked and is declined again.
    expect(run.result.baseline.byStatus).toEqual({ approved: 0, conditionally_approved: 1, referred: 0, declined: 1 });

    const models = (await req('GET', '/api/decisioning/models', risk)).json<{ items: ModelSummary[] }>().items;
    const champion = models.find((m) => m.status === 'champion')!;
    const psi = (await req('GET', `/api/decisioning/models/${champion.id}/psi?days=30`, risk)).json<ModelPsi>();
    expect(psi).toMatchObject({ source: 'decisions', applications: 2 });
    // Both at bureau 700: shares 0 / 0 / 1 against 0 / 0.5 / 0.5:
    // (0.0001 − 0.5)·ln(0.0001/0.5) + (1 − 0.5)·ln(1/0.5) = 4.2577 + 0.3466 = 4.6043 → shifted (empty bins count 0.01 %).
    expect(psi.characteristics[0]!.psi).toBeCloseTo((1e-4 - 0.5) * Math.log(1e-4 / 0.5) + 0.5 * Math.log(2), 6);
    expect(psi.characteristics[0]!.band).toBe('shifted');
  });
});
