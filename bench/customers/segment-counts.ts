/**
 * Segment counts on an existing market (issue 7 §8, "a segment count in under 1 s"), nothing else:
 *
 *   BENCH_DB=autofin_bench_customers_1m npx tsx bench/customers/segment-counts.ts [runs=3] [--explain] [--all]
 *
 * --all adds the other rules of typical-rules.ts (fleet, "≥ 3 ad clicks in 365 d OR high income", "≥ 2 ad clicks in 365 d
 * AND no application in 7 d": seconds each, and "≥ 2 quote views in 30 d AND no application in 7 d").
 * Times `previewRule` (count + a 10-row sample in its transaction: what POST /api/segments/preview times) for three typical
 * rules, median of `runs`, and prints the load average with each. --explain prints EXPLAIN (ANALYZE,
 * BUFFERS) of each rule's statement instead. Runs no migration: the database must be current.
 */
import { loadavg } from 'node:os';
import { createDatabase } from '@autofin/db';
import type { RuleGroup } from '@autofin/contracts';
import { previewRule } from '../../apps/server/src/modules/segments/membership.repository.ts';
import { matchingProfiles } from '../../apps/server/src/modules/segments/segment-sql.ts';
import { estimateWindows } from '../../apps/server/src/modules/segments/window-estimates.ts';
import { runnerOf } from '../../apps/server/src/modules/customers/sql-runner.ts';
import { AD_CLICKS_NO_APPLICATION_RULE, AD_CLICKS_OR_INCOME_RULE, ATTRIBUTES_RULE, FLEET_RULE, ISSUE_RULE, PRICE_SENSITIVE_RULE, QUOTES_NO_APPLICATION_RULE } from './typical-rules.ts';

const serverUrl = process.env.BENCH_PG_URL ?? 'postgres://autofin:autofin@127.0.0.1:5432/autofin';
const dbName = process.env.BENCH_DB ?? 'autofin_bench_customers_1m';
if (!/^[a-z0-9_]+$/.test(dbName)) throw new Error(`database name ${dbName}: use a-z, 0-9 and _`);
const runs = Number(process.argv.find((a) => /^\d+$/.test(a)) ?? 3);
const explain = process.argv.includes('--explain');
const only = process.argv.find((a) => a.startsWith('--rule='))?.slice(7);

export const RULES: Array<[string, RuleGroup]> = [ISSUE_RULE, ATTRIBUTES_RULE, PRICE_SENSITIVE_RULE, ...(process.argv.includes('--all') ? [FLEET_RULE, AD_CLICKS_OR_INCOME_RULE, AD_CLICKS_NO_APPLICATION_RULE, QUOTES_NO_APPLICATION_RULE] : [])];

const url = new URL(serverUrl);
url.pathname = `/${dbName}`;
const database = await createDatabase({ url: url.toString(), poolSize: 1 });
const load = () => loadavg().map((x) => x.toFixed(2)).join(' / ');
process.stdout.write(`${new Date().toISOString()} ${dbName}, load ${load()}\n`);
for (const [i, [name, rule]] of RULES.entries()) {
  if (only !== undefined && Number(only) !== i + 1) continue;
  if (explain) {
    // the form countRule would choose now (the planner's estimates of the rule's driver windows; ADR 0021)
    const now = new Date();
    const { sql: matching, params } = matchingProfiles(rule, await estimateWindows(runnerOf(database.db), rule, now));
    const sql = `SELECT m.id, count(*) OVER () AS n FROM (${matching}) m ORDER BY m.created_at DESC, m.id LIMIT 10`;
    // the preview's settings (membership.repository.ts COUNT_SETTINGS), for this session
    await database.query(`SELECT set_config('jit', 'off', false), set_config('work_mem', '64MB', false)`);
    // --set=name=value: try another planner setting for this session (e.g. --set=max_parallel_workers_per_gather=0)
    for (const [k, v] of process.argv.filter((a) => a.startsWith('--set=')).map((a) => a.slice(6).split('='))) await database.query(`SELECT set_config($1, $2, false)`, [k, v]);
    const plan = await database.query<{ 'QUERY PLAN': string }>(`EXPLAIN (ANALYZE, BUFFERS) ${sql}`, [now.toISOString(), ...params]);
    process.stdout.write(`\n## ${name}\n${sql}\n${JSON.stringify(params)}\n${plan.map((r) => r['QUERY PLAN']).join('\n')}\n`);
    continue;
  }
  const times: number[] = [];
  let count = 0;
  for (let k = 0; k < runs; k++) {
    const t0 = performance.now();
    const r = await previewRule(database.db, rule, new Date(), 10);
    times.push(performance.now() - t0);
    count = r.count;
  }
  const sorted = [...times].sort((a, b) => a - b);
  process.stdout.write(`${name}: ${count.toLocaleString('en-US')} customers, median ${sorted[Math.floor(runs / 2)]!.toFixed(0)} ms (runs ${times.map((t) => t.toFixed(0)).join(', ')}), load ${load()}\n`);
}
await database.close();
