import { describe, expect, it } from 'vitest';
import type { ScorecardBin, ScorecardModel } from '@autofin/contracts';
import { parseScorecardModel, scoreApplicant } from './score.ts';
import { makeScaling, pdFromScore } from './scaling.ts';
import { defaultTrainingOptions } from './train.ts';
import { binLabel, reasonText } from './labels.ts';
import { DomainError } from '../../shared/domain-error.ts';

function bin(partial: Partial<ScorecardBin> & Pick<ScorecardBin, 'kind' | 'points'>): ScorecardBin {
  const b = { lower: null, upper: null, categories: [], count: 10, goods: 9, bads: 1, woe: 0, iv: 0, ...partial };
  return { ...b, label: binLabel(b) };
}

/** A hand-written three-characteristic scorecard. */
function handModel(): ScorecardModel {
  return {
    kind: 'autofin.scorecard',
    schemaVersion: 1,
    id: 'hand',
    version: '1',
    trainedAt: '2026-11-22T00:00:00Z',
    target: 'Status',
    badValue: 'bad',
    intercept: 3,
    basePoints: 500,
    scaling: makeScaling(600, 50, 20),
    characteristics: [
      {
        name: 'Income',
        type: 'numeric',
        trend: 'decreasing',
        iv: 0.3,
        coefficient: 1,
        unseenBin: 3,
        bins: [
          bin({ kind: 'range', upper: 85, points: 0 }),
          bin({ kind: 'range', lower: 85, upper: 120, points: 20 }),
          bin({ kind: 'range', lower: 120, points: 45 }),
          bin({ kind: 'missing', points: 5 }),
        ],
      },
      {
        name: 'Home',
        type: 'categorical',
        trend: 'none',
        iv: 0.2,
        coefficient: 1,
        unseenBin: 1,
        bins: [bin({ kind: 'categories', categories: ['owner'], points: 30 }), bin({ kind: 'categories', categories: ['rent', 'other'], points: 0 }), bin({ kind: 'missing', points: 10 })],
      },
      {
        name: 'Records',
        type: 'categorical',
        trend: 'none',
        iv: 0.4,
        coefficient: 1,
        unseenBin: 2,
        bins: [bin({ kind: 'categories', categories: ['no'], points: 20 }), bin({ kind: 'categories', categories: ['yes'], points: 0 }), bin({ kind: 'missing', points: 0 })],
      },
    ],
    scoreDistribution: { edges: [550, 600], shares: [0.3, 0.4, 0.3] },
    options: defaultTrainingOptions,
    report: {
      training: { rows: 30, bads: 3, badRate: 0.1, auc: 0.7, ks: 0.4, gini: 0.4, calibration: [] },
      variables: [],
      tuning: null,
    },
  };
}

describe('scoring and reasons', () => {
  const model = handModel();

  it('adds the bin points to the base points', () => {
    // Income 100 → 20, Home rent → 0, Records no → 20: 500 + 20 + 0 + 20 = 540
    const r = scoreApplicant(model, { Income: '100', Home: 'rent', Records: 'no' });
    expect(r.score).toBe(540);
    expect(r.pd).toBeCloseTo(pdFromScore(model.scaling, 540), 15);
    // 540 is 60 points = 3 doublings below 600 (50:1): odds 6.25:1, PD 1 / 7.25
    expect(r.pd).toBeCloseTo(1 / 7.25, 12);
    expect(r.modelVersion).toBe('1');
  });

  it('orders reasons by points lost against the best bin, ties in model order', () => {
    // Income 50: 0 of 45 → lost 45; Home rent: 0 of 30 → 30; Records yes: 0 of 20 → 20
    const r = scoreApplicant(model, { Income: 50, Home: 'rent', Records: 'yes' });
    expect(r.reasons.map((x) => [x.characteristic, x.pointsLost])).toEqual([
      ['Income', 45],
      ['Home', 30],
      ['Records', 20],
    ]);
    expect(r.reasons[0]?.text).toEqual({ en: 'Income is below 85', zh: 'Income 低于 85' });
    expect(r.reasons[1]?.text).toEqual({ en: 'Home is rent, other', zh: 'Home 为 rent、other' });
    // Income 100 loses 25, Home missing loses 20, Records missing loses 20 (tie → model order)
    const t = scoreApplicant(model, { Income: 100 }, 2);
    expect(t.reasons.map((x) => [x.characteristic, x.pointsLost])).toEqual([
      ['Income', 25],
      ['Home', 20],
    ]);
    expect(t.reasons[1]?.text.en).toBe('Home is missing');
  });

  it('best bins everywhere: no reasons', () => {
    expect(scoreApplicant(model, { Income: 200, Home: 'owner', Records: 'no' }).reasons).toEqual([]);
  });

  it('unseen text goes to the unseen bin; text in a numeric column counts as missing', () => {
    expect(scoreApplicant(model, { Income: 'n/a', Home: 'boat', Records: 'no' }).score).toBe(500 + 5 + 0 + 20);
  });

  it('reason texts for ranges', () => {
    expect(reasonText('Income', { kind: 'range', lower: 85, upper: 120, categories: [] })).toEqual({
      en: 'Income is 85 to under 120',
      zh: 'Income 在 85 至 120 之间（不含 120）',
    });
    expect(reasonText('Age', { kind: 'range', lower: 60, upper: null, categories: [] }).en).toBe('Age is 60 or more');
  });

  it('parses a model and rejects what is not one', () => {
    expect(parseScorecardModel(JSON.parse(JSON.stringify(model))).id).toBe('hand');
    expect(() => parseScorecardModel({ hello: 'world' })).toThrow(DomainError);
    try {
      parseScorecardModel({ ...model, kind: 'something' });
    } catch (e) {
      expect((e as DomainError).code).toBe('SCORECARD_INVALID_MODEL');
    }
  });
});
