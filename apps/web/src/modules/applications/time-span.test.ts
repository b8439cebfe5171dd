import { describe, expect, it } from 'vitest';
import { formatSpan } from './time-span.ts';

const min = 60_000;
describe('formatSpan', () => {
  it.each([
    [0, '0分', '0 min'],
    [59_999, '0分', '0 min'], // under a minute rounds down: the timer never promises time that is not there
    [5 * min, '5分', '5 min'],
    [4 * 60 * min, '4小时00分', '4 h 0 min'],
    [(3 * 60 + 59) * min + 59_000, '3小时59分', '3 h 59 min'],
    [-(90 * min), '1小时30分', '1 h 30 min'], // overdue: the caller adds "overdue by"
    [(26 * 60 + 7) * min, '1天2小时07分', '1 d 2 h 7 min'],
  ])('%i ms → %s / %s', (ms, zh, en) => {
    expect(formatSpan(ms, true)).toBe(zh);
    expect(formatSpan(ms, false)).toBe(en);
  });
});
