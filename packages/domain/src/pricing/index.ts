export * from './expected-loss.ts';
export * from './validate-grid.ts';
export * from './price-rate.ts';
export * from './preview-grid.ts';
export * from './default-grid.ts';
