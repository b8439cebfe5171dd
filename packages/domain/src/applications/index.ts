export * from './age.ts';
export * from './resident-id.ts';
export * from './social-credit-code.ts';
export * from './phone.ts';
export * from './stipulations.ts';
export * from './lifecycle.ts';
