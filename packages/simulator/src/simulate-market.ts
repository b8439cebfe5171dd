import type { Database } from '@autofin/db';
import { bulkInsert } from '@autofin/db';
import { buildReference } from './reference.ts';
import { DEFAULT_AS_OF, defaultDealerCount } from './defaults.ts';
import { customerBuffers } from './buffers.ts';
import { CustomerGenerator } from './customer-generator.ts';
import { CHANNEL_EFFECTS } from './data/channels.data.ts';
import { dayOf } from './dates.ts';
import type { TakenRows } from './table-buffer.ts';

/** 1.1: customers who will apply within two weeks after the as-of date are already shopping (quotes, visits). */
export const SIMULATOR_VERSION = '1.1.0';
export const MARKET_META_KEY = 'demo_market';
/** Every table the simulator writes, children first (the order TRUNCATE and reset use). */
export const MARKET_TABLES = [
  'loan_repayments',
  'loans',
  'applications',
  'customer_events',
  'customer_consents',
  'sim_customer_truth',
  'sim_channel_effects',
  'customers',
  'dealers',
  'partners',
  'trims',
  'models',
  'makes',
  'cities',
  'provinces',
] as const;

export interface SimulationProgress {
  phase: 'reset' | 'reference' | 'customers' | 'finishing' | 'done';
  done: number;
  total: number;
}

export interface SimulateOptions {
  customers: number;
  seed: number;
  /** Default: about one per 500 customers (40 for 20,000), at least 8. */
  dealers?: number;
  /** YYYY-MM-DD, the simulated "today"; default DEFAULT_AS_OF. */
  asOf?: string;
  /** Empty the market tables first instead of refusing when a market exists. */
  reset?: boolean;
  /** Customers generated per batch (default 5,000). */
  chunkSize?: number;
  onProgress?: (p: SimulationProgress) => void;
}

export interface SimulationSummary {
  seed: number;
  asOf: string;
  simulatorVersion: string;
  customers: number;
  dealers: number;
  partners: number;
  provinces: number;
  cities: number;
  makes: number;
  models: number;
  trims: number;
  consents: number;
  events: number;
  applications: number;
  loans: number;
  repayments: number;
  channelEffects: number;
  durationMs: number;
}

export interface MarketRecord {
  seed: number;
  customers: number;
  dealers: number;
  asOf: string;
  simulatorVersion: string;
  generatedAt: string;
}

/** Thrown when the database already holds a market and reset was not asked for. */
export class MarketExistsError extends Error {
  constructor(readonly existing: MarketRecord | null) {
    super(
      existing
        ? `the database already holds a simulated market (seed ${existing.seed}, ${existing.customers} customers, as of ${existing.asOf}, generated ${existing.generatedAt}); pass reset to replace it`
        : 'the market tables already hold data but there is no demo_market record (an interrupted run, or real data); pass reset to empty them',
    );
    this.name = 'MarketExistsError';
  }
}

/** Thrown by reset when rows outside the market refer to market rows without ON DELETE CASCADE. */
export class MarketResetBlockedError extends Error {
  constructor(readonly references: string[]) {
    super(`cannot reset the market: other tables refer to it without ON DELETE CASCADE: ${references.join(', ')}`);
    this.name = 'MarketResetBlockedError';
  }
}

export class SimulationOptionsError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SimulationOptionsError';
  }
}

/** True when a simulated market has been recorded in app_meta. */
export async function hasMarket(database: Pick<Database, 'query'>): Promise<boolean> {
  return (await readMarketRecord(database)) !== null;
}

export async function readMarketRecord(database: Pick<Database, 'query'>): Promise<MarketRecord | null> {
  const rows = await database.query<{ value: MarketRecord | string }>('SELECT value FROM app_meta WHERE key = $1', [MARKET_META_KEY]);
  const v = rows[0]?.value;
  if (v === undefined) return null;
  return typeof v === 'string' ? (JSON.parse(v) as MarketRecord) : v;
}

/**
 * Empties every market table and forgets the demo_market record. Tables of other contexts that
 * reference market rows with ON DELETE CASCADE (e.g. a dealer's widgets) are emptied with them, as a
 * DELETE would; any other reference (NO ACTION, RESTRICT, SET NULL) stops the reset with an error
 * naming it, so data outside the market is never lost silently.
 */
