import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { createDatabase, type Database } from './database.ts';
import { migrate } from './migrate.ts';

export interface TestDatabase extends Database {
  /** Closes the connection and, on PostgreSQL, drops the throw-away database. */
  destroy(): Promise<void>;
}

/**
 * A fresh, migrated database for one test file: in-memory PGlite by default, or a new database
 * on the PostgreSQL server named by TEST_DATABASE_URL (CI), so test files never share state.
 */
export async function createTestDatabase(env: Record<string, string | undefined> = process.env): Promise<TestDatabase> {
  const serverUrl = env.TEST_DATABASE_URL;
  if (!serverUrl) {
    const database = await createDatabase({ dataDir: 'memory://' });
    await migrate(database);
    return Object.assign(database, { destroy: () => database.close() });
  }
  const name = `autofin_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const database = await createDatabase({ url: url.toString(), poolSize: 4 });
  await migrate(database);
  return Object.assign(database, {
    async destroy() {
      await database.close();
      // Autovacuum may still hold the fresh database for a moment: retry, and never fail a test over clean-up.
      for (let attempt = 1; attempt <= 5; attempt += 1) {
        const c = new pg.Client({ connectionString: serverUrl });
        try {
          await c.connect();
          await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
          return;
        } catch {
          await new Promise((resolve) => setTimeout(resolve, 200 * attempt));
        } finally {
          await c.end().catch(() => undefined);
        }
      }
    },
  });
}
