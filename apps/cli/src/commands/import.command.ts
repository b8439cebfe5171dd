import { createReadStream, statSync } from 'node:fs';
import { createInterface } from 'node:readline';
import type { Command } from 'commander';
import { CliError } from '../cli-error.ts';

// `autofin import events FILE.(ndjson|csv)` and `autofin import customers FILE.csv`: bulk loads through
// the same validation, identity resolution and storage as POST /api/events, in batches that are each
// all or nothing. Bad lines are reported as line, field, reason; their batch is not written, the
// others are. Progress goes to stderr, the report to stdout (and --report FILE as CSV).
//
// Events: each batch queues its touched profiles in customer_refresh_queue inside its own transaction
// (as POST /api/events does), so a crash never leaves written events with stale traits — in the bulk
// lane, which workers take in small batches after the live one, so live events keep moving segment
// memberships within seconds during a load (ADR 0020). Every running server's refresh worker takes
// them from there; with `--refresh live` the command runs one such worker itself while it loads, with
// `--refresh after` (the default) it refreshes only once the file is in (fastest load; segments move
// at the end). Either way the queue is drained before the command ends.

interface ImportOpts {
  batch?: string;
  report?: string;
  refresh?: string;
}

/** Profiles a refresh transaction of the command takes: small, so a loading batch that queues one of them waits little for its lock. */
const REFRESH_CHUNK = 1_000;

/** One problem found in the file, by 1-based line number (the header is line 1 in a CSV). */
export interface ImportIssue {
  line: number;
  field: string;
  reason: string;
}

const EVENT_CSV_IDENTIFIERS: Record<string, string> = {
  id_number: 'idNumber',
  phone: 'phone',
  wechat_openid: 'wechatOpenid',
  wechat_unionid: 'wechatUnionid',
  device_id: 'deviceId',
  email: 'email',
  dealer_crm_id: 'dealerCrmId',
  cookie: 'cookie',
};

/**
 * A CSV event row → the API's event shape. Columns: type, occurred_at, channel, customer_id, campaign,
 * partner_id, payload (JSON text), and any identifier column (id_number, phone, phone_verified,
 * wechat_openid, wechat_unionid, device_id, email, dealer_crm_id, cookie). Empty cells are absent.
 */
export function eventFromCsvRow(row: Record<string, string>): { event: unknown; issue?: { field: string; reason: string } } {
  const v = (k: string) => (row[k] === undefined || row[k] === '' ? undefined : row[k]);
  let payload: unknown = {};
  if (v('payload')) {
    try {
      payload = JSON.parse(row.payload!);
    } catch {
      return { event: null, issue: { field: 'payload', reason: 'is not valid JSON' } };
    }
  }
  const identifiers: Record<string, unknown> = {};
  for (const [col, key] of Object.entries(EVENT_CSV_IDENTIFIERS)) if (v(col)) identifiers[key] = v(col);
  if (v('phone_verified')) identifiers.phoneVerified = ['true', '1', 'yes'].includes(row.phone_verified!.toLowerCase());
  return {
    event: {
      type: v('type'),
      occurredAt: v('occurred_at'),
      channel: v('channel'),
      ...(v('customer_id') ? { customerId: v('customer_id') } : {}),
      ...(Object.keys(identifiers).length > 0 ? { identifiers } : {}),
      ...(v('campaign') ? { campaign: v('campaign') } : {}),
      ...(v('partner_id') ? { partnerId: v('partner_id') } : {}),
      payload,
    },
  };
}

/** Reads the file as records with their line numbers: NDJSON (one JSON object a line) or CSV with a header. */
async function* readRecords(file: string, onBytes: (n: number) => void): AsyncGenerator<{ line: number; value: unknown; issue?: { field: string; reason: string } }> {
  const csv = file.toLowerCase().endsWith('.csv');
  const { parse } = await import('csv-parse');
  if (csv) {
    const input = createReadStream(file);
    input.on('data', (chunk) => onBytes(chunk.length));
    const parser = input.pipe(parse({ columns: true, bom: true, skip_empty_lines: true, relax_column_count: true, info: true }));
    for await (const rec of parser as AsyncIterable<{ record: Record<string, string>; info: { lines: number } }>) {
      yield { line: rec.info.lines, value: rec.record };
    }
    return;
  }
  const input = createReadStream(file, { encoding: 'utf8' });
  const rl = createInterface({ input, crlfDelay: Infinity });
  let line = 0;
  for await (const text of rl) {
    line++;
    onBytes(Buffer.byteLength(text) + 1);
    if (text.trim() === '') continue;
    try {
      yield { line, value: JSON.parse(text) };
    } catch {
      yield { line, value: null, issue: { field: '(line)', reason: 'is not valid JSON' } };
    }
  }
}

