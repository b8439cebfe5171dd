export * from './match-promotion.ts';
