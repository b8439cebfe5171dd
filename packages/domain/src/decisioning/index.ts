export * from './scorecard/index.ts';
export * from './engine/index.ts';
export * from './strategy/index.ts';
export * from './what-if/index.ts';
