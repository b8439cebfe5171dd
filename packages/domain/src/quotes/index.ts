export * from './disclosure.ts';
export * from './build-quote.ts';
