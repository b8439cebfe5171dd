import { sql } from 'drizzle-orm';
import { pgTable, uuid, text, integer, doublePrecision, boolean, timestamp, jsonb, primaryKey, uniqueIndex, index, check } from 'drizzle-orm/pg-core';

/**
 * The scorecard registry: every registered model is a versioned JSON artefact (ScorecardModel of
 * packages/contracts, validated before it is written) with its training metadata copied into
 * columns so the registry list needs no JSON parsing.
 * status: candidate | champion | challenger | retired. Exactly one champion decides applications
 * (at most one by the partial unique index; a promotion demotes the old one in the same
 * transaction, so there is never none once one exists); challengers score a share of traffic
 * (0 < share ≤ 0.5, and the shares of all challengers together stay ≤ 0.5, checked in the
 * transaction that changes them under a lock on the table).
 */
export const scorecardModels = pgTable(
  'scorecard_models',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** The artefact's own id and version (e.g. "auto-application" / "2026-11-22.1"). */
    modelId: text('model_id').notNull(),
    modelVersion: text('model_version').notNull(),
    name: text('name').notNull(),
    artefact: jsonb('artefact').notNull(),
    /** Where the training rows came from, e.g. "demo market (simulated)" or a CSV file name. */
    dataSource: text('data_source').notNull(),
    /** True for models trained on the simulator's demo market (演示数据). */
    demo: boolean('demo').notNull().default(false),
    trainingRows: integer('training_rows').notNull(),
    badRate: doublePrecision('bad_rate').notNull(),
    trainingAuc: doublePrecision('training_auc').notNull(),
    trainingKs: doublePrecision('training_ks').notNull(),
    trainingGini: doublePrecision('training_gini').notNull(),
    /** Mean AUC of the inner cross-validation that chose the options (null when tuning was off). */
    cvAuc: doublePrecision('cv_auc'),
    /** AUC / KS on rows held out of training, when the trainer kept some aside. */
    holdoutAuc: doublePrecision('holdout_auc'),
    holdoutKs: doublePrecision('holdout_ks'),
    characteristics: jsonb('characteristics').$type<string[]>().notNull(),
    status: text('status').notNull().default('candidate'),
    /** Challenger traffic share (0–1); null for every other status. */
    trafficShare: doublePrecision('traffic_share'),
    notes: text('notes'),
    createdBy: text('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    statusChangedBy: text('status_changed_by'),
    statusChangedAt: timestamp('status_changed_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('scorecard_models_id_version').on(t.modelId, t.modelVersion),
    uniqueIndex('scorecard_models_one_champion').on(t.status).where(sql`status = 'champion'`),
    check('scorecard_models_status', sql`${t.status} IN ('candidate', 'champion', 'challenger', 'retired')`),
    check(
      'scorecard_models_share',
      sql`(${t.status} = 'challenger' AND ${t.trafficShare} > 0 AND ${t.trafficShare} <= 0.5) OR (${t.status} <> 'challenger' AND ${t.trafficShare} IS NULL)`,
    ),
  ],
);

/**
 * Decision strategies as versioned data (the definition is the DecisionStrategy of
 * packages/contracts/src/decisioning.ts, validated before it is written).
 * status: draft | published | superseded; exactly one version is published at a time, a publish
 * supersedes the previous one in the same transaction.
 */
export const decisionStrategies = pgTable(
  'decision_strategies',
  {
    strategyId: text('strategy_id').notNull(),
    version: integer('version').notNull(),
    status: text('status').notNull(),
    definition: jsonb('definition').notNull(),
    /** The version this draft was copied from. */
    basedOnVersion: integer('based_on_version'),
    /** Why the change: written by the analyst on the draft, kept with the version. */
    note: text('note'),
    createdBy: text('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    publishedBy: text('published_by'),
    publishedAt: timestamp('published_at', { withTimezone: true }),
    /** The what-if run the publisher saw before publishing (null: published without one, e.g. the seed). */
    whatIfRunId: uuid('what_if_run_id'),
  },
  (t) => [
    primaryKey({ columns: [t.strategyId, t.version] }),
    uniqueIndex('decision_strategies_one_published').on(t.status).where(sql`status = 'published'`),
    check('decision_strategies_status', sql`${t.status} IN ('draft', 'published', 'superseded')`),
  ],
);

/**
 * Every what-if replay, kept with who ran it and on what, so a publish can point to the evidence
 * it was based on. `result` is the WhatIfResult of packages/contracts/src/decisioning-api.ts.
 */
export const decisionWhatIfRuns = pgTable(
  'decision_what_if_runs',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    strategyId: text('strategy_id').notNull(),
    /** The draft version replayed, or null for an unsaved candidate definition. */
    version: integer('version'),
    /** The published version it was compared against. */
    baselineVersion: integer('baseline_version').notNull(),
    candidate: jsonb('candidate').notNull(),
    days: integer('days').notNull(),
    applications: integer('applications').notNull(),
    result: jsonb('result').notNull(),
    runBy: text('run_by'),
    runAt: timestamp('run_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('decision_what_if_runs_strategy_idx').on(t.strategyId, t.version, t.runAt)],
);
