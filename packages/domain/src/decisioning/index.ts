export * from './scorecard/index.ts';
export * from './engine/index.ts';
