import { createHash } from 'node:crypto';
import { gunzip, gzip, gzipSync } from 'node:zlib';
import { promisify } from 'node:util';
import { eq, schema, sql, type Database, type DbOrTx } from '@autofin/db';
import type { QuotesResponse, StoredQuote } from '@autofin/contracts';
import { DomainError, parseMoney, type QuoteResult } from '@autofin/domain';

const gunzipAsync = promisify(gunzip);
const gzipAsync = promisify(gzip);

/** The columns of a quote row besides its response (the key figures are for queries). */
export interface QuoteRow {
  id: string;
  quotedAt: string;
  createdBy: string | null;
  channel: 'console' | 'widget' | 'partner';
  dealerId: string | null;
  request: { vehicle: { price: string } };
  gridId: string;
  gridVersion: number;
  rulebookVersion: string;
  offerCount: number;
  lowestMonthlyPayment: string | null;
  lowestTotalCost: string | null;
}

/** A priced quote's row: who and where it is for, and the key figures its result carries. */
export function quoteRowOf(
  result: QuoteResult,
  request: QuoteRow['request'] & { dealerId?: string | undefined },
  quote: Pick<QuoteRow, 'id' | 'quotedAt' | 'createdBy' | 'channel'>,
): QuoteRow {
  return {
    ...quote,
    dealerId: request.dealerId ?? null,
    request,
    gridId: result.versions.grid.id,
    gridVersion: result.versions.grid.version,
    rulebookVersion: result.versions.rulebook,
    offerCount: result.offers.length,
    lowestMonthlyPayment: result.lowestMonthlyPayment?.amount ?? null,
    lowestTotalCost: result.lowestTotalCost?.amount ?? null,
  };
}

/**
 * What a quote says besides its id and time: the exact JSON bytes the client receives after
 * `{"quoteId":…,"quotedAt":…,`, kept as a JSON object of their own (`json`, whose first byte `{`
 * is not sent), and their SHA-256. Identical quotes share one (quote-memo.ts), and so one
 * `quote_bodies` row. `tail` is the sent part (`json` without its `{`) already encoded as UTF-8:
 * a repeated quote then costs a copy of ~45–90 KB into its reply, not a string concatenation that
 * V8 flattens and HTTP encodes again on every request.
 */
export interface QuoteContent {
  readonly json: string;
  readonly sha256: string;
  readonly tail: Buffer;
  /**
   * gzip level 1 of the bytes, as stored in `quote_bodies`. Started when the content is made, on a
   * libuv thread, so it runs while this thread hashes the bytes and the reply waits for the store
   * only for what is left of it (ADR 0022, option C): every new content is stored.
   */
  readonly gzipped: Promise<Buffer>;
}

export function quoteContent(json: string): QuoteContent {
  const utf8 = Buffer.from(json, 'utf8');
  const gzipped = gzipAsync(utf8, { level: 1 });
  // Awaited by the writer; a failure there fails the store. Here only not left unhandled.
  gzipped.catch(() => undefined);
  // `{` is one byte in UTF-8: the tail is a view of the same memory, not a copy.
  return { json, sha256: createHash('sha256').update(utf8).digest('hex'), tail: utf8.subarray(1), gzipped };
}

/** The bytes of a quote response: its head (naming the quote) then the shared content. */
export function responseHead(quoteId: string, quotedAt: string): string {
  return `{"quoteId":${JSON.stringify(quoteId)},"quotedAt":${JSON.stringify(quotedAt)},`;
}

export function responseBytes(head: string, content: string): string {
  return head + content.slice(1);
}

/** The same bytes as `responseBytes(head, content.json)`, as the Buffer the reply sends. */
export function responseBuffer(head: string, content: QuoteContent): Buffer {
  const headLength = Buffer.byteLength(head, 'latin1');
  const out = Buffer.allocUnsafe(headLength + content.tail.length);
  // The head is ASCII (a UUID and an ISO time inside JSON punctuation): latin1 is its UTF-8.
  out.write(head, 0, 'latin1');
  content.tail.copy(out, headLength);
  return out;
}

/**
 * Content already in `quote_bodies`, per database: its quotes then need only their own small row
 * (no gzip, no 15 KB insert). Bodies are never deleted while quotes refer to them; should one be
 * missing all the same (a test truncating tables), the foreign key refuses the quote and the
 * writer retries with the body.
 */
const KNOWN_BODIES = 4096;
const knownBodies = new WeakMap<object, Set<string>>();

function known(db: object): Set<string> {
  let set = knownBodies.get(db);
  if (!set) knownBodies.set(db, (set = new Set()));
  return set;
}

function remember(db: object, sha: string): void {
  const set = known(db);
  set.delete(sha);
  set.add(sha);
  if (set.size > KNOWN_BODIES) set.delete(set.values().next().value!);
}

export interface ContentQuote extends QuoteRow {
  head: string;
  content: QuoteContent;
}

interface Pending {
  quote: ContentQuote;
  resolve: () => void;
  reject: (err: unknown) => void;
}

interface Writer {
  queue: Pending[];
  busy: boolean;
}

