import { z } from 'zod';
import { decisionStrategySchema, whatIfResultSchema } from './decisioning.ts';
import { localizedTextSchema, scorecardCharacteristicSchema, scorecardPerformanceSchema, scorecardScalingSchema, scoreDistributionSchema, variableSummarySchema } from './scorecards.ts';

/**
 * The decisioning console API: the scorecard registry (champion / challengers, report, PSI).
 * Roles: risk edits, admin all, compliance and viewer read. Every change is audited.
 *
 *   GET  /api/decisioning/models                      → ModelListResponse
 *   GET  /api/decisioning/models/{id}                 → ModelDetail
 *   GET  /api/decisioning/models/{id}/artefact        → ScorecardModel (the JSON `autofin scorecard` reads)
 *   POST /api/decisioning/models?name=&dataSource=    ScorecardModel (as written by `autofin scorecard train`) → ModelSummary (candidate)
 *   POST /api/decisioning/models/{id}/champion        → ModelSummary
 *   POST /api/decisioning/models/{id}/challenger      {share} → ModelSummary
 *   POST /api/decisioning/models/{id}/retire          → ModelSummary
 *   GET  /api/decisioning/models/{id}/psi?days=30     → ModelPsi
 */

export const modelStatuses = ['candidate', 'champion', 'challenger', 'retired'] as const;
export const modelStatusSchema = z.enum(modelStatuses);
export type ModelStatus = z.infer<typeof modelStatusSchema>;

/** The largest traffic share one challenger may take, and all challengers together. */
export const MAX_CHALLENGER_SHARE = 0.5;

export const modelSummarySchema = z
  .object({
    id: z.uuid(),
    modelId: z.string(),
    modelVersion: z.string(),
    name: z.string(),
    status: modelStatusSchema,
    /** Challenger traffic share 0–0.5; null unless a challenger. */
    trafficShare: z.number().nullable(),
    dataSource: z.string(),
    /** Trained on the simulator's demo market (演示数据). */
    demo: z.boolean(),
    trainingRows: z.number().int(),
    badRate: z.number(),
    auc: z.number(),
    ks: z.number(),
    gini: z.number(),
    cvAuc: z.number().nullable(),
    holdoutAuc: z.number().nullable(),
    holdoutKs: z.number().nullable(),
    characteristics: z.array(z.string()),
    notes: z.string().nullable(),
    trainedAt: z.string(),
    createdBy: z.string().nullable(),
    createdAt: z.string(),
    statusChangedBy: z.string().nullable(),
    statusChangedAt: z.string().nullable(),
  })
  .meta({ id: 'ScorecardModelSummary' });
export type ModelSummary = z.infer<typeof modelSummarySchema>;

export const modelListResponseSchema = z.object({ items: z.array(modelSummarySchema) });
export type ModelListResponse = z.infer<typeof modelListResponseSchema>;

export const modelDetailSchema = modelSummarySchema
  .extend({
    target: z.string(),
    badValue: z.string(),
    basePoints: z.number().int(),
    scaling: scorecardScalingSchema,
    scorecard: z.array(scorecardCharacteristicSchema),
    scoreDistribution: scoreDistributionSchema,
    training: scorecardPerformanceSchema,
    variables: z.array(variableSummarySchema),
    tuning: z.object({ folds: z.number().int(), chosen: z.object({ coding: z.string(), minBinShare: z.number(), minIv: z.number(), l2: z.number() }) }).nullable(),
  })
  .meta({ id: 'ScorecardModelDetail' });
export type ModelDetail = z.infer<typeof modelDetailSchema>;

export const modelParamsSchema = z.object({ id: z.uuid() });
export const registerModelQuerySchema = z.object({
  name: z.string().trim().min(1).max(120).optional(),
  dataSource: z.string().trim().min(1).max(200).optional(),
  notes: z.string().trim().max(2000).optional(),
});
export const challengerRequestSchema = z.object({
  /** Share of applications the challenger also scores, e.g. 0.1 for 10 %. */
  share: z.number().gt(0).max(MAX_CHALLENGER_SHARE),
});
export type ChallengerRequest = z.infer<typeof challengerRequestSchema>;

export const psiQuerySchema = z.object({ days: z.coerce.number().int().min(1).max(730).default(30) });

/** Rule-of-thumb bands for a PSI value. */
export const psiBands = ['stable', 'watch', 'shifted'] as const;
export type PsiBand = (typeof psiBands)[number];
export const psiBandSchema = z.enum(psiBands);

export const psiBinSchema = z.object({
  label: localizedTextSchema,
  /** Training share of the bin (0–1). */
  expected: z.number(),
  /** Share of the recent applications (0–1). */
  actual: z.number(),
});

