import { describe, expect, it } from 'vitest';
import { fill } from './fill.ts';

describe('fill', () => {
  it('replaces known keys and leaves template tokens with a fallback untouched', () => {
    expect(fill('截至 {{time}}：{{name|您好}}', { time: '10:00' })).toBe('截至 10:00：{{name|您好}}');
  });

  it('leaves an unknown key as written rather than blanking it', () => {
    expect(fill('{{a}} and {{b}}', { a: 1 })).toBe('1 and {{b}}');
  });
});
