import { createDatabase, migrate, type Database } from '@autofin/db';

/**
 * The database a benchmark runs on, migrated: PGlite in `dataDir` (memory:// unless
 * BENCH_PGLITE_DIR names a directory, as `npm start` keeps its data), or the PostgreSQL that
 * DATABASE_URL names. A throw-away schema would need its own database, so a PostgreSQL database
 * that already holds the platform's tables is refused rather than written into.
 */
export async function migratedBenchDatabase(dataDir = process.env.BENCH_PGLITE_DIR ?? 'memory://'): Promise<Database> {
  const database = await createDatabase({ url: process.env.DATABASE_URL, dataDir });
  if (process.env.DATABASE_URL) {
    const rows = await database.query<{ n: number }>(`SELECT count(*)::int AS n FROM information_schema.tables WHERE table_name = 'product_versions'`);
    if (rows[0]!.n > 0) throw new Error('DATABASE_URL must point at an empty database');
  }
  await migrate(database);
  return database;
}
