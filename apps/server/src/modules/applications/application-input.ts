import { MAX_VEHICLE_PRICE, MIN_VEHICLE_PRICE, type ApplicantInput, type DecisionApplicant, type DecisionInput, type FieldError, type ParsedApplicationCreateBody } from '@autofin/contracts';
import { ageOn, checkResidentId, checkSocialCreditCode, DomainError, parseMoney, type Fen, type SellableProduct } from '@autofin/domain';

/** A borrower must be of full civil capacity (民法典 art. 17–18: 18 years). */
export const MIN_APPLICANT_AGE = 18;

/** A person on the application after validation: the ID number normalised, what it encodes, money in fen. */
export interface ValidatedPerson {
  input: ApplicantInput & { relation?: string | undefined };
  idNumber: string;
  birthDate: string;
  gender: 'M' | 'F';
  age: number;
  incomeFen: Fen;
  debtFen: Fen;
}

export interface ValidatedApplication {
  body: ParsedApplicationCreateBody;
  applicant: ValidatedPerson;
  coApplicant: ValidatedPerson | null;
  priceFen: Fen;
  downPaymentFen: Fen;
  tradeInEquityFen: Fen;
  /** Price − down payment − trade-in equity. */
  requestedAmountFen: Fen;
}

function person(input: ApplicantInput, prefix: string, today: string, errors: FieldError[]): ValidatedPerson | null {
  const check = checkResidentId(input.idNumber, today, `${prefix}.idNumber`);
  if (!check.ok) {
    errors.push(...check.errors);
    return null;
  }
  const { birthDate, gender } = check.info;
  if (input.birthDate !== undefined && input.birthDate !== birthDate) {
    errors.push({ field: `${prefix}.birthDate`, message: `is ${input.birthDate}, but the ID number encodes ${birthDate}` });
  }
  const age = ageOn(birthDate, today);
  if (age < MIN_APPLICANT_AGE) {
    errors.push({ field: `${prefix}.idNumber`, message: `belongs to someone aged ${age} (born ${birthDate}): a borrower must be at least ${MIN_APPLICANT_AGE}` });
  }
  return {
    input,
    idNumber: input.idNumber.trim().toUpperCase(),
    birthDate,
    gender,
    age,
    incomeFen: parseMoney(input.monthlyIncome, `${prefix}.monthlyIncome`),
    debtFen: input.monthlyDebtPayments === undefined ? 0 : parseMoney(input.monthlyDebtPayments, `${prefix}.monthlyDebtPayments`),
  };
}

/**
 * Everything about a create body that the schema cannot say: the GB 11643 check digit and the
 * birth date the ID number encodes, the applicant's age, the company's GB 32100 check
 * character, the used-car fields, the down payment against the price, and that a requested
 * product exists. Every problem is collected and reported at once (APPLICATION_INVALID, 400,
 * each naming its field) so a dealer fixes the form in one round. The credit-check consent is
 * checked last and separately (APPLICATION_CONSENT_REQUIRED, 422): the body is well-formed, but
 * we may not decide it.
 */
