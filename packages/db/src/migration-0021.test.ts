import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import type { PgliteDatabase } from 'drizzle-orm/pglite';
import { createDatabase, type Database, type Schema } from './database.ts';
import { migrate, migrationsFolder } from './migrate.ts';

/**
 * Migration 0021 moves a campaign's holdout from campaign_audience into the outbox (ADR 0016). A
 * database that ran an earlier launch must come out with exactly one outbox row per audience member:
 * the treated ones' messages untouched, the holdout's as status 'holdout' with the arm and the time
 * they were assigned.
 */
describe('migration 0021: the holdout moves into the outbox', () => {
  const dir = mkdtempSync(join(tmpdir(), 'autofin-mig-'));
  let database: Database | undefined;
  afterAll(async () => {
    await database?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('keeps every audience member once, holdout as holdout, and drops campaign_audience', async () => {
    // The migrations up to 0020 only: a copy of the folder with the journal cut there.
    cpSync(migrationsFolder, dir, { recursive: true });
    const journal = JSON.parse(readFileSync(join(dir, 'meta/_journal.json'), 'utf8')) as { entries: Array<{ idx: number; tag: string }> };
    journal.entries = journal.entries.filter((e) => e.idx <= 20);
    expect(journal.entries.at(-1)?.tag).toBe('0020_campaigns_drop_cost_fen');
    writeFileSync(join(dir, 'meta/_journal.json'), JSON.stringify(journal));
    database = await createDatabase({ dataDir: 'memory://' });
    await migratePglite(database.db as unknown as PgliteDatabase<Schema>, { migrationsFolder: dir });

    const [c] = await database.query<{ id: string }>(
      `INSERT INTO campaigns (name, status, definition, channel, purpose, schedule_type, policy_version, launched_at)
       VALUES ('旧活动', 'running', '{}'::jsonb, 'sms', 'marketing', 'now', 3, '2026-11-20T02:00:00Z') RETURNING id`,
    );
    const ids = ['a', 'b', 'c', 'd'].map((x) => `00000000-0000-4000-8000-00000000000${x}`);
    // a, b held out; c queued, d suppressed (both have their message row already).
    await database.query(
      `INSERT INTO campaign_audience (campaign_id, customer_id, arm, assigned_at) VALUES
         ($1, $2, 'holdout', '2026-11-20T02:00:00Z'), ($1, $3, 'holdout', '2026-11-20T02:00:00Z'),
         ($1, $4, 'a', '2026-11-20T02:00:00Z'), ($1, $5, 'a', '2026-11-20T02:00:00Z')`,
      [c!.id, ...ids],
    );
    await database.query(
      `INSERT INTO campaign_messages (campaign_id, customer_id, arm, channel, purpose, status, reason, not_before, policy_version, created_at) VALUES
         ($1, $2, 'a', 'sms', 'marketing', 'queued', NULL, '2026-11-20T02:00:00Z', 3, '2026-11-20T02:00:01Z'),
         ($1, $3, 'a', 'sms', 'marketing', 'suppressed', 'no_consent', '2026-11-20T02:00:00Z', 3, '2026-11-20T02:00:01Z')`,
      [c!.id, ids[2], ids[3]],
    );

    await migrate(database);

    const rows = await database.query<{ customer_id: string; arm: string; status: string; reason: string | null; policy_version: number; created_at: Date | string }>(
      `SELECT customer_id, arm, status, reason, policy_version, created_at FROM campaign_messages WHERE campaign_id = $1 ORDER BY customer_id`,
      [c!.id],
    );
    expect(rows.map((r) => [r.customer_id, r.arm, r.status, r.reason, r.policy_version])).toEqual([
      [ids[0], 'holdout', 'holdout', null, 3],
      [ids[1], 'holdout', 'holdout', null, 3],
      [ids[2], 'a', 'queued', null, 3],
      [ids[3], 'a', 'suppressed', 'no_consent', 3],
    ]);
    expect(new Date(rows[0]!.created_at).toISOString()).toBe('2026-11-20T02:00:00.000Z');
    const [t] = await database.query<{ t: string | null }>(`SELECT to_regclass('campaign_audience')::text AS t`);
    expect(t!.t).toBeNull();
  });
});