function batchSize(raw: string | undefined): number {
  if (raw === undefined) return 5_000;
  const n = Number(raw.replace(/[_,]/g, ''));
  if (!Number.isSafeInteger(n) || n < 1 || n > 50_000) throw new CliError(`--batch must be a whole number between 1 and 50000, got ${raw}`);
  return n;
}

function fileSize(file: string): number {
  try {
    return statSync(file).size;
  } catch {
    throw new CliError(`cannot read ${file}: no such file`);
  }
}

export function registerImport(program: Command): void {
  const cmd = program.command('import').description('bulk-load customer events or customers from a file (validated, all or nothing per batch)');

  cmd
    .command('events')
    .argument('<file>', 'NDJSON (one event object a line, as POST /api/events takes them) or CSV with a header row')
    .description('import customer events: identities resolved, events appended, traits and segment memberships updated')
    .option('-b, --batch <n>', 'events per transaction (default 5000); a bad line rejects its whole batch')
    .option('-r, --report <file>', 'also write the validation report (line, field, reason) as CSV')
    .option('--refresh <when>', 'after: refresh traits and segment memberships once the file is loaded (default; fastest); live: also while loading', 'after')
    .addHelpText(
      'after',
      `
CSV columns: type, occurred_at (ISO 8601 with offset), channel, customer_id | identifiers (id_number,
phone, phone_verified, wechat_openid, wechat_unionid, device_id, email, dealer_crm_id, cookie),
campaign, partner_id, payload (JSON). Event types and payload fields: see docs/customers.md.

Examples:
  autofin import events events.ndjson
  autofin import events dealer-visits.csv --batch 2000 --report problems.csv`,
    )
    .action(async (file: string, opts: ImportOpts) => runImport('events', file, opts));

  cmd
    .command('customers')
    .argument('<file>', 'CSV with a header row: name, phone, phone_verified, id_number, email, gender, birth_date, city_id, dealer_crm_id, kind')
    .description('import customer profiles: matched to existing ones by ID number / verified phone / dealer CRM id, otherwise created')
    .option('-b, --batch <n>', 'rows per transaction (default 5000); a bad row rejects its whole batch')
    .option('-r, --report <file>', 'also write the validation report (line, field, reason) as CSV')
    .action(async (file: string, opts: ImportOpts) => runImport('customers', file, opts));
}

