import type { DbOrTx } from '@autofin/db';
import type { LocalizedText, ModelPsi, PsiBand } from '@autofin/contracts';
import { applicationCharacteristics, parseScorecardModel, stability, valuationModelV1, type DataRow } from '@autofin/domain';
import { getActiveGrid } from '../pricing/pricing.repository.ts';
import { sellableProducts } from '../products/product.repository.ts';
import { businessDate } from '../quotes/business-date.ts';
import { liveDecisionRecords } from './live-decisions.ts';
import type { ModelRow } from './model.repository.ts';
import { demoApplicationRows, demoRecordEnd } from './demo-history.ts';

const DAY_MS = 86_400_000;

/** The rule of thumb the console explains: < 0.1 stable, 0.1–0.25 watch, > 0.25 shifted. */
export function psiBand(psi: number | null): PsiBand | null {
  if (psi === null || !Number.isFinite(psi)) return null;
  return psi < 0.1 ? 'stable' : psi <= 0.25 ? 'watch' : 'shifted';
}

const shares = (counts: readonly number[]): number[] => {
  const total = counts.reduce((a, b) => a + b, 0);
  return counts.map((c) => (total > 0 ? c / total : 0));
};

/** Labels of the score bands (-∞, e0), [e0, e1), …, [e_last, ∞). */
function scoreBandLabels(edges: readonly number[]): LocalizedText[] {
  return Array.from({ length: edges.length + 1 }, (_, k) => {
    if (k === 0) return { en: `< ${edges[0] ?? '∞'}`, zh: `< ${edges[0] ?? '∞'}` };
    if (k === edges.length) return { en: `≥ ${edges[k - 1]}`, zh: `≥ ${edges[k - 1]}` };
    return { en: `${edges[k - 1]}–${edges[k]}`, zh: `${edges[k - 1]}–${edges[k]}` };
  });
}

const finite = (x: number): number | null => (Number.isFinite(x) ? x : null);

/**
 * PSI of each characteristic and of the score: the applications of the last `days` days against
 * the training sample's bin counts and score deciles kept in the artefact. The applications are
 * the engine's decisions of the window when there are any; otherwise the demo market's, mapped
 * to the characteristics as documented in demo-history.ts, with the window ending at the newest
 * application (the simulated market stops at its as-of date).
 */
export async function modelPsi(db: DbOrTx, row: ModelRow, days: number, now: Date = new Date()): Promise<ModelPsi> {
  const model = parseScorecardModel(row.artefact);
  // Live decisions of the window when there are any (their characteristics recomputed from the
  // stored input and data exactly as the engine computes them), else the demo market's record.
  let source: ModelPsi['source'] = 'decisions';
  let to = now;
  let from = new Date(now.getTime() - days * DAY_MS);
  let rows: DataRow[] = [];
  const live = await liveDecisionRecords(db, from, to);
  if (live.length > 0) {
    const [products, grid] = await Promise.all([sellableProducts(db, businessDate(now)), getActiveGrid(db)]);
    rows = live.map((r) => applicationCharacteristics(r.input, { ...r.data, now: r.decidedAt.toISOString(), products, grid, valuationModel: valuationModelV1 }));
  } else {
    source = 'demo_market';
    const end = await demoRecordEnd(db);
    to = new Date((end ?? now).getTime() + 1);
    from = new Date(to.getTime() - days * DAY_MS);
    rows = end ? await demoApplicationRows(db, from, to) : [];
  }
  const report = stability(model, rows);
  const empty = rows.length === 0;
  const scoreShares = shares(report.scoreCounts);
  return {
    modelId: row.id,
    days,
    from: from.toISOString(),
    to: to.toISOString(),
    source,
    applications: rows.length,
    score: {
      psi: empty ? null : finite(report.score),
      band: empty ? null : psiBand(report.score),
      bins: scoreBandLabels(model.scoreDistribution.edges).map((label, k) => ({ label, expected: model.scoreDistribution.shares[k] ?? 0, actual: scoreShares[k] ?? 0 })),
    },
    characteristics: report.characteristics.map((c, k) => {
      const spec = model.characteristics[k];
      const expected = shares(c.expected);
      const actual = shares(c.actual);
      return {
        name: c.name,
        psi: empty ? null : finite(c.psi),
        band: empty ? null : psiBand(c.psi),
        bins: (spec?.bins ?? []).map((b, i) => ({ label: b.label, expected: expected[i] ?? 0, actual: actual[i] ?? 0 })),
      };
    }),
  };
}