export function validateApplication(body: ParsedApplicationCreateBody, today: string, products: readonly SellableProduct[]): ValidatedApplication {
  const errors: FieldError[] = [];
  const applicant = person(body.applicant, 'applicant', today, errors);
  const coApplicant = body.coApplicant ? person(body.coApplicant, 'coApplicant', today, errors) : null;
  if (applicant && coApplicant && applicant.idNumber === coApplicant.idNumber) {
    errors.push({ field: 'coApplicant.idNumber', message: 'is the applicant’s own ID number: a co-applicant is another person' });
  }
  if (body.company) errors.push(...checkSocialCreditCode(body.company.creditCode, 'company.creditCode'));

  const priceFen = parseMoney(body.vehicle.price, 'vehicle.price');
  if (priceFen < parseMoney(MIN_VEHICLE_PRICE) || priceFen > parseMoney(MAX_VEHICLE_PRICE)) {
    errors.push({ field: 'vehicle.price', message: `must be between ${MIN_VEHICLE_PRICE} and ${MAX_VEHICLE_PRICE} yuan` });
  }
  if (body.vehicle.category === 'used') {
    if (body.vehicle.ageMonths === undefined) errors.push({ field: 'vehicle.ageMonths', message: 'is required for a used car' });
    if (body.vehicle.listPrice === undefined) errors.push({ field: 'vehicle.listPrice', message: 'is required for a used car (with age and mileage it gives the valuation)' });
  }

  const downPaymentFen = parseMoney(body.deal.downPayment, 'deal.downPayment');
  const tradeIn = body.deal.tradeIn;
  // Negative equity (the old loan exceeds the car's value) is not rolled into the new loan: it counts as 0, as in the engine.
  const tradeInEquityFen = tradeIn ? Math.max(0, parseMoney(tradeIn.appraisedValue, 'deal.tradeIn.appraisedValue') - parseMoney(tradeIn.outstandingLoan, 'deal.tradeIn.outstandingLoan')) : 0;
  if (downPaymentFen + tradeInEquityFen > priceFen) {
    errors.push({
      field: 'deal.downPayment',
      message: tradeIn ? `with the trade-in equity it exceeds the vehicle price ${body.vehicle.price}: nothing would be financed` : `exceeds the vehicle price ${body.vehicle.price}: nothing would be financed`,
    });
  } else if (downPaymentFen + tradeInEquityFen === priceFen) {
    errors.push({ field: 'deal.downPayment', message: `equals the vehicle price ${body.vehicle.price}: nothing would be financed` });
  }

  const code = body.deal.productCode;
  if (code !== undefined && !products.some((p) => p.definition.code === code)) {
    errors.push({ field: 'deal.productCode', message: `no published product has the code ${code}` });
  }

  if (errors.length > 0 || !applicant) {
    throw new DomainError('APPLICATION_INVALID', errors.map((e) => `${e.field}: ${e.message}`).join('; '), errors);
  }
  if (!body.consents.creditCheck) {
    throw new DomainError(
      'APPLICATION_CONSENT_REQUIRED',
      'consents.creditCheck: the applicant has not authorised the credit-bureau query (征信查询授权). A credit decision needs it; a prequalification gives an indicative answer without one.',
      [{ field: 'consents.creditCheck', message: 'must be true: the applicant’s authorisation of the credit-bureau query is required before a credit decision' }],
    );
  }
  return { body, applicant, coApplicant, priceFen, downPaymentFen, tradeInEquityFen, requestedAmountFen: priceFen - downPaymentFen - tradeInEquityFen };
}

function decisionApplicant(p: ValidatedPerson, idNumberHash: string): DecisionApplicant {
  return {
    idNumber: p.idNumber,
    idNumberHash,
    birthDate: p.input.birthDate ?? p.birthDate,
    gender: null,
    phone: p.input.phone,
    employment: p.input.employment,
    yearsAtEmployer: p.input.yearsEmployed ?? null,
    monthlyIncomeFen: p.incomeFen,
    monthlyDebtPaymentsFen: p.debtFen,
    housing: p.input.housing ?? null,
  };
}

export interface DecisionKeys {
  applicationId: string;
  submittedAt: string;
  idNumberHash: string;
  coIdNumberHash: string | null;
  deviceHash: string | null;
}

/** The engine's view of a validated application (money in fen; the device only as its keyed hash). */
export function toDecisionInput(v: ValidatedApplication, keys: DecisionKeys): DecisionInput {
  const { body } = v;
  const money = (value: string | undefined, field: string): Fen | null => (value === undefined ? null : parseMoney(value, field));
  return {
    applicationId: keys.applicationId,
    submittedAt: keys.submittedAt,
    type: body.type,
    applicant: decisionApplicant(v.applicant, keys.idNumberHash),
    coApplicant: v.coApplicant && keys.coIdNumberHash ? decisionApplicant(v.coApplicant, keys.coIdNumberHash) : null,
    company: body.company
      ? {
          name: body.company.name,
          creditCode: body.company.creditCode.toUpperCase(),
          yearsInBusiness: body.company.yearsInBusiness ?? null,
          monthlyIncomeFen: money(body.company.monthlyNetProfit, 'company.monthlyNetProfit'),
        }
      : null,
    vehicle: {
      category: body.vehicle.category,
      make: body.vehicle.make ?? null,
      model: body.vehicle.model ?? null,
      fuel: body.vehicle.fuel ?? null,
      priceFen: v.priceFen,
      listPriceFen: money(body.vehicle.listPrice, 'vehicle.listPrice'),
      valuationFen: null,
      ageMonths: body.vehicle.ageMonths ?? 0,
      mileageKm: body.vehicle.mileageKm ?? 0,
    },
    deal: {
      downPaymentFen: v.downPaymentFen,
      tradeIn: body.deal.tradeIn
        ? { appraisedValueFen: parseMoney(body.deal.tradeIn.appraisedValue), outstandingLoanFen: parseMoney(body.deal.tradeIn.outstandingLoan) }
        : null,
      termMonths: body.deal.term,
      productCode: body.deal.productCode ?? null,
      method: body.deal.method ?? null,
    },
    dealerId: body.dealerId ?? null,
    channel: body.channel,
    consents: { creditCheck: body.consents.creditCheck },
    deviceId: keys.deviceHash,
  };
}
