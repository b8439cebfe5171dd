export * from './decision-context.ts';
export * from './price-request.ts';
export * from './measure-application.ts';
export * from './characteristics.ts';
