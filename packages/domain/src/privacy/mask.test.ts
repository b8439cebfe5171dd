import { describe, expect, it } from 'vitest';
import { maskAddressLine, maskEmail, maskIdNumber, maskName, maskPhone } from './mask.ts';

// Expectations are the display forms written out by hand from the brief and DESIGN.md rule 8
// (张*, 138****5678, 110105********002X), not outputs of the functions.
describe('maskName', () => {
  it.each([
    ['张三', '张*'],
    ['张三丰', '张**'],
    ['欧阳娜娜', '欧***'],
    ['李', '李'],
    ['  王五 ', '王*'],
    ['John Smith', 'J*** *****'],
    ['𠮷野家', '𠮷**'],
    ['', ''],
  ])('%s → %s', (input, masked) => expect(maskName(input)).toBe(masked));
});

describe('maskPhone', () => {
  it.each([
    ['13812345678', '138****5678'],
    ['19900001111', '199****1111'],
    ['010-8888', '****8888'],
    ['123', '***'],
  ])('%s → %s', (input, masked) => expect(maskPhone(input)).toBe(masked));
});

describe('maskIdNumber', () => {
  it.each([
    // GB 11643's own example number
    ['11010519491231002X', '110105********002X'],
    ['11010519491231002x', '110105********002X'],
    ['440301199001011234', '440301********1234'],
    ['12345678', '****5678'],
  ])('%s → %s', (input, masked) => expect(maskIdNumber(input)).toBe(masked));

  it('never shows the birth date digits', () => {
    expect(maskIdNumber('11010519491231002X')).not.toContain('19491231');
  });
});

describe('maskEmail and maskAddressLine', () => {
  it('keeps the first character and the domain', () => {
    expect(maskEmail('zhang.san@example.com')).toBe('z***@example.com');
    expect(maskEmail('nobody')).toBe('n*****');
  });
  it('hides the street line whole', () => {
    expect(maskAddressLine('朝阳区建国路88号')).toBe('***');
    expect(maskAddressLine('  ')).toBe('');
  });
});