export const modelPsiSchema = z
  .object({
    modelId: z.uuid(),
    days: z.number().int(),
    /** Window of application submission times compared (ISO). */
    from: z.string(),
    to: z.string(),
    /** `decisions`: characteristics stored with live decisions; `demo_market`: the simulator's applications mapped to the characteristics (演示数据). */
    source: z.enum(['decisions', 'demo_market']),
    applications: z.number().int(),
    score: z.object({ psi: z.number().nullable(), band: psiBandSchema.nullable(), bins: z.array(psiBinSchema) }),
    characteristics: z.array(z.object({ name: z.string(), psi: z.number().nullable(), band: psiBandSchema.nullable(), bins: z.array(psiBinSchema) })),
  })
  .meta({ id: 'ScorecardModelPsi' });
export type ModelPsi = z.infer<typeof modelPsiSchema>;

// ---------------------------------------------------------------- strategies

/**
 *   GET  /api/decisioning/strategies                                       → StrategyListResponse (every version, newest first)
 *   GET  /api/decisioning/strategies/published                             → StoredStrategy
 *   GET  /api/decisioning/strategies/{strategyId}/versions/{version}       → StoredStrategy
 *   POST /api/decisioning/strategies/drafts                                {fromVersion?, note?} → StoredStrategy (draft copied from the published or given version)
 *   PUT  /api/decisioning/strategies/{strategyId}/versions/{version}       {definition, note?} → StoredStrategy (drafts only; 422 naming the field)
 *   POST /api/decisioning/strategies/{strategyId}/versions/{version}/publish {whatIfRunId?} → StoredStrategy
 *        (a publish needs a what-if run of this draft made after its last edit: the given one or the latest)
 *   POST /api/decisioning/what-if                                          WhatIfRequest → WhatIfRun
 *   GET  /api/decisioning/what-if/{runId}                                  → WhatIfRun
 */
export const strategyStatuses = ['draft', 'published', 'superseded'] as const;
export const strategyStatusSchema = z.enum(strategyStatuses);
export type StrategyStatus = z.infer<typeof strategyStatusSchema>;

export const strategyVersionSummarySchema = z.object({
  strategyId: z.string(),
  version: z.number().int(),
  status: strategyStatusSchema,
  basedOnVersion: z.number().int().nullable(),
  note: z.string().nullable(),
  createdBy: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  publishedBy: z.string().nullable(),
  publishedAt: z.string().nullable(),
  whatIfRunId: z.string().nullable(),
});
export type StrategyVersionSummary = z.infer<typeof strategyVersionSummarySchema>;

export const storedStrategySchema = strategyVersionSummarySchema.extend({ definition: decisionStrategySchema }).meta({ id: 'StoredDecisionStrategy' });
export type StoredStrategy = z.infer<typeof storedStrategySchema>;

export const strategyListResponseSchema = z.object({ items: z.array(strategyVersionSummarySchema) });
export const strategyVersionParamsSchema = z.object({ strategyId: z.string().regex(/^[a-z0-9][a-z0-9-]{1,63}$/), version: z.coerce.number().int().min(1) });
export const newDraftRequestSchema = z.object({ fromVersion: z.number().int().min(1).optional(), note: z.string().trim().max(2000).optional() });
/** The definition is checked by the route against decisionStrategySchema so errors name the field inside it. */
export const updateDraftRequestSchema = z.object({ definition: z.unknown(), note: z.string().trim().max(2000).nullable().optional() });
export const publishRequestSchema = z.object({ whatIfRunId: z.uuid().optional() });

// ---------------------------------------------------------------- what-if

export const whatIfRequestSchema = z
  .object({
    /** A stored draft to replay … */
    strategyId: z.string().optional(),
    version: z.number().int().min(1).optional(),
    /** … or an unsaved candidate definition. */
    definition: z.unknown().optional(),
    /** Replay the applications submitted in the last `days` days of the record. */
    days: z.number().int().min(1).max(730).default(90),
  })
  .refine((r) => r.definition !== undefined || (r.strategyId !== undefined && r.version !== undefined), { message: 'give a definition, or strategyId and version', path: ['definition'] });
export type WhatIfRequest = z.input<typeof whatIfRequestSchema>;

/** How many changed applications a run keeps as examples (the counts cover all of them). */
export const WHAT_IF_EXAMPLES = 100;

export const whatIfRunSchema = z
  .object({
    runId: z.uuid(),
    strategyId: z.string(),
    baselineVersion: z.number().int(),
    /** The draft replayed; null for an unsaved definition. */
    candidateVersion: z.number().int().nullable(),
    days: z.number().int(),
    from: z.string().nullable(),
    to: z.string().nullable(),
    /** `decisions`: the inputs stored with live decisions; `demo_market`: the simulator's applications (演示数据). */
    source: z.enum(['decisions', 'demo_market']),
    applications: z.number().int(),
    /** The domain's replay (replayStrategy), with `changed` cut to the first WHAT_IF_EXAMPLES. */
    result: whatIfResultSchema,
    changedCount: z.number().int(),
    runBy: z.string().nullable(),
    runAt: z.string(),
  })
  .meta({ id: 'WhatIfRun' });
export type WhatIfRun = z.infer<typeof whatIfRunSchema>;
export const whatIfParamsSchema = z.object({ runId: z.uuid() });
