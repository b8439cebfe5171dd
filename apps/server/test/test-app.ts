import type { FastifyInstance, InjectOptions } from 'fastify';
import { createTestDatabase, type TestDatabase } from '@autofin/db';
import { buildApp } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import { ensureInitialUsers } from '../src/modules/auth/initial-users.ts';

/** The tests' AUTOFIN_MASTER_KEY (32 bytes, hex); raw-table tests decrypt with it independently. */
export const TEST_MASTER_KEY = '74657374206b6579206f66206175746f66696e202d206e6f7420612073656372';

export interface TestApp {
  app: FastifyInstance;
  database: TestDatabase;
  /** Signs in and returns the cookie header value for later requests. */
  login(email: string, password?: string): Promise<string>;
  close(): Promise<void>;
}

/** The real application on a fresh database, with the demo users, for `app.inject` tests. */
export async function createTestApp(env: Record<string, string | undefined> = {}): Promise<TestApp> {
  const database = await createTestDatabase();
  // A fixed personal-data key: tests never generate key files (the server does, into its data directory).
  const config = loadConfig({ AUTOFIN_BODY_LIMIT: '65536', AUTOFIN_MASTER_KEY: TEST_MASTER_KEY, ...env });
  await ensureInitialUsers(database, { adminEmail: config.adminEmail, adminPassword: config.adminPassword });
  const app = await buildApp({ config, database });
  return {
    app,
    database,
    async login(email, password = 'autofin-demo') {
      const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { email, password } });
      if (res.statusCode !== 200) throw new Error(`login as ${email} failed: ${res.statusCode} ${res.body}`);
      const cookie = res.cookies.find((c) => c.name === 'autofin_session');
      if (!cookie) throw new Error('no session cookie');
      return `autofin_session=${cookie.value}`;
    },
    async close() {
      await app.close();
      await database.destroy();
    },
  };
}

export type { InjectOptions };
