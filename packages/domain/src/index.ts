export * from './shared/index.ts';
export * from './finance/index.ts';
export * from './pricing/index.ts';
export * from './vehicles/index.ts';
export * from './decisioning/index.ts';
export * from './compliance/index.ts';
