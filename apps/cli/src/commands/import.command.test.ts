import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, expect, it } from 'vitest';
import { createDatabase } from '@autofin/db';

// `autofin import events|customers`, run as users run it, against an embedded database in a temp
// directory: good batches are written, a batch with a bad line is reported and NOT written.
const bin = fileURLToPath(new URL('../../bin/autofin.js', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'autofin-import-test-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const env = { ...process.env, AUTOFIN_DATA_DIR: join(dir, 'data'), AUTOFIN_MASTER_KEY: '74657374206b6579206f66206175746f66696e202d206e6f7420612073656372', DATABASE_URL: '' };

function run(args: string[]): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bin, ...args], { stdio: ['ignore', 'pipe', 'pipe'], env });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

it('imports events in all-or-nothing batches and reports bad lines by line, field and reason', async () => {
  const file = join(dir, 'events.ndjson');
  const at = '2026-11-20T10:00:00+08:00';
  writeFileSync(
    file,
    [
      { type: 'page_view', occurredAt: at, channel: 'web', identifiers: { cookie: 'c1' }, payload: { url: 'https://example.com/a' } },
      { type: 'calculator_used', occurredAt: at, channel: 'web', identifiers: { cookie: 'c1' }, payload: { price_yuan: 180000, term: 36 } },
      // batch 2: line 3 is bad, so line 4 is not written either
      { type: 'repayment', occurredAt: at, channel: 'app', identifiers: { cookie: 'c2' }, payload: { amount: '12' } },
      { type: 'page_view', occurredAt: at, channel: 'web', identifiers: { cookie: 'c3' }, payload: { url: 'https://example.com/c' } },
    ]
      .map((e) => JSON.stringify(e))
      .join('\n')
      .concat('\nnot json\n'),
  );
  const r = await run(['import', 'events', file, '--batch', '2']);
  expect(r.status).toBe(2);
  expect(r.stdout).toContain('2 events written');
  expect(r.stdout).toContain('3,payload.amount,');
  expect(r.stdout).toContain('5,(line),"is not valid JSON"');
  const db = await createDatabase({ dataDir: join(dir, 'data', 'pgdata') });
  const rows = await db.query<{ type: string }>(`SELECT type FROM customer_events ORDER BY occurred_at, type`);
  expect(rows.map((x) => x.type).sort()).toEqual(['calculator_used', 'page_view']);
  const traits = await db.query<{ lifecycle_stage: string }>(`SELECT lifecycle_stage FROM customer_traits`);
  expect(traits).toHaveLength(1); // the one anonymous profile of cookie c1, refreshed after the load
  await db.close();
}, 120_000);
