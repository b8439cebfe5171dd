export * from './parse-strategy.ts';
export * from './default-strategy.ts';
export * from './calibrate-tier-cutoffs.ts';
