export * from './scorecard/index.ts';
