export * from './builtin-segments.ts';
