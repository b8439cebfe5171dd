import type { DbOrTx } from '@autofin/db';
import type { DecisionStrategy, ScorecardModel, WhatIfRun } from '@autofin/contracts';
import { WHAT_IF_EXAMPLES } from '@autofin/contracts';
import {
  APPLICATION_CHARACTERISTICS,
  DomainError,
  binLabel,
  parseDecisionStrategy,
  replayStrategy,
  scoreApplicant,
  valuationModelV1,
  type DataRow,
  type DecisionContext,
  type ReplayRecord,
  type StoredScore,
} from '@autofin/domain';
import { getActiveGrid } from '../pricing/pricing.repository.ts';
import { sellableProducts } from '../products/product.repository.ts';
import { businessDate } from '../quotes/business-date.ts';
import { getDecisionSetup, withRegistryModels, type DecisionSetup } from './decision-setup.service.ts';
import { demoReplayCases } from './demo-decision-inputs.ts';
import { demoRecordEnd } from './demo-history.ts';
import { liveDecisionRecords } from './live-decisions.ts';
import { getPublishedStrategy, getStrategy } from './strategy.repository.ts';
import { insertWhatIfRun } from './what-if.repository.ts';

const DAY_MS = 86_400_000;

export interface WhatIfCommand {
  strategyId?: string | undefined;
  version?: number | undefined;
  definition?: unknown;
  days: number;
}

/**
 * The score a live decision would have stored: the champion's points, PD and reasons for the
 * application's characteristics as history records them (what-if replays strategies on stored
 * scores, not re-scoring; the same features the PSI compares).
 */
function championScore(model: ScorecardModel, characteristics: DataRow): StoredScore {
  const r = scoreApplicant(model, characteristics);
  return {
    modelId: model.id,
    modelVersion: model.version,
    role: 'champion',
    points: r.score,
    pd: r.pd,
    reasonCodes: r.reasons.map((x) => {
      const spec = APPLICATION_CHARACTERISTICS.find((c) => c.name === x.characteristic);
      const bin = model.characteristics.find((c) => c.name === x.characteristic)?.bins[x.bin];
      const label = bin ? binLabel(bin) : x.text;
      return {
        code: `SCORE_${x.characteristic.toUpperCase().replace(/[^A-Z0-9]+/g, '_')}`,
        zh: spec ? `${spec.label.zh}：${label.zh}` : x.text.zh,
        en: spec ? `${spec.label.en}: ${label.en}` : x.text.en,
        pointsLost: x.pointsLost,
      };
    }),
  };
}

async function candidateOf(db: DbOrTx, cmd: WhatIfCommand, publishedId: string): Promise<{ definition: DecisionStrategy; version: number | null; strategyId: string }> {
  if (cmd.definition !== undefined) {
    const definition = parseDecisionStrategy(cmd.definition);
    return { definition, version: null, strategyId: definition.id };
  }
  const stored = await getStrategy(db, cmd.strategyId ?? publishedId, cmd.version as number);
  return { definition: stored.definition, version: stored.version, strategyId: stored.strategyId };
}

/**
 * Replays the published strategy and a candidate (a stored draft or an unsaved definition) over
 * the applications of the last `days` days with the domain's replayStrategy, both with the
 * registry's champion and challengers and the same context, and stores the run with who ran it.
 *
 * The applications are the engine's own decisions of the last `days` days (their stored input,
 * data and score; live-decisions.ts) when there are any, else the demo market's (演示数据, mapped
 * as demo-decision-inputs.ts documents). Both are decided as if submitted now: today's products,
 * pricing grid and rulebook, so both strategies meet the same conditions.
 */
export async function runWhatIf(db: DbOrTx, cmd: WhatIfCommand, runBy: string | null, now: Date = new Date()): Promise<WhatIfRun> {
  const published = await getPublishedStrategy(db);
  const candidate = await candidateOf(db, cmd, published.strategyId);
  const setup: DecisionSetup = await getDecisionSetup(db);
  const models = [setup.champion, ...setup.challengers].flatMap((m) => (m ? [m.model] : []));
  const baseline = withRegistryModels(published.definition, setup.champion, setup.challengers);
  const proposed = withRegistryModels(candidate.definition, setup.champion, setup.challengers);

  const [products, grid] = await Promise.all([sellableProducts(db, businessDate(now)), getActiveGrid(db)]);
  const shared = { now: now.toISOString(), products, grid, valuationModel: valuationModelV1 };

  // Live decisions of the window when there are any; otherwise the demo market's record.
  let source: WhatIfRun['source'] = 'decisions';
  let to: Date | null = now;
  let from: Date | null = new Date(now.getTime() - cmd.days * DAY_MS);
  let records: ReplayRecord[] = (await liveDecisionRecords(db, from, to)).map((r) => ({ input: r.input, context: { ...r.data, ...shared }, score: r.score }));
  if (records.length === 0) {
    source = 'demo_market';
    const end = await demoRecordEnd(db);
    to = end ? new Date(end.getTime() + 1) : null;
    from = to ? new Date(to.getTime() - cmd.days * DAY_MS) : null;
    const cases = from && to ? await demoReplayCases(db, from, to) : [];
    records = cases.map((c) => {
      const context: DecisionContext = { ...c.data, ...shared };
      return { input: c.input, context, score: setup.champion ? championScore(setup.champion.model, c.characteristics) : null };
    });
  }
  if (records.length === 0) throw new DomainError('VALIDATION_FAILED', `no applications in the last ${cmd.days} days to replay`, [{ field: 'days', message: 'no applications in this window' }]);

  const result = replayStrategy(records, baseline, proposed, models);
  return insertWhatIfRun(db, {
    strategyId: candidate.strategyId,
    version: candidate.version,
    baselineVersion: published.version,
    candidate: candidate.definition,
    days: cmd.days,
    applications: records.length,
    runBy,
    result: {
      strategyId: candidate.strategyId,
      baselineVersion: published.version,
      candidateVersion: candidate.version,
      days: cmd.days,
      from: from?.toISOString() ?? null,
      to: to?.toISOString() ?? null,
      source,
      applications: records.length,
      result: { ...result, changed: result.changed.slice(0, WHAT_IF_EXAMPLES) },
      changedCount: result.changed.length,
    },
  });
}
