import { describe, expect, it } from 'vitest';
import { checkSocialCreditCode, socialCreditCheckChar } from './social-credit-code.ts';
import { checkCnMobile, normaliseCnMobile } from './phone.ts';

describe('unified social credit code (GB 32100-2015, mod 31)', () => {
  it('computes the check character of 91350100M000100Y4· by hand: 3', () => {
    // values  9 1 3  5  0  1  0  0 M=21  0  0  0 1  0  0 Y=30  4
    // weights 1 3 9 27 19 26 16 17   20 29 25 13 8 24 10   30 28
    // 9+3+27+135+0+26+0+0+420+0+0+0+8+0+0+900+112 = 1640; 1640 mod 31 = 28; 31 − 28 = 3
    expect(socialCreditCheckChar('91350100M000100Y4')).toBe('3');
    expect(checkSocialCreditCode('91350100M000100Y43')).toEqual([]);
  });

  it('accepts a published company code (Huawei Technologies, 914403001922038216)', () => {
    // 9+3+36+108+0+78+0+0+20+261+50+26+0+72+80+60+28 = 831; 831 mod 31 = 25; 31 − 25 = 6
    expect(checkSocialCreditCode('914403001922038216')).toEqual([]);
  });

  it('rejects a wrong check character, letters outside the alphabet and the wrong length', () => {
    expect(checkSocialCreditCode('914403001922038217', 'company.creditCode')).toEqual([{ field: 'company.creditCode', message: 'check character is 7, but the first 17 give 6' }]);
    expect(checkSocialCreditCode('91440300192203821I')).toHaveLength(1);
    expect(checkSocialCreditCode('9144030019220382')).toHaveLength(1);
  });
});

describe('CN mobile numbers', () => {
  it('accepts 11 digits starting 13–19, with +86 and separators', () => {
    expect(normaliseCnMobile('13812345678')).toBe('13812345678');
    expect(normaliseCnMobile('+86 138-1234-5678')).toBe('13812345678');
    expect(checkCnMobile('19912345678')).toEqual([]);
  });
  it('rejects landlines, 12-digit and 12x numbers', () => {
    expect(normaliseCnMobile('12812345678')).toBeNull();
    expect(normaliseCnMobile('010-12345678')).toBeNull();
    expect(checkCnMobile('138123456789', 'applicant.phone')).toEqual([{ field: 'applicant.phone', message: 'must be a mainland mobile number: 11 digits starting 13–19' }]);
  });
});
