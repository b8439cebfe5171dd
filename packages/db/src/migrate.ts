import { fileURLToPath } from 'node:url';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import type { PgliteDatabase } from 'drizzle-orm/pglite';
import type { NodePgDatabase } from 'drizzle-orm/node-postgres';
import type { Database, Schema } from './database.ts';

export const migrationsFolder = fileURLToPath(new URL('../migrations', import.meta.url));
const MIGRATION_LOCK = 7_236_001;

/**
 * Applies every migration not yet applied (drizzle's journal in the `drizzle` schema), so it is
 * safe to call at every start. On PostgreSQL an advisory lock lets many instances start at once.
 */
export async function migrate(database: Database): Promise<void> {
  await database.withLock(MIGRATION_LOCK, async () => {
    if (database.kind === 'pglite') {
      await migratePglite(database.db as unknown as PgliteDatabase<Schema>, { migrationsFolder });
    } else {
      await migratePg(database.db as unknown as NodePgDatabase<Schema>, { migrationsFolder });
    }
  });
}
