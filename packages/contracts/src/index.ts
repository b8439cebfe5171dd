export * from './errors.ts';
export * from './problem.ts';
export * from './common.ts';
export * from './auth.ts';
export * from './audit.ts';
export * from './overview.ts';
export * from './finance.ts';
