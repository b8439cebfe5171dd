import { describe, expect, it } from 'vitest';
import { RateLimiter } from './rate-limiter.ts';
import { requestHash } from './idempotency.repository.ts';

describe('RateLimiter', () => {
  it('allows `limit` requests per key in a clock minute, then says when the minute ends', () => {
    const r = new RateLimiter();
    const t0 = Date.UTC(2026, 10, 22, 10, 0, 15); // 15 s into the minute: 45 s left
    const seen = [1, 2, 3, 4].map(() => r.hit('k1', 3, t0));
    expect(seen.map((d) => d.allowed)).toEqual([true, true, true, false]);
    expect(seen.map((d) => d.remaining)).toEqual([2, 1, 0, 0]);
    expect(seen[3]!.resetSeconds).toBe(45);
    // Another key has its own count; the next minute starts afresh.
    expect(r.hit('k2', 3, t0).allowed).toBe(true);
    expect(r.hit('k1', 3, Date.UTC(2026, 10, 22, 10, 1, 0)).remaining).toBe(2);
  });
});

describe('requestHash', () => {
  it('is the same for the same JSON whatever the key order, and differs for another value', () => {
    expect(requestHash({ a: 1, b: { c: [1, 2], d: 'x' } })).toBe(requestHash({ b: { d: 'x', c: [1, 2] }, a: 1 }));
    expect(requestHash({ a: 1, b: { c: [2, 1] } })).not.toBe(requestHash({ a: 1, b: { c: [1, 2] } }));
    expect(requestHash({ term: 36 })).not.toBe(requestHash({ term: '36' }));
  });
});
