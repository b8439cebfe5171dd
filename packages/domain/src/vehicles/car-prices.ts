import { DomainError } from '../shared/domain-error.ts';

/** One row of the Kelley Blue Book 2005 used-GM-car set (../shared/data/car_prices.csv). */
export interface CarPriceRow {
  /** US dollars (the set's own unit). */
  price: number;
  /** Miles on the odometer (the set's own unit). */
  mileageMiles: number;
  cylinder: number;
  doors: number;
  cruise: boolean;
  sound: boolean;
  leather: boolean;
  make: CarPriceMake;
  body: CarPriceBody;
}

export const carPriceMakes = ['Buick', 'Cadillac', 'Chevy', 'Pontiac', 'Saab', 'Saturn'] as const;
export type CarPriceMake = (typeof carPriceMakes)[number];
export const carPriceBodies = ['convertible', 'coupe', 'hatchback', 'sedan', 'wagon'] as const;
export type CarPriceBody = (typeof carPriceBodies)[number];

const HEADER = ['Price', 'Mileage', 'Cylinder', 'Doors', 'Cruise', 'Sound', 'Leather', ...carPriceMakes, ...carPriceBodies];

function bad(line: number, message: string): never {
  throw new DomainError('VALUATION_INVALID_INPUT', `car prices line ${line}: ${message}`, [{ field: `line ${line}`, message }]);
}

/**
 * Parses the CSV text (the caller reads the file: the domain does no I/O). Make and body come
 * as one-hot columns; exactly one of each must be set.
 */
export function parseCarPricesCsv(text: string): CarPriceRow[] {
  const lines = text.split(/\r?\n/).filter((l) => l.trim() !== '');
  const header = (lines[0] ?? '').split(',').map((h) => h.trim().replace(/^"|"$/g, ''));
  if (header.join(',') !== HEADER.join(',')) {
    throw new DomainError('VALUATION_INVALID_INPUT', `car prices header must be ${HEADER.join(',')}`, [{ field: 'header', message: `expected ${HEADER.join(',')}` }]);
  }
  return lines.slice(1).map((line, k) => {
    const lineNo = k + 2;
    const cells = line.split(',').map((c) => Number(c.trim()));
    if (cells.length !== HEADER.length || cells.some((c) => !Number.isFinite(c))) bad(lineNo, `expected ${HEADER.length} numbers`);
    const [price, mileage, cylinder, doors, cruise, sound, leather] = cells as [number, number, number, number, number, number, number];
    const makeFlags = cells.slice(7, 7 + carPriceMakes.length);
    const bodyFlags = cells.slice(7 + carPriceMakes.length);
    if (makeFlags.filter((f) => f === 1).length !== 1) bad(lineNo, 'exactly one make column must be 1');
    if (bodyFlags.filter((f) => f === 1).length !== 1) bad(lineNo, 'exactly one body column must be 1');
    if (price <= 0) bad(lineNo, 'price must be positive');
    if (mileage < 0) bad(lineNo, 'mileage must not be negative');
    return {
      price,
      mileageMiles: mileage,
      cylinder,
      doors,
      cruise: cruise === 1,
      sound: sound === 1,
      leather: leather === 1,
      make: carPriceMakes[makeFlags.indexOf(1)]!,
      body: carPriceBodies[bodyFlags.indexOf(1)]!,
    };
  });
}
