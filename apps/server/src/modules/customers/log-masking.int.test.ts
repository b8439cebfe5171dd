import { Writable } from 'node:stream';
import { afterAll, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '@autofin/db';
import { buildApp } from '../../app.ts';
import { loadConfig } from '../../config.ts';
import { TEST_MASTER_KEY } from '../../../test/test-app.ts';

let database: TestDatabase | undefined;
afterAll(async () => database?.destroy());

it('the request log never carries a mobile or ID number from a URL', async () => {
  database = await createTestDatabase();
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _enc, done) {
      lines.push(String(chunk));
      done();
    },
  });
  const app = await buildApp({ config: loadConfig({ AUTOFIN_MASTER_KEY: TEST_MASTER_KEY }), database, logger: { level: 'info', stream } });
  await app.inject({ method: 'GET', url: '/api/customers?q=13912345678&id=11010519880412301X' });
  await app.close();
  const log = lines.join('');
  expect(log).toContain('/api/customers?q=139****5678');
  expect(log).not.toContain('13912345678');
  expect(log).not.toContain('11010519880412301X');
});
