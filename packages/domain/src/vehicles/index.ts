export * from './least-squares.ts';
export * from './car-prices.ts';
export * from './fit-valuation-model.ts';
export * from './value-vehicle.ts';
export * from './valuation-model.ts';
