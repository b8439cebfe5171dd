// The console's create body, built from what the form holds: pure (no React), so it is unit-tested.
// Money goes from the typed text to the request without a binary float.
import type { ApplicationCreateBody, ApplicationType, EmploymentType, HousingType, QuoteVehicleCategory } from '@autofin/contracts';
import { residentIdCheckChar } from '@autofin/domain/applications/resident-id';
import { normaliseAmount } from '../quotes/money.ts';

export const coApplicantRelations = ['spouse', 'parent', 'child', 'sibling', 'other'] as const;

export interface PersonValues {
  name?: string;
  idNumber?: string;
  phone?: string;
  monthlyIncome?: string;
  employment?: EmploymentType;
  housing?: HousingType;
  monthlyDebtPayments?: string;
  yearsEmployed?: number;
  employer?: string;
  address?: { province?: string; city?: string };
  relation?: (typeof coApplicantRelations)[number];
}

export interface ApplicationFormValues {
  type: ApplicationType;
  applicant: PersonValues;
  coApplicant?: PersonValues;
  company?: { name?: string; creditCode?: string; yearsInBusiness?: number; annualRevenue?: string; monthlyNetProfit?: string; industry?: string };
  vehicle: { category: QuoteVehicleCategory; make?: string; model?: string; price?: string; listPrice?: string; ageMonths?: number; mileageKm?: number; vin?: string };
  deal: { downPayment?: string; term?: number; productCode?: string };
  consents: { creditCheck: boolean; dataSharing: boolean };
  dealerId?: string;
  channel: 'direct' | 'dealer' | 'online' | 'partner';
}

export const initialValues: ApplicationFormValues = {
  type: 'individual',
  applicant: { employment: 'salaried' },
  vehicle: { category: 'new-nev' },
  deal: { term: 36 },
  consents: { creditCheck: false, dataSharing: false },
  channel: 'dealer',
};

const text = (v: string | undefined) => (v && v.trim() ? v.trim() : undefined);
// A money field the user left unparseable is sent as typed: the server names the field.
const money = (v: string | undefined) => (v && v.trim() ? (normaliseAmount(v) ?? v.trim()) : undefined);

function toPerson(p: PersonValues | undefined, co: boolean) {
  const address = p?.address && (text(p.address.province) || text(p.address.city)) ? { province: p.address.province?.trim() ?? '', city: p.address.city?.trim() ?? '' } : undefined;
  return {
    name: p?.name?.trim() ?? '',
    idNumber: p?.idNumber?.trim().toUpperCase() ?? '',
    phone: p?.phone?.trim() ?? '',
    monthlyIncome: money(p?.monthlyIncome) ?? '',
    employment: p?.employment ?? 'other',
    housing: p?.housing,
    monthlyDebtPayments: money(p?.monthlyDebtPayments),
    yearsEmployed: p?.yearsEmployed ?? undefined,
    employer: text(p?.employer),
    address,
    ...(co ? { relation: p?.relation } : {}),
  };
}

/** The create body, built from the form; money goes from the typed text to the request without a float. */
export function toCreateBody(v: ApplicationFormValues): ApplicationCreateBody {
  const used = v.vehicle.category === 'used';
  return {
    type: v.type,
    applicant: toPerson(v.applicant, false),
    coApplicant: v.type === 'joint' ? toPerson(v.coApplicant, true) : undefined,
    company:
      v.type === 'corporate'
        ? {
            name: v.company?.name?.trim() ?? '',
            creditCode: v.company?.creditCode?.trim().toUpperCase() ?? '',
            yearsInBusiness: v.company?.yearsInBusiness ?? undefined,
            annualRevenue: money(v.company?.annualRevenue),
            monthlyNetProfit: money(v.company?.monthlyNetProfit),
            industry: text(v.company?.industry),
          }
        : undefined,
    vehicle: {
      category: v.vehicle.category,
      make: text(v.vehicle.make),
      model: text(v.vehicle.model),
      price: money(v.vehicle.price) ?? '',
      listPrice: used ? money(v.vehicle.listPrice) : undefined,
      ageMonths: used ? (v.vehicle.ageMonths ?? undefined) : undefined,
      mileageKm: used ? (v.vehicle.mileageKm ?? undefined) : undefined,
      vin: text(v.vehicle.vin)?.toUpperCase(),
    },
    deal: { downPayment: money(v.deal.downPayment) ?? '', term: v.deal.term ?? 0, productCode: text(v.deal.productCode) },
    consents: { creditCheck: v.consents.creditCheck, dataSharing: v.consents.dataSharing },
    dealerId: text(v.dealerId),
    channel: v.channel,
  };
}

/** A test identity that passes GB 11643 (region 110105, born 1986), with a phone to match: 演示数据. */
export function demoIdentity(random: () => number = Math.random): { idNumber: string; phone: string } {
  const day = String(1 + Math.floor(random() * 28)).padStart(2, '0');
  const month = String(1 + Math.floor(random() * 12)).padStart(2, '0');
  const seq = String(Math.floor(random() * 1000)).padStart(3, '0');
  const body = `1101051986${month}${day}${seq}`;
  const phone = `139${String(Math.floor(random() * 1e8)).padStart(8, '0')}`;
  return { idNumber: body + residentIdCheckChar(body), phone };
}

