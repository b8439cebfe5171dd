// Constants with no imports, so the CLI can show them in --help without loading the database stack.

/** The simulated "today" when the caller does not pass one: fixed, so a seed always gives the same market. */
export const DEFAULT_AS_OF = '2026-10-31';

/** Default dealer count: about 40 for 20,000 customers, never fewer than 8. */
export function defaultDealerCount(customers: number): number {
  return Math.max(8, Math.round(customers / 500));
}