const writers = new WeakMap<object, Writer>();
/** Process-wide counts, for the benchmark's report: statements run and quote rows they wrote. */
export const quoteWriterStats = { statements: 0, rows: 0 };
/** Rows per statement: at most 18 parameters each, well under PostgreSQL's 65 535. */
const MAX_BATCH = 200;

/**
 * Stores a quote and resolves once its row (and its content, if new) is committed — the caller
 * replies with the id only then, so the quote exists for `GET /api/quotes/{id}`, a promotion
 * take-up or an application on any instance, and survives a crash.
 *
 * Group commit: the quotes of the requests handled in the same turn of the event loop, and those
 * arriving while a statement runs, are inserted together by the next statement (one round trip and
 * one commit for the batch); a lone request waits one turn of the event loop. If a batch fails,
 * each of its quotes is retried alone, so one bad row fails only its own request (ADR 0012).
 */
export function storeQuote(database: Database, quote: ContentQuote): Promise<void> {
  let writer = writers.get(database);
  if (!writer) writers.set(database, (writer = { queue: [], busy: false }));
  const w = writer;
  return new Promise<void>((resolve, reject) => {
    w.queue.push({ quote, resolve, reject });
    if (!w.busy) {
      w.busy = true;
      // After the requests already read in this turn of the event loop have queued theirs: with
      // PGlite the statement runs on this thread, so without the wait no second quote would
      // ever find one running.
      setImmediate(() => void drain(database, w));
    }
  });
}

async function drain(database: Database, w: Writer): Promise<void> {
  try {
    while (w.queue.length > 0) {
      const batch = w.queue.splice(0, MAX_BATCH);
      try {
        await insertBatch(database, batch.map((p) => p.quote));
        for (const p of batch) p.resolve();
      } catch {
        // A body believed stored may be gone (tables truncated under us): send them all again,
        // each quote alone, so a bad row fails only its own request.
        for (const p of batch) known(database).delete(p.quote.content.sha256);
        for (const p of batch) {
          try {
            await insertBatch(database, [p.quote]);
            p.resolve();
          } catch (one) {
            p.reject(one);
          }
        }
      }
    }
  } finally {
    w.busy = false;
  }
}

const QUOTE_COLUMNS = [
  'id',
  'created_at',
  'created_by',
  'channel',
  'dealer_id',
  'request',
  'response_head',
  'body_sha256',
  'grid_id',
  'grid_version',
  'rulebook_version',
  'offer_count',
  'vehicle_price_fen',
  'lowest_monthly_payment_fen',
  'lowest_total_cost_fen',
] as const;
const QUOTE_CASTS: Partial<Record<(typeof QUOTE_COLUMNS)[number], string>> = { created_at: '::timestamptz', request: '::jsonb' };

/**
 * One statement: the new contents (gzip level 1 of their bytes, sent as base64 text decoded by
 * the database — PGlite's own bytea parameter encoding is slower than the compression) inserted
 * unless present, and the quote rows. The rows' foreign key is checked at the end of the
 * statement, after the contents are in. Plain parameterised SQL: building it through drizzle cost
 * more than the insert itself for a small row.
 */
async function insertBatch(database: Database, quotes: ContentQuote[]): Promise<void> {
  const seen = known(database);
  const fresh = new Map<string, QuoteContent>();
  for (const q of quotes) if (!seen.has(q.content.sha256)) fresh.set(q.content.sha256, q.content);
  const params: unknown[] = [];
  const p = (v: unknown) => {
    params.push(v);
    return `$${params.length}`;
  };
  // Compressed on libuv's threads since the contents were made (quoteContent).
  const contents = [...fresh.values()];
  const compressed = await Promise.all(contents.map((c) => c.gzipped));
  const bodies = contents.map((c, i) => `(${p(c.sha256)}, decode(${p(compressed[i]!.toString('base64'))}, 'base64'), ${p(c.tail.length + 1)})`);
  const rows = quotes.map((q) => {
    const values = [
      q.id,
      q.quotedAt,
      q.createdBy,
      q.channel,
      q.dealerId,
      JSON.stringify(q.request),
      q.head,
      q.content.sha256,
      q.gridId,
      q.gridVersion,
      q.rulebookVersion,
      q.offerCount,
      parseMoney(q.request.vehicle.price),
      q.lowestMonthlyPayment === null ? null : parseMoney(q.lowestMonthlyPayment),
      q.lowestTotalCost === null ? null : parseMoney(q.lowestTotalCost),
    ];
    return `(${values.map((v, i) => p(v) + (QUOTE_CASTS[QUOTE_COLUMNS[i]!] ?? '')).join(', ')})`;
  });
  const insertRows = `INSERT INTO quotes (${QUOTE_COLUMNS.join(', ')}) VALUES ${rows.join(', ')}`;
  quoteWriterStats.statements++;
  quoteWriterStats.rows += quotes.length;
  await database.query(bodies.length === 0 ? insertRows : `WITH new_bodies AS (INSERT INTO quote_bodies (sha256, body_gz, bytes) VALUES ${bodies.join(', ')} ON CONFLICT DO NOTHING) ${insertRows}`, params);
  for (const sha of fresh.keys()) remember(database, sha);
}

