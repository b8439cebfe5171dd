import { z } from 'zod';

// A points scorecard is a versioned JSON artefact: everything needed to score an applicant,
// explain the score and watch the population drift, with no code beyond packages/domain.

export const scorecardBinKinds = ['range', 'categories', 'missing'] as const;

/** Two-language text: every reason and label the platform shows exists in zh-CN and en-US. */
export const localizedTextSchema = z.object({ en: z.string(), zh: z.string() });
export type LocalizedText = z.infer<typeof localizedTextSchema>;

export const scorecardBinSchema = z
  .object({
    kind: z.enum(scorecardBinKinds),
    /** range: lower bound, inclusive (null = no lower bound). */
    lower: z.number().nullable(),
    /** range: upper bound, exclusive (null = no upper bound). */
    upper: z.number().nullable(),
    /** categories: the text values that fall in this bin. */
    categories: z.array(z.string()),
    label: localizedTextSchema,
    /** Training counts. */
    count: z.number().int().nonnegative(),
    goods: z.number().int().nonnegative(),
    bads: z.number().int().nonnegative(),
    /** Weight of evidence ln(%good / %bad), smoothed toward 0 for small bins: higher is better. */
    woe: z.number(),
    /** This bin's contribution to the information value. */
    iv: z.number(),
    /** Integer points; the worst bin of a characteristic has 0. */
    points: z.number().int(),
  })
  .meta({ id: 'ScorecardBin' });
export type ScorecardBin = z.infer<typeof scorecardBinSchema>;

export const scorecardCharacteristicSchema = z
  .object({
    name: z.string().min(1),
    type: z.enum(['numeric', 'categorical']),
    /** For a characteristic rebuilt from one-hot columns: the source columns, by category. */
    oneHotColumns: z.array(z.object({ column: z.string(), category: z.string() })).optional(),
    /** For a derived characteristic: numerator / denominator of two numeric columns (e.g. loan-to-value). */
    ratio: z.object({ numerator: z.string(), denominator: z.string() }).optional(),
    /** How the bad rate moves across the ordered range bins (peak: up then down; valley: down then up). */
    trend: z.enum(['increasing', 'decreasing', 'peak', 'valley', 'none']),
    iv: z.number().nonnegative(),
    /** Logistic-regression coefficient on the WOE (log-odds of good per unit of WOE); null in bins coding, where each bin has its own. */
    coefficient: z.number().nullable(),
    bins: z.array(scorecardBinSchema).min(1),
    /** Index of the bin that takes text values not seen in training. */
    unseenBin: z.number().int().nonnegative(),
  })
  .meta({ id: 'ScorecardCharacteristic' });
export type ScorecardCharacteristic = z.infer<typeof scorecardCharacteristicSchema>;

export const scorecardScalingSchema = z.object({
  baseScore: z.number(),
  /** Good:bad odds at the base score, e.g. 50 for 50:1. */
  baseOdds: z.number().positive(),
  /** Points to double the odds. */
  pdo: z.number().positive(),
  /** pdo / ln 2 */
  factor: z.number().positive(),
  /** baseScore − factor · ln(baseOdds) */
  offset: z.number(),
});
export type ScorecardScaling = z.infer<typeof scorecardScalingSchema>;

export const calibrationBandSchema = z.object({
  /** Inclusive lower score of the band (null = open). */
  from: z.number().nullable(),
  /** Exclusive upper score of the band (null = open). */
  to: z.number().nullable(),
  count: z.number().int().nonnegative(),
  bads: z.number().int().nonnegative(),
  observedBadRate: z.number().nullable(),
  meanPd: z.number().nullable(),
});
export type CalibrationBand = z.infer<typeof calibrationBandSchema>;

export const variableSummarySchema = z.object({
  name: z.string(),
  type: z.enum(['numeric', 'categorical']),
  iv: z.number(),
  bins: z.number().int(),
  selected: z.boolean(),
  /** Why a variable is not in the scorecard. */
  dropped: z.string().nullable(),
});
export type VariableSummary = z.infer<typeof variableSummarySchema>;

export const scorecardPerformanceSchema = z.object({
  rows: z.number().int().nonnegative(),
  bads: z.number().int().nonnegative(),
  badRate: z.number(),
  auc: z.number(),
  ks: z.number(),
  gini: z.number(),
  calibration: z.array(calibrationBandSchema),
});
export type ScorecardPerformance = z.infer<typeof scorecardPerformanceSchema>;

