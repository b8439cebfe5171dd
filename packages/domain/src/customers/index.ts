export * from './identity-resolution.ts';
export * from './traits.ts';
export * from './churn-model.ts';
export * from './consent.ts';
