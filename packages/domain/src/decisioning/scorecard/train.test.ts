import { describe, expect, it } from 'vitest';
import { scorecardModelSchema } from '@autofin/contracts';
import type { DataRow } from './data.ts';
import { seededRandom, stratifiedFolds } from './cross-validation.ts';
import { trainScorecard } from './train.ts';
import { scoreApplicants } from './score.ts';
import { auc } from './metrics.ts';
import { evaluateScorecard } from './report.ts';
import { findOneHotGroups } from './data.ts';
import { baselinePd, trainBaseline } from './baseline.ts';
import { DomainError } from '../../shared/domain-error.ts';

/**
 * A synthetic book whose true risk is known: log-odds of bad = −1 − 0.02·(income − 100)
 * + 1.2·[home = rent] + 0.8·[purpose = Car] + 1·[amount/price > 0.9]; `noise` carries nothing.
 */
function book(n: number, seed: number): DataRow[] {
  const random = seededRandom(seed);
  const rows: DataRow[] = [];
  for (let i = 0; i < n; i++) {
    const income = Math.round(40 + random() * 120);
    const home = random() < 0.4 ? 'rent' : random() < 0.7 ? 'owner' : 'parents';
    const car = random() < 0.5;
    const price = Math.round(1000 + random() * 1000);
    const amount = Math.round(price * (0.5 + random() * 0.5));
    const z = -1 - 0.02 * (income - 100) + (home === 'rent' ? 1.2 : 0) + (car ? 0.8 : 0) + (amount / price > 0.9 ? 1 : 0);
    const bad = random() < 1 / (1 + Math.exp(-z));
    rows.push({
      Status: bad ? 'bad' : 'good',
      Income: i % 25 === 0 ? '' : String(income),
      Home: home,
      'Purpose.Car': car ? '1' : '0',
      'Purpose.Other': car ? '0' : '1',
      Amount: String(amount),
      Price: String(price),
      noise: String(Math.round(random() * 100)),
    });
  }
  return rows;
}

const rows = book(1500, 7);
const base = { rows, target: 'Status', badValue: 'bad', id: 'synthetic', version: '1', trainedAt: '2026-11-22T08:00:00Z' };

describe('trainScorecard', () => {
  const model = trainScorecard({ ...base, options: { tune: false, ratios: [{ name: 'LTV', numerator: 'Amount', denominator: 'Price' }] } });

  it('produces a valid, versioned artefact with the clock value passed in', () => {
    expect(scorecardModelSchema.safeParse(JSON.parse(JSON.stringify(model))).success).toBe(true);
    expect(model.trainedAt).toBe('2026-11-22T08:00:00Z');
    expect(model.scaling.factor).toBeCloseTo(20 / Math.LN2, 12);
  });

  it('finds the real drivers and folds the one-hot flags into one characteristic', () => {
    const names = model.characteristics.map((c) => c.name);
    expect(names).toEqual(expect.arrayContaining(['Income', 'Home', 'Purpose', 'LTV']));
    const purpose = model.characteristics.find((c) => c.name === 'Purpose');
    expect(purpose?.oneHotColumns?.map((o) => o.category).sort()).toEqual(['Car', 'Other']);
    for (const c of model.characteristics) expect(c.coefficient).toBeGreaterThan(0);
  });

  it('bins coding keeps the points of monotone characteristics monotone', () => {
    const m = trainScorecard({ ...base, options: { tune: false, coding: 'bins' } });
    expect(scorecardModelSchema.safeParse(m).success).toBe(true);
    for (const c of m.characteristics) {
      expect(c.coefficient).toBeNull();
      if (c.trend !== 'increasing' && c.trend !== 'decreasing') continue;
      const pts = c.bins.filter((b) => b.kind === 'range').map((b) => b.points);
      // risk rising with the value → points falling, and the reverse
      for (let i = 1; i < pts.length; i++) {
        if (c.trend === 'increasing') expect(pts[i] as number).toBeLessThanOrEqual(pts[i - 1] as number);
        else expect(pts[i] as number).toBeGreaterThanOrEqual(pts[i - 1] as number);
      }
    }
    expect(m.characteristics.map((c) => c.name)).toEqual(expect.arrayContaining(['Income', 'Home', 'Purpose']));
  });

  it('gives more points to higher income (risk falls with income) and fewer to renters', () => {
    const income = model.characteristics.find((c) => c.name === 'Income');
    expect(income?.trend).toBe('decreasing');
    const ranges = income?.bins.filter((b) => b.kind === 'range') ?? [];
    for (let i = 1; i < ranges.length; i++) expect((ranges[i]?.points as number) >= (ranges[i - 1]?.points as number)).toBe(true);
    const home = model.characteristics.find((c) => c.name === 'Home');
    const rent = home?.bins.find((b) => b.categories.includes('rent'));
    expect(rent?.points).toBe(0);
    expect(income?.bins.at(-1)?.kind).toBe('missing');
    expect(income?.bins.at(-1)?.count).toBe(60);
  });

  it('reports the training AUC of exactly the scores scoring gives', () => {
    const scores = scoreApplicants(model, rows, 0).map((r) => r.score);
    const bad = rows.map((r) => (r.Status === 'bad' ? 1 : 0));
    expect(model.report.training.auc).toBeCloseTo(
      auc(
        scores.map((s) => -s),
        bad,
      ),
      12,
    );
    expect(model.report.training.gini).toBeCloseTo(2 * model.report.training.auc - 1, 12);
    const calibrated = model.report.training.calibration.reduce((s, b) => s + b.count, 0);
    expect(calibrated).toBe(rows.length);
    expect(model.report.variables.map((v) => v.name)).toEqual(['Income', 'Home', 'Purpose', 'Amount', 'Price', 'noise', 'LTV']);
  });

  it('is deterministic', () => {
    const again = trainScorecard({ ...base, options: { tune: false, ratios: [{ name: 'LTV', numerator: 'Amount', denominator: 'Price' }] } });
    expect(again).toEqual(model);
  });

  it('PSI of the training sample against itself is 0; a shifted sample is flagged', () => {
    const same = evaluateScorecard(model, rows);
    expect(same.stability.score).toBeCloseTo(0, 9);
    for (const c of same.stability.characteristics) expect(c.psi).toBeCloseTo(0, 9);
    expect(same.performance?.auc).toBeCloseTo(model.report.training.auc, 12);
    const richer = rows.map((r) => ({ ...r, Income: String(Number(r.Income || 100) + 60) }));
    const shifted = evaluateScorecard(model, richer);
    expect(shifted.stability.characteristics.find((c) => c.name === 'Income')?.psi).toBeGreaterThan(0.25);
    const noTarget = evaluateScorecard(
      model,
      rows.map(({ Status: _s, ...r }) => r),
    );
    expect(noTarget.performance).toBeNull();
  });

  it('generalises: held-out AUC close to the baseline on the same split', () => {
    const bad = rows.map((r) => (r.Status === 'bad' ? 1 : 0));
    const folds = stratifiedFolds(bad, 3, 11);
    const train = rows.filter((_, i) => folds[i] !== 0);
    const test = rows.filter((_, i) => folds[i] === 0);
    const testBad = bad.filter((_, i) => folds[i] === 0);
    const m = trainScorecard({ ...base, rows: train });
    expect(m.report.tuning?.candidates.length).toBe(m.options.l2Grid.length * m.options.minBinShareGrid.length * m.options.minIvGrid.length * m.options.codingGrid.length);
    const scAuc = auc(
      scoreApplicants(m, test, 0).map((r) => -r.score),
      testBad,
    );
    const blAuc = auc(baselinePd(trainBaseline(train, 'Status', 'bad'), test), testBad);
    expect(scAuc).toBeGreaterThan(0.7);
    expect(scAuc).toBeGreaterThan(blAuc - 0.03);
  });
});