export const scorecardTuningSchema = z.object({
  folds: z.number().int(),
  candidates: z.array(z.object({ coding: z.enum(['woe', 'bins']), minBinShare: z.number(), minIv: z.number(), l2: z.number(), auc: z.number() })),
  chosen: z.object({ coding: z.enum(['woe', 'bins']), minBinShare: z.number(), minIv: z.number(), l2: z.number() }),
});

export const scorecardReportSchema = z
  .object({
    training: scorecardPerformanceSchema,
    variables: z.array(variableSummarySchema),
    /** The inner cross-validation that chose the options, when tuning was on. */
    tuning: scorecardTuningSchema.nullable(),
  })
  .meta({ id: 'ScorecardReport' });
export type ScorecardReport = z.infer<typeof scorecardReportSchema>;

export const scorecardTrainingOptionsSchema = z.object({
  seed: z.number().int(),
  fineBins: z.number().int().min(2).max(100),
  maxBins: z.number().int().min(1).max(20),
  minBinShare: z.number().min(0).max(0.5),
  woeSmoothing: z.number().min(0),
  minIv: z.number().min(0),
  maxCorrelation: z.number().min(0).max(1),
  /** L2 penalty on the summed log-loss (the one used when `tune` is off, else the one chosen). */
  l2: z.number().min(0),
  /**
   * How bins enter the regression: `woe` (one coefficient per characteristic on its WOE) or
   * `bins` (one coefficient per bin, monotone characteristics kept monotone by merging bins).
   */
  coding: z.enum(['woe', 'bins']),
  codingGrid: z.array(z.enum(['woe', 'bins'])).min(1),
  /** Choose coding, minBinShare, minIv and l2 from their grids by stratified CV inside the training rows. */
  tune: z.boolean(),
  innerFolds: z.number().int().min(2).max(10),
  l2Grid: z.array(z.number().min(0)).min(1),
  minBinShareGrid: z.array(z.number().min(0).max(0.5)).min(1),
  minIvGrid: z.array(z.number().min(0)).min(1),
  rareCategoryShare: z.number().min(0).max(0.5),
  /** Allow one turn in a numeric bad rate when it adds more than this share of IV; null = monotone only. */
  turnGain: z.number().min(0).nullable(),
  collapseOneHot: z.boolean(),
  /** Derived ratio characteristics offered to the binning beside the columns. */
  ratios: z.array(z.object({ name: z.string().min(1), numerator: z.string().min(1), denominator: z.string().min(1) })),
  exclude: z.array(z.string()),
});
export type ScorecardTrainingOptions = z.infer<typeof scorecardTrainingOptionsSchema>;

/** The training score distribution, kept so a new sample's score PSI can be computed. */
export const scoreDistributionSchema = z.object({
  /** Inner band edges (ascending); bands are (-∞, e0), [e0, e1), …, [e_last, ∞). */
  edges: z.array(z.number()),
  shares: z.array(z.number().min(0).max(1)),
});
export type ScoreDistribution = z.infer<typeof scoreDistributionSchema>;

export const SCORECARD_ARTEFACT_KIND = 'autofin.scorecard';

export const scorecardModelSchema = z
  .object({
    kind: z.literal(SCORECARD_ARTEFACT_KIND),
    schemaVersion: z.literal(1),
    id: z.string().min(1),
    version: z.string().min(1),
    trainedAt: z.iso.datetime({ offset: true }),
    target: z.string().min(1),
    badValue: z.string(),
    /** Log-odds of good at WOE 0 for every characteristic. */
    intercept: z.number(),
    /** Points every applicant starts with; score = basePoints + Σ bin points. */
    basePoints: z.number().int(),
    scaling: scorecardScalingSchema,
    characteristics: z.array(scorecardCharacteristicSchema),
    scoreDistribution: scoreDistributionSchema,
    options: scorecardTrainingOptionsSchema,
    report: scorecardReportSchema,
  })
  .meta({ id: 'ScorecardModel' });
export type ScorecardModel = z.infer<typeof scorecardModelSchema>;

export const scorecardReasonSchema = z.object({
  characteristic: z.string(),
  bin: z.number().int(),
  /** Points below the characteristic's best bin. */
  pointsLost: z.number().int(),
  text: localizedTextSchema,
});
export type ScorecardReason = z.infer<typeof scorecardReasonSchema>;

export const scorecardResultSchema = z.object({
  score: z.number().int(),
  pd: z.number().min(0).max(1),
  reasons: z.array(scorecardReasonSchema),
  modelId: z.string(),
  modelVersion: z.string(),
});
export type ScorecardResult = z.infer<typeof scorecardResultSchema>;