export async function resetMarket(database: Pick<Database, 'query'>): Promise<void> {
  const tables = new Set<string>(MARKET_TABLES);
  const blockers: string[] = [];
  let frontier: string[] = [...MARKET_TABLES];
  while (frontier.length > 0) {
    const refs = await database.query<{ child: string; parent: string; action: string; name: string }>(
      `SELECT c.conrelid::regclass::text AS child, c.confrelid::regclass::text AS parent, c.confdeltype::text AS action, c.conname::text AS name
         FROM pg_constraint c WHERE c.contype = 'f' AND c.confrelid = ANY($1::text[]::regclass[])`,
      [frontier],
    );
    frontier = [];
    for (const r of refs) {
      const child = r.child.replace(/"/g, '');
      if (tables.has(child)) continue;
      if (r.action === 'c') {
        tables.add(child);
        frontier.push(child);
      } else blockers.push(`${child} (${r.name} → ${r.parent.replace(/"/g, '')})`);
    }
  }
  if (blockers.length > 0) {
    throw new MarketResetBlockedError([...new Set(blockers)]);
  }
  await database.query(`TRUNCATE ${[...tables].map((t) => `"${t}"`).join(', ')}`);
  await database.query('DELETE FROM app_meta WHERE key = $1', [MARKET_META_KEY]);
}

/**
 * Writes a complete, deterministic market: the same seed, customer count, dealer count and as-of
 * date always give identical rows. Customers are generated and inserted in batches; on PostgreSQL
 * the next batch is generated while the previous one is being written.
 */
export async function simulateMarket(database: Database, options: SimulateOptions): Promise<SimulationSummary> {
  const started = performance.now();
  const { customers, seed } = options;
  if (!Number.isSafeInteger(customers) || customers < 0) throw new SimulationOptionsError('customers must be a whole number ≥ 0');
  if (!Number.isSafeInteger(seed) || seed < 0) throw new SimulationOptionsError('seed must be a whole number ≥ 0');
  const dealers = options.dealers ?? defaultDealerCount(customers);
  if (!Number.isSafeInteger(dealers) || dealers < 1 || dealers > 100_000) throw new SimulationOptionsError('dealers must be a whole number between 1 and 100,000');
  const asOf = options.asOf ?? DEFAULT_AS_OF;
  let asOfDay: number;
  try {
    asOfDay = dayOf(asOf);
  } catch {
    throw new SimulationOptionsError(`as-of must be a date YYYY-MM-DD, got "${asOf}"`);
  }
  const chunkSize = Math.max(100, options.chunkSize ?? 5_000);
  const progress = options.onProgress ?? (() => {});

  const existing = await readMarketRecord(database);
  const [{ any } = { any: false }] = await database.query<{ any: boolean }>(
    'SELECT (EXISTS (SELECT 1 FROM customers) OR EXISTS (SELECT 1 FROM partners) OR EXISTS (SELECT 1 FROM cities)) AS any',
  );
  if (existing || any) {
    if (!options.reset) throw new MarketExistsError(existing);
    progress({ phase: 'reset', done: 0, total: 1 });
    await resetMarket(database);
    progress({ phase: 'reset', done: 1, total: 1 });
  }

  // 24 months of history before the as-of date.
  const windowStartDay = asOfDay - 730;
  const { market, tables } = buildReference(seed, dealers, windowStartDay);
  progress({ phase: 'reference', done: 0, total: tables.length + 1 });
  const refCounts = new Map<string, number>();
  for (const [i, t] of tables.entries()) {
    refCounts.set(t.table, await t.take().insert(database));
    progress({ phase: 'reference', done: i + 1, total: tables.length + 1 });
  }
  await bulkInsert(database, 'sim_channel_effects', [
    { name: 'channel', type: 'text', values: CHANNEL_EFFECTS.map((e) => e.channel) },
    { name: 'segment', type: 'text', values: CHANNEL_EFFECTS.map((e) => e.segment) },
    { name: 'click_share', type: 'float8', values: CHANNEL_EFFECTS.map((e) => e.clickShare) },
    { name: 'apply_lift', type: 'float8', values: CHANNEL_EFFECTS.map((e) => e.applyLift) },
  ]);
  progress({ phase: 'reference', done: tables.length + 1, total: tables.length + 1 });

  const buffers = customerBuffers();
  const generator = new CustomerGenerator(seed, market, asOfDay, windowStartDay, buffers);
  const ordered = [buffers.customers, buffers.truth, buffers.consents, buffers.events, buffers.applications, buffers.loans, buffers.repayments];
  // Customers first (the others refer to them), then three independent streams; on PostgreSQL they
  // run on separate pooled connections, on PGlite they simply queue on its one connection.
  const write = async ([cust, truth, consents, events, apps, loans, repayments]: TakenRows[], done: number): Promise<void> => {
    await cust!.insert(database);
    await Promise.all([
      truth!.insert(database).then(() => consents!.insert(database)),
      events!.insert(database),
      apps!.insert(database).then(() => loans!.insert(database)).then(() => repayments!.insert(database)),
    ]);
    progress({ phase: 'customers', done, total: customers });
  };
  progress({ phase: 'customers', done: 0, total: customers });
  let pending: Promise<void> = Promise.resolve();
  for (let start = 0; start < customers; start += chunkSize) {
    const end = Math.min(customers, start + chunkSize);
    for (let i = start; i < end; i++) generator.generate(i);
    const batch = ordered.map((b) => b.take());
    await pending;
    pending = write(batch, end);
  }
  await pending;

  progress({ phase: 'finishing', done: 0, total: 1 });
  // Fresh statistics so the overview queries plan well straight away.
  await database.query(`ANALYZE ${MARKET_TABLES.map((t) => `"${t}"`).join(', ')}`);
  const record: MarketRecord = { seed, customers, dealers, asOf, simulatorVersion: SIMULATOR_VERSION, generatedAt: new Date().toISOString() };
  await database.query(
    `INSERT INTO app_meta (key, value, updated_at) VALUES ($1, $2::jsonb, now())
     ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value, updated_at = now()`,
    [MARKET_META_KEY, JSON.stringify(record)],
  );
  progress({ phase: 'done', done: 1, total: 1 });

  const c = generator.counters;
  return {
    seed,
    asOf,
    simulatorVersion: SIMULATOR_VERSION,
    customers: c.customers,
    dealers: market.dealers.length,
    partners: market.partnerCount,
    provinces: refCounts.get('provinces') ?? 0,
    cities: refCounts.get('cities') ?? 0,
    makes: refCounts.get('makes') ?? 0,
    models: refCounts.get('models') ?? 0,
    trims: refCounts.get('trims') ?? 0,
    consents: c.consents,
    events: c.events,
    applications: c.applications,
    loans: c.loans,
    repayments: c.repayments,
    channelEffects: CHANNEL_EFFECTS.length,
    durationMs: Math.round(performance.now() - started),
  };
}
