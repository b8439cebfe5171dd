export * from './auto-loan-rulebook.ts';
export * from './check-auto-loan.ts';
