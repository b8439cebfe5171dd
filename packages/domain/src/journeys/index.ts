export * from './journey-step-machine.ts';
export * from './journey-reentry.ts';
export * from './loan-milestone.ts';
export * from './journey-templates.ts';