export interface NewQuote {
  createdBy: string | null;
  channel: 'console' | 'widget' | 'partner';
  dealerId: string | null;
  request: { vehicle: { price: string } };
  response: QuotesResponse;
  /** The response exactly as sent to the client (JSON): what is stored. */
  body: string;
}

/**
 * Stores one quote's whole response bytes in its own row (gzip level 1): only for a quote whose
 * definitions could not be put in contract order, so its bytes came from the validating
 * serializer and need not start with the shared head (quote.service.ts).
 */
export async function insertQuote(db: DbOrTx, quote: NewQuote): Promise<void> {
  const { response } = quote;
  const gz = gzipSync(quote.body, { level: 1 }).toString('base64');
  const q = schema.quotes;
  await db.execute(sql`
    INSERT INTO ${q} (${sql.identifier(q.id.name)}, ${sql.identifier(q.createdAt.name)}, ${sql.identifier(q.createdBy.name)}, ${sql.identifier(q.channel.name)},
      ${sql.identifier(q.dealerId.name)}, ${sql.identifier(q.request.name)}, ${sql.identifier(q.responseGz.name)}, ${sql.identifier(q.gridId.name)},
      ${sql.identifier(q.gridVersion.name)}, ${sql.identifier(q.rulebookVersion.name)}, ${sql.identifier(q.offerCount.name)}, ${sql.identifier(q.vehiclePriceFen.name)},
      ${sql.identifier(q.lowestMonthlyPaymentFen.name)}, ${sql.identifier(q.lowestTotalCostFen.name)})
    VALUES (${response.quoteId}, ${response.quotedAt}::timestamptz, ${quote.createdBy}, ${quote.channel}, ${quote.dealerId}, ${JSON.stringify(quote.request)}::jsonb,
      decode(${gz}, 'base64'), ${response.versions.grid.id}, ${response.versions.grid.version}, ${response.versions.rulebook}, ${response.offers.length},
      ${parseMoney(quote.request.vehicle.price)}, ${response.lowestMonthlyPayment ? parseMoney(response.lowestMonthlyPayment.amount) : null},
      ${response.lowestTotalCost ? parseMoney(response.lowestTotalCost.amount) : null})`);
}

export interface StoredQuoteBytes {
  quoteId: string;
  createdAt: string;
  createdBy: string | null;
  request: unknown;
  /** The response exactly as it was sent (null only for quotes stored as jsonb before 0003). */
  bytes: string | null;
  /** The jsonb response of a quote stored before 0003. */
  legacy: unknown;
}

/**
 * A stored quote with its response bytes as they were sent. Shared content is checked against
 * its SHA-256 on every read: a mismatch means the stored record is not what the customer saw,
 * and the read fails loudly instead of returning it.
 */
export async function getQuoteBytes(db: DbOrTx, id: string): Promise<StoredQuoteBytes> {
  const q = schema.quotes;
  const b = schema.quoteBodies;
  const rows = await db
    .select({
      id: q.id,
      createdAt: q.createdAt,
      createdBy: q.createdBy,
      request: q.request,
      response: q.response,
      responseGz: sql<string | null>`encode(${q.responseGz}, 'base64')`,
      head: q.responseHead,
      sha256: q.bodySha256,
      bodyGz: sql<string | null>`encode(${b.bodyGz}, 'base64')`,
    })
    .from(q)
    .leftJoin(b, eq(b.sha256, q.bodySha256))
    .where(eq(q.id, id));
  const row = rows[0];
  if (!row) throw new DomainError('NOT_FOUND', `no quote ${id}`);
  const base = { quoteId: row.id, createdAt: row.createdAt.toISOString(), createdBy: row.createdBy, request: row.request };
  if (row.sha256 !== null) {
    if (row.bodyGz === null || row.head === null) throw new Error(`quote ${id}: its stored content ${row.sha256} is missing`);
    const content = (await gunzipAsync(Buffer.from(row.bodyGz, 'base64'))).toString('utf8');
    const actual = createHash('sha256').update(content).digest('hex');
    if (actual !== row.sha256) throw new Error(`quote ${id}: stored content fails its SHA-256 check (expected ${row.sha256}, found ${actual}); the record is not what was sent`);
    return { ...base, bytes: responseBytes(row.head, content), legacy: null };
  }
  if (row.responseGz !== null) return { ...base, bytes: (await gunzipAsync(Buffer.from(row.responseGz, 'base64'))).toString('utf8'), legacy: null };
  return { ...base, bytes: null, legacy: row.response };
}

/** The quote as it was returned (quotes stored before migration 0003 have a jsonb response). */
export async function getQuote(db: DbOrTx, id: string): Promise<StoredQuote> {
  const { bytes, legacy, ...rest } = await getQuoteBytes(db, id);
  return { ...rest, response: (bytes !== null ? JSON.parse(bytes) : legacy) as QuotesResponse };
}
