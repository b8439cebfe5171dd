export * from './replay-strategy.ts';
