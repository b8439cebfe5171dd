export * from './database.ts';
export * from './migrate.ts';
export * as schema from './schema/index.ts';
// Query helpers re-exported so that no other package depends on drizzle-orm directly.
export { sql, eq, ne, and, or, not, gt, gte, lt, lte, inArray, isNull, isNotNull, desc, asc, ilike, count } from 'drizzle-orm';
export type { SQL } from 'drizzle-orm';
export * from './test-database.ts';
export * from './bulk-insert.ts';
