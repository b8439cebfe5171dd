import { describe, expect, it } from 'vitest';
import { Rng, WeightedTable } from './random.ts';
import { idPrefix, simId, IdKind } from './ids.ts';
import { idCheckDigit } from './customer-generator.ts';
import { addMonthsOnDay, dayOf, isoDate } from './dates.ts';

describe('Rng', () => {
  it('is a pure function of (seed, stream, index)', () => {
    const a = new Rng(42, 2, 7);
    const b = new Rng(42, 2, 7);
    const xs = Array.from({ length: 20 }, () => a.nextU32());
    expect(Array.from({ length: 20 }, () => b.nextU32())).toEqual(xs);
    expect(new Rng(42, 2, 8).nextU32()).not.toBe(xs[0]);
    expect(new Rng(43, 2, 7).nextU32()).not.toBe(xs[0]);
    // seeds beyond 2^32 still differ
    expect(new Rng(42 + 2 ** 32, 2, 7).nextU32()).not.toBe(xs[0]);
  });

  it('draws uniform floats, bounded ints and standard normals', () => {
    const r = new Rng(1);
    let sum = 0;
    let sq = 0;
    const n = 20_000;
    let fmin = 1;
    let fmax = 0;
    const ints = new Set<number>();
    for (let i = 0; i < n; i++) {
      const f = r.float();
      fmin = Math.min(fmin, f);
      fmax = Math.max(fmax, f);
      ints.add(r.int(3, 5));
      const z = r.normal();
      sum += z;
      sq += z * z;
    }
    expect(fmin).toBeGreaterThanOrEqual(0);
    expect(fmax).toBeLessThan(1);
    expect([...ints].sort()).toEqual([3, 4, 5]);
    expect(Math.abs(sum / n)).toBeLessThan(0.03);
    expect(Math.abs(sq / n - 1)).toBeLessThan(0.05);
  });

  it('weighted draws follow the weights', () => {
    const r = new Rng(9);
    const t = new WeightedTable(['a', 'b', 'c'], [1, 2, 7]);
    const counts = { a: 0, b: 0, c: 0 };
    for (let i = 0; i < 10_000; i++) counts[t.draw(r) as 'a' | 'b' | 'c']++;
    expect(counts.a / 10_000).toBeCloseTo(0.1, 1);
    expect(counts.c / 10_000).toBeCloseTo(0.7, 1);
  });
});

describe('ids and dates', () => {
  it('builds valid, distinct version-4 style UUIDs', () => {
    const p = idPrefix(123_456_789, IdKind.event);
    const a = simId(p, 999_999, 3);
    expect(a).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-8[0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(simId(p, 999_999, 4)).not.toBe(a);
    expect(simId(p, 1_000_000, 3)).not.toBe(a);
    expect(simId(idPrefix(123_456_789, IdKind.customer), 999_999, 3)).not.toBe(a);
  });

  it('computes the GB 11643 check digit (the standard’s own example 11010519491231002X)', () => {
    expect(idCheckDigit('11010519491231002')).toBe('X');
  });

  it('adds months on a fixed due day', () => {
    expect(isoDate(addMonthsOnDay(dayOf('2025-11-30'), 3, 28))).toBe('2026-02-28');
    expect(isoDate(addMonthsOnDay(dayOf('2025-01-15'), 12, 15))).toBe('2026-01-15');
    expect(() => dayOf('2025-02-30')).toThrow();
  });
});