async function runImport(kind: 'events' | 'customers', file: string, opts: ImportOpts): Promise<void> {
  const size = fileSize(file);
  const batch = batchSize(opts.batch);
  const refreshMode = opts.refresh ?? 'after';
  if (refreshMode !== 'live' && refreshMode !== 'after') throw new CliError(`--refresh must be live or after, got ${refreshMode}`);
  const [{ createDatabase, migrate }, { loadConfig }, { default: cliProgress }, ingest, security, importer, queue] = await Promise.all([
    import('@autofin/db'),
    import('@autofin/server/config'),
    import('cli-progress'),
    import('@autofin/server/modules/customers/event-ingest.service'),
    import('@autofin/server/security/personal-data'),
    import('@autofin/server/modules/customers/customer-import.service'),
    import('@autofin/server/modules/customers/refresh-queue'),
  ]);
  const config = loadConfig(process.env);
  const resolved = security.resolveMasterKey(config.masterKey, config.masterKeyFile);
  if (resolved.source !== 'config') process.stderr.write(`warning: AUTOFIN_MASTER_KEY is not set; using the key file ${resolved.keyFile} next to the data\n`);
  const protector = security.createPersonalDataProtector(resolved.key);
  const database = await createDatabase({ url: config.databaseUrl, dataDir: config.dataDir });
  const bar = new cliProgress.SingleBar(
    { format: `importing ${kind} [{bar}] {percentage}% | {rows} rows | {rate}/s | {refreshed} profiles refreshed | {duration_formatted}`, stream: process.stderr, hideCursor: true },
    cliProgress.Presets.shades_classic,
  );
  const issues: ImportIssue[] = [];
  let written = 0;
  let rejectedRows = 0;
  let rejectedBatches = 0;
  let rows = 0;
  let bytes = 0;
  let started = performance.now();
  const affected = new Set<string>();
  /** the command's own refresh worker: profiles refreshed, and the longest a profile waited in the queue */
  const refresher = { stop: false, processed: 0, longestWaitMs: 0, failures: 0, running: Promise.resolve() };
  const refreshOnce = async (): Promise<number> => {
    const r = await queue.processRefreshBatch(database, REFRESH_CHUNK);
    refresher.processed += r.processed;
    if (r.oldestEnqueuedAt) refresher.longestWaitMs = Math.max(refresher.longestWaitMs, Date.now() - r.oldestEnqueuedAt.getTime());
    return r.processed;
  };
  const startRefresher = () => {
    refresher.running = (async () => {
      while (!refresher.stop) {
        let n = 0;
        try {
          n = await refreshOnce();
        } catch (err) {
          // A deadlock with a loading batch on the same profiles: the profiles stay queued; try again.
          if (refresher.failures++ === 0) process.stderr.write(`\nwarning: refreshing traits failed (${(err as Error).message}); retrying\n`);
        }
        if (n === 0) await new Promise((r) => setTimeout(r, 250));
      }
    })();
  };
  try {
    await migrate(database);
    process.stderr.write(`importing ${kind} from ${file} into ${database.description}\n`);
    started = performance.now();
    bar.start(size, 0, { rows: 0, rate: 0, refreshed: 0 });
    if (kind === 'events' && refreshMode === 'live') startRefresher();
    let batchOf: Array<{ line: number; value: unknown; issue?: { field: string; reason: string } }> = [];

    // Two batches in flight: the next one is parsed and validated while the database writes the last.
    const inFlight: Array<Promise<void>> = [];
    const flush = async (pending: typeof batchOf): Promise<void> => {
      if (pending.length === 0) return;
      const lines = pending.map((p) => p.line);
      const batchIssues: ImportIssue[] = [];
      pending.forEach((p) => p.issue && batchIssues.push({ line: p.line, ...p.issue }));
      const now = new Date();
      if (kind === 'events') {
        const converted = pending.map((p) => {
          if (p.issue || !file.toLowerCase().endsWith('.csv')) return p.value;
          const c = eventFromCsvRow(p.value as Record<string, string>);
          if (c.issue) batchIssues.push({ line: p.line, ...c.issue });
          return c.event;
        });
        const { events, issues: found } = ingest.validateEvents(converted);
        for (const i of found) if (!pending[i.index]!.issue) batchIssues.push({ line: lines[i.index]!, field: i.field, reason: i.reason });
        if (batchIssues.length === 0) {
          try {
            // A concurrent batch may link the same new identifier first (unique index), or deadlock on the same profiles: run this one again.
            for (let attempt = 1; ; attempt++) {
              try {
                await database.db.transaction(async (tx) => ingest.ingestValid(ingest.runnerFor(tx), events, { protector, source: 'import', now, derived: 'queue', lane: 'bulk' }));
                break;
              } catch (err) {
                if (attempt < 3 && ingest.isRetryableIngestError(err)) continue;
                throw err;
              }
            }
            written += events.length;
          } catch (err) {
            const unknown = err as { errors?: Array<{ field: string; message: string }> };
            if (!unknown.errors) throw err;
            for (const e of unknown.errors) {
              const m = /^events\[(\d+)\]\.(.*)$/.exec(e.field);
              batchIssues.push({ line: m ? lines[Number(m[1])]! : lines[0]!, field: m ? m[2]! : e.field, reason: e.message });
            }
          }
        }
      } else {
        const r = await importer.importCustomerBatch(database, pending.map((p) => p.value as Record<string, string>), lines, protector, now);
        batchIssues.push(...r.issues);
        written += r.written;
        for (const id of r.affected) affected.add(id);
      }
      if (batchIssues.length > 0) {
        issues.push(...batchIssues);
        rejectedRows += pending.length;
        rejectedBatches++;
      }
      const secs = (performance.now() - started) / 1000;
      bar.update(bytes, { rows, rate: Math.round(written / Math.max(secs, 0.001)), refreshed: refresher.processed });
    };

    const launch = async () => {
      const job = flush(batchOf);
      batchOf = [];
      if (kind === 'customers') return job; // profiles are matched against each other: one batch at a time
      job.catch(() => undefined); // awaited below; this only keeps an early failure from counting as unhandled
      inFlight.push(job);
      if (inFlight.length >= 2) await inFlight.shift();
    };
    for await (const rec of readRecords(file, (n) => (bytes += n))) {
      rows++;
      batchOf.push(rec);
      if (batchOf.length >= batch) await launch();
    }
    await launch();
    await Promise.all(inFlight);
    issues.sort((a, b) => a.line - b.line);
    bar.update(size, { rows, rate: Math.round(written / Math.max((performance.now() - started) / 1000, 0.001)), refreshed: refresher.processed });
    bar.stop();
    const loadSeconds = (performance.now() - started) / 1000;
    refresher.stop = true;
    await refresher.running;
    const duringLoad = refresher.processed;

    // What is still queued (events), or the profiles the customer rows touched: refreshed now, once each.
    const t1 = performance.now();
    if (kind === 'events') {
      for (;;) if ((await refreshOnce()) === 0) break;
    } else {
      const ids = [...affected];
      for (let i = 0; i < ids.length; i += 2_000) {
        const chunk = ids.slice(i, i + 2_000);
        await database.db.transaction(async (tx) => ingest.refreshDerived(ingest.runnerFor(tx), chunk, new Date()));
      }
      refresher.processed = ids.length;
    }
    const derivedSeconds = (performance.now() - t1) / 1000;

    const rate = (n: number, s: number) => Math.round(n / Math.max(s, 0.001)).toLocaleString('en-US');
    process.stdout.write(
      `${written.toLocaleString('en-US')} ${kind} written in ${loadSeconds.toFixed(1)} s (${rate(written, loadSeconds)}/s); ` +
        (kind === 'events'
          ? `traits and segments of ${refresher.processed.toLocaleString('en-US')} profiles refreshed (${duringLoad.toLocaleString('en-US')} while loading, ` +
            `the rest in ${derivedSeconds.toFixed(1)} s after; longest wait in the queue ${(refresher.longestWaitMs / 1000).toFixed(1)} s); ` +
            `${rate(written, loadSeconds + derivedSeconds)} events/s including the refresh\n`
          : `traits and segments of ${refresher.processed.toLocaleString('en-US')} profiles refreshed in ${derivedSeconds.toFixed(1)} s\n`),
    );
    if (issues.length > 0) {
      process.stdout.write(`${rejectedRows.toLocaleString('en-US')} rows in ${rejectedBatches} batch(es) were NOT written because of these problems:\nline,field,reason\n`);
      const shown = issues.slice(0, 50);
      for (const i of shown) process.stdout.write(`${i.line},${i.field},${JSON.stringify(i.reason)}\n`);
      if (issues.length > shown.length) process.stdout.write(`… and ${issues.length - shown.length} more${opts.report ? ` (all in ${opts.report})` : ' (use --report FILE for all)'}\n`);
      if (opts.report) {
        const { writeFileSync } = await import('node:fs');
        writeFileSync(opts.report, ['line,field,reason', ...issues.map((i) => `${i.line},${i.field},${JSON.stringify(i.reason)}`)].join('\n') + '\n');
      }
      throw new CliError(`${issues.length} problem(s) found; fix the lines above and import those batches again`, 2);
    }
  } finally {
    bar.stop();
    refresher.stop = true;
    await refresher.running;
    await database.close();
  }
}
