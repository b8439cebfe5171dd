import { describe, expect, it } from 'vitest';
import { Rng } from '@autofin/simulator/random';
import { residentIdNumber } from '@autofin/simulator/customer-generator';
import { checkResidentId, residentIdCheckChar } from './resident-id.ts';

const TODAY = '2026-11-22';

describe('residentIdCheckChar (GB 11643-1999, ISO 7064 MOD 11-2)', () => {
  it('gives X for the standard\u2019s example 11010519491231002X', () => {
    // digits   1 1  0 1 0 5 1 9 4 9 1 2  3 1 0 0 2
    // weights  7 9 10 5 8 4 2 1 6 3 7 9 10 5 8 4 2
    // products 7+9+0+5+0+20+2+9+24+27+7+18+30+5+0+0+4 = 167; 167 mod 11 = 2; "10X98765432"[2] = X
    expect(residentIdCheckChar('11010519491231002')).toBe('X');
  });

  it('gives 4 for the standard\u2019s second example 440524188001010014', () => {
    // 28+36+0+25+16+16+2+8+48+0+0+9+0+5+0+0+2 = 195; 195 mod 11 = 8; "10X98765432"[8] = 4
    expect(residentIdCheckChar('44052418800101001')).toBe('4');
  });

  it('gives 2 for a hand-computed number 11010519900515123·', () => {
    // 7+9+0+5+0+20+2+9+54+0+0+45+10+25+8+8+6 = 208; 208 mod 11 = 10; "10X98765432"[10] = 2
    expect(residentIdCheckChar('11010519900515123')).toBe('2');
  });
});

describe('checkResidentId', () => {
  it('accepts the standard\u2019s example and reads its birth date, region and gender', () => {
    const r = checkResidentId('11010519491231002X', TODAY);
    expect(r).toEqual({ ok: true, info: { regionCode: '110105', provinceCode: 11, birthDate: '1949-12-31', gender: 'F' } });
    // 17th digit 2 is even: a woman. A lower-case x is what people type.
    expect(checkResidentId('11010519491231002x', TODAY).ok).toBe(true);
    const man = checkResidentId('110105199005151232', TODAY);
    expect(man.ok && man.info.gender).toBe('M');
  });

  it('rejects a wrong check digit, naming the field and the expected character', () => {
    const r = checkResidentId('110105194912310021', TODAY, 'applicant.idNumber');
    expect(r.ok).toBe(false);
    expect(!r.ok && r.errors).toEqual([{ field: 'applicant.idNumber', message: 'check digit is 1, but the first 17 digits give X' }]);
  });

  it('rejects the wrong shape, an impossible or future birth date and an unknown province', () => {
    expect(checkResidentId('11010519491231002', TODAY).ok).toBe(false);
    expect(checkResidentId('1101051949123100AX', TODAY).ok).toBe(false);
    const feb30 = '1101051990023012' + '3';
    const r1 = checkResidentId(feb30 + residentIdCheckChar(feb30), TODAY);
    expect(!r1.ok && r1.errors[0]!.message).toMatch(/not a calendar date/);
    const future = '11010520270101123';
    const r2 = checkResidentId(future + residentIdCheckChar(future), TODAY);
    expect(!r2.ok && r2.errors[0]!.message).toMatch(/in the future/);
    const province99 = '99010519900515123';
    const r3 = checkResidentId(province99 + residentIdCheckChar(province99), TODAY);
    expect(!r3.ok && r3.errors[0]!.message).toMatch(/province code/);
  });

  it('accepts every ID number the simulator generates, with the birth date and gender it encoded', () => {
    const rng = new Rng(7, 99, 0);
    // Simulator days are days since 1970-01-01; 1960-01-01 is day −3653, 2005-12-31 day 13148.
    for (let k = 0; k < 500; k++) {
      const day = rng.int(-3653, 13148);
      const male = rng.chance(0.5);
      const province = rng.pick([11, 31, 44, 51, 65]);
      const id = residentIdNumber(province, day, male, rng);
      const r = checkResidentId(id, TODAY);
      expect(r.ok, id).toBe(true);
      if (r.ok) {
        expect(r.info.gender).toBe(male ? 'M' : 'F');
        expect(r.info.birthDate).toBe(new Date(day * 86_400_000).toISOString().slice(0, 10));
      }
    }
  });
});
