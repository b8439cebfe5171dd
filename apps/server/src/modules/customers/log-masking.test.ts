import { describe, expect, it } from 'vitest';
import { maskPersonalDataInText } from './log-masking.ts';

describe('maskPersonalDataInText', () => {
  it('masks mobiles and ID numbers in URLs, leaves other digits (uuids, amounts, timestamps) alone', () => {
    expect(maskPersonalDataInText('/api/customers?q=13812345678&limit=50')).toBe('/api/customers?q=138****5678&limit=50');
    expect(maskPersonalDataInText('id=11010519880412301X')).toBe('id=110105********301X');
    expect(maskPersonalDataInText('/api/customers/01352902-0c01-4000-8000-000000000000')).toBe('/api/customers/01352902-0c01-4000-8000-000000000000');
    expect(maskPersonalDataInText('amount=123456789012')).toBe('amount=123456789012'); // 12 digits: neither
  });
});
