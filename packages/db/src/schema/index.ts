export * from './auth.ts';
export * from './audit.ts';
export * from './system.ts';
