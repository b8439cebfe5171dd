import type { DbOrTx } from '@autofin/db';
import type { DecisionStrategy, ScorecardModel } from '@autofin/contracts';
import { defaultDecisionStrategy, parseScorecardModel } from '@autofin/domain';
import { activeModels } from './model.repository.ts';
import { findPublishedStrategy } from './strategy.repository.ts';

export interface SetupModel {
  /** The artefact's id and version (what a decision records). */
  id: string;
  version: string;
  /** The registry row. */
  registryId: string;
  model: ScorecardModel;
}

/** What an automatic decision runs with: the published strategy and the registry's champion and challengers. */
export interface DecisionSetup {
  strategy: { id: string; version: number; definition: DecisionStrategy };
  /** Null until a model has been made champion (a fresh installation without the demo market). */
  champion: SetupModel | null;
  challengers: Array<SetupModel & { share: number }>;
}

/**
 * The registry decides which models score: the published strategy's scorecard stage is given
 * the current champion and challengers (with their shares), so promoting a model needs no new
 * strategy version, and a decision records both the strategy version and the model version it
 * actually used.
 */
export function withRegistryModels(definition: DecisionStrategy, champion: SetupModel | null, challengers: DecisionSetup['challengers']): DecisionStrategy {
  if (!champion) return definition;
  return {
    ...definition,
    stages: definition.stages.map((s) =>
      s.stage === 'scorecard'
        ? {
            ...s,
            champion: { modelId: champion.id, modelVersion: champion.version },
            challengers: challengers.map((c) => ({ modelId: c.id, modelVersion: c.version, share: c.share })),
          }
        : s,
    ),
  };
}

async function loadDecisionSetup(db: DbOrTx): Promise<DecisionSetup> {
  const [published, models] = await Promise.all([findPublishedStrategy(db), activeModels(db)]);
  let champion: SetupModel | null = null;
  const challengers: DecisionSetup['challengers'] = [];
  for (const row of models) {
    const m: SetupModel = { id: row.modelId, version: row.modelVersion, registryId: row.id, model: parseScorecardModel(row.artefact) };
    if (row.status === 'champion') champion = m;
    else challengers.push({ ...m, share: row.trafficShare ?? 0 });
  }
  // Before the first publish (a fresh database before its seed step) the domain's default strategy applies.
  const strategy = published ? { id: published.strategyId, version: published.version, definition: published.definition } : { id: defaultDecisionStrategy.id, version: defaultDecisionStrategy.version, definition: defaultDecisionStrategy };
  return {
    strategy: { ...strategy, definition: withRegistryModels(strategy.definition, champion, challengers) },
    champion,
    challengers,
  };
}

/**
 * Every decision asks for the setup; it changes only on a publish or a promotion. It is kept in
 * the process for at most DECISION_SETUP_TTL_MS per database and dropped at once by a publish or
 * promotion on this instance (another instance's change shows here within the TTL).
 */
export const DECISION_SETUP_TTL_MS = 2_000;
let generation = 0;
const cache = new WeakMap<object, { at: number; generation: number; setup: Promise<DecisionSetup> }>();

export async function getDecisionSetup(db: DbOrTx): Promise<DecisionSetup> {
  const now = Date.now();
  let entry = cache.get(db);
  if (!entry || entry.generation !== generation || now - entry.at > DECISION_SETUP_TTL_MS) {
    const fresh = { at: now, generation, setup: loadDecisionSetup(db) };
    cache.set(db, fresh);
    fresh.setup.catch(() => {
      if (cache.get(db) === fresh) cache.delete(db);
    });
    entry = fresh;
  }
  return entry.setup;
}

/** Called after a strategy publish or a registry change commits on this instance. */
export function dropDecisionSetup(): void {
  generation++;
}
