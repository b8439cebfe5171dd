export * from './parse-strategy.ts';
export * from './default-strategy.ts';