describe('training input errors', () => {
  const code = (f: () => unknown): { code: string; field: string | undefined; message: string } => {
    try {
      f();
    } catch (e) {
      if (e instanceof DomainError) return { code: e.code, field: e.errors[0]?.field, message: e.message };
      throw e;
    }
    throw new Error('no error');
  };

  it('names an unknown target column', () => {
    const e = code(() => trainScorecard({ ...base, target: 'Outcome' }));
    expect(e).toMatchObject({ code: 'SCORECARD_INVALID_DATA', field: 'target' });
    expect(e.message).toContain('Outcome');
  });

  it('names a bad value that never occurs', () => {
    const e = code(() => trainScorecard({ ...base, badValue: 'Bad' }));
    expect(e).toMatchObject({ code: 'SCORECARD_INVALID_DATA', field: 'badValue' });
    expect(e.message).toContain('"Bad"');
  });

  it('rejects empty data, an empty target cell and a ratio of text columns', () => {
    expect(code(() => trainScorecard({ ...base, rows: [] })).field).toBe('data');
    expect(code(() => trainScorecard({ ...base, rows: [...rows.slice(0, 10), { Income: '3' }] })).message).toMatch(/row 11/);
    expect(code(() => trainScorecard({ ...base, options: { ratios: [{ name: 'X', numerator: 'Home', denominator: 'Price' }] } })).field).toBe('ratios');
    expect(code(() => trainScorecard({ ...base, options: { maxBins: 0 } })).field).toBe('options.maxBins');
  });
});

describe('helpers', () => {
  it('stratified folds keep the bad rate and sizes within one row', () => {
    const bad = Array.from({ length: 103 }, (_, i) => (i % 5 === 0 ? 1 : 0));
    const folds = stratifiedFolds(bad, 5, 3);
    for (let f = 0; f < 5; f++) {
      const idx = [...folds.keys()].filter((i) => folds[i] === f);
      expect(idx.length === 20 || idx.length === 21).toBe(true);
      const b = idx.filter((i) => bad[i] === 1).length;
      expect(b === 4 || b === 5).toBe(true);
    }
    expect([...stratifiedFolds(bad, 5, 3)]).toEqual([...folds]);
  });

  it('one-hot groups need exactly one flag per row', () => {
    const data = [
      { 'A.x': 1, 'A.y': 0, 'B.x': 1, 'B.y': 1 },
      { 'A.x': 0, 'A.y': 1, 'B.x': 0, 'B.y': 0 },
    ];
    expect(findOneHotGroups(data, ['A.x', 'A.y', 'B.x', 'B.y']).map((g) => g.name)).toEqual(['A']);
  });
});
