import { describe, expect, it } from 'vitest';
import { demoIdentity, initialValues, toCreateBody, type ApplicationFormValues } from './application-body.ts';

// GB 11643-1999 check character, written out here from the standard (weights 2^(17-i) mod 11,
// remainders 0..10 → 1 0 X 9 8 7 6 5 4 3 2) so the test does not trust the code under test.
function checkChar(body17: string): string {
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...body17].reduce((s, d, i) => s + Number(d) * weights[i]!, 0);
  return '10X98765432'[sum % 11]!;
}

describe('demoIdentity', () => {
  it("the test's own check-character oracle reproduces the standard's example 11010519491231002X", () => {
    expect(checkChar('11010519491231002')).toBe('X'); // the standard's own example
  });

  it('gives ID numbers whose check digit and birth date are valid, and 11-digit mobiles', () => {
    let seed = 7;
    const random = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
    for (let i = 0; i < 200; i++) {
      const { idNumber, phone } = demoIdentity(random);
      expect(idNumber).toMatch(/^1101051986(0[1-9]|1[0-2])(0[1-9]|1\d|2[0-8])\d{3}[\dX]$/);
      expect(idNumber.at(-1)).toBe(checkChar(idNumber.slice(0, 17)));
      expect(phone).toMatch(/^139\d{8}$/);
    }
  });
});

describe('toCreateBody', () => {
  const filled: ApplicationFormValues = {
    ...initialValues,
    applicant: { name: ' 王演示 ', idNumber: '11010519860315123x', phone: '13900001111', monthlyIncome: '30000', employment: 'salaried', address: { province: '北京市', city: '' } },
    coApplicant: { name: '李演示', idNumber: '110105198603151350', phone: '13900002222', monthlyIncome: '1', employment: 'salaried' },
    vehicle: { category: 'new-nev', make: 'BYD', model: ' ', price: '200000.5', listPrice: '250000', ageMonths: 12 },
    deal: { downPayment: '60000', term: 36, productCode: '' },
    consents: { creditCheck: true, dataSharing: false },
  };

  it('sends money with exactly two places, trims text, upper-cases the X and drops empty optional fields', () => {
    const body = toCreateBody(filled);
    expect(body.applicant).toEqual({
      name: '王演示',
      idNumber: '11010519860315123X',
      phone: '13900001111',
      monthlyIncome: '30000.00',
      employment: 'salaried',
      housing: undefined,
      monthlyDebtPayments: undefined,
      yearsEmployed: undefined,
      employer: undefined,
      address: { province: '北京市', city: '' },
    });
    expect(body.vehicle).toEqual({ category: 'new-nev', make: 'BYD', model: undefined, price: '200000.50', listPrice: undefined, ageMonths: undefined, mileageKm: undefined, vin: undefined });
    expect(body.deal).toEqual({ downPayment: '60000.00', term: 36, productCode: undefined });
  });

  it('sends the co-applicant only on a joint application and the company only on a corporate one', () => {
    expect(toCreateBody(filled).coApplicant).toBeUndefined();
    expect(toCreateBody({ ...filled, type: 'joint' }).coApplicant).toMatchObject({ name: '李演示', monthlyIncome: '1.00' });
    const corporate = toCreateBody({ ...filled, type: 'corporate', company: { name: '演示公司', creditCode: '91350100m000100y43', monthlyNetProfit: '40000' } });
    expect(corporate.company).toMatchObject({ name: '演示公司', creditCode: '91350100M000100Y43', monthlyNetProfit: '40000.00' });
    expect(corporate.coApplicant).toBeUndefined();
  });

  it('keeps the used-car fields for a used car and passes an unparseable amount through for the server to name', () => {
    const used = toCreateBody({ ...filled, vehicle: { ...filled.vehicle, category: 'used', mileageKm: 30000 }, deal: { ...filled.deal, downPayment: '6万' } });
    expect(used.vehicle).toMatchObject({ category: 'used', listPrice: '250000.00', ageMonths: 12, mileageKm: 30000 });
    expect(used.deal.downPayment).toBe('6万');
  });
});
