// Storing new quote contents one after another: what the record costs a never-seen quote, and
// where its tail comes from (ADR 0022). Each iteration prices a new 12-offer quote (1 fen more
// down payment), makes its content (bytes, SHA-256, gzip started on a libuv thread) and stores it
// through the route's own writer (`storeQuote`: content row + quote row in one statement), then
// stores a second quote of the same content (one small row), timing each. Stalls over 3 ms are
// listed with the iteration they hit: on PGlite in memory they follow the relation file's growth
// (Emscripten MEMFS grows a file by 12.5 % with a full copy), so successive stalls sit ≈ 1.125 ×
// apart and grow with the table; on disk (BENCH_PGLITE_DIR) they do not.
//
//   npx tsx bench/quotes/content-store.bench.ts [--quotes 3000]
//   BENCH_PGLITE_DIR=<empty dir> …        PGlite on disk, as `npm start` runs it
//   DATABASE_URL=postgres://…/empty_db …  PostgreSQL
import { loadavg, cpus } from 'node:os';
import { randomUUID } from 'node:crypto';
import { quoteRequestBodySchema } from '@autofin/contracts';
import { buildQuote, defaultPricingGrid, demoProducts, valuationModelV1, type SellableProduct } from '@autofin/domain';
import { quoteContent, quoteRowOf, responseHead, storeQuote, type ContentQuote } from '../../apps/server/src/modules/quotes/quote.repository.ts';
import { migratedBenchDatabase } from '../bench-database.ts';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const QUOTES = arg('quotes', 3000);
const STALL_MS = 3;
/** Stalls listed one by one: the longer ones, where a file copy shows. */
const LIST_MS = 8;
const body = {
  vehicle: { category: 'new-nev', make: 'BYD', model: 'Seal', price: '250000.00' },
  downPayment: '50000.00',
  tradeIn: { appraisedValue: '40000.00', outstandingLoan: '10000.00' },
  terms: [12, 24, 36, 48],
  customer: { riskTier: 'B', cityTier: 2 },
};
const today = '2026-11-23';
const products: SellableProduct[] = demoProducts
  .filter((p) => ['NEV_LOAN', 'NEV_BATTERY_RENTAL', 'TRADE_IN_LOAN'].includes(p.code))
  .map((definition) => ({ id: randomUUID(), version: 1, definition }) as SellableProduct);

const sorted = (a: number[]) => [...a].sort((x, y) => x - y);
const pct = (s: number[], p: number) => s[Math.min(s.length - 1, Math.floor(p * s.length))]!;
const fmt = (n: number) => n.toFixed(2);

async function main(): Promise<void> {
  const database = await migratedBenchDatabase();
  console.log(`machine: ${cpus().length} CPUs, load average ${loadavg().map((l) => l.toFixed(1)).join(' ')}; database: ${database.description}; ${QUOTES} new contents`);
  const timings = { content: [] as number[], storeNew: [] as number[], storeKnown: [] as number[] };
  const stalls: Array<[number, number]> = [];
  let bytes = 0;
  let gzBytes = 0;
  for (let i = 0; i < QUOTES; i++) {
    const request = quoteRequestBodySchema.parse({ ...body, downPayment: (5_000_000 + i).toString().replace(/(\d\d)$/, '.$1') });
    const result = buildQuote(request, { products, grid: defaultPricingGrid, promotions: [], today, valuationModel: valuationModelV1 });
    let t = performance.now();
    const content = quoteContent(JSON.stringify(result));
    timings.content.push(performance.now() - t);
    const quotedAt = new Date().toISOString();
    const row = (id: string): ContentQuote => ({ ...quoteRowOf(result, request, { id, quotedAt, createdBy: null, channel: 'console' }), head: responseHead(id, quotedAt), content });
    t = performance.now();
    await storeQuote(database, row(randomUUID()));
    const ms = performance.now() - t;
    timings.storeNew.push(ms);
    if (ms > STALL_MS) stalls.push([i, ms]);
    t = performance.now();
    await storeQuote(database, row(randomUUID()));
    timings.storeKnown.push(performance.now() - t);
    bytes += content.tail.length + 1;
    gzBytes += (await content.gzipped).length;
  }
  const line = (name: string, v: number[]) => {
    const s = sorted(v.slice(50));
    return `${name.padEnd(44)} p50 ${fmt(pct(s, 0.5))}  p90 ${fmt(pct(s, 0.9))}  p99 ${fmt(pct(s, 0.99))}  max ${fmt(s[s.length - 1]!)} ms`;
  };
  console.log(`content: ${Math.round(bytes / QUOTES).toLocaleString('en-US')} bytes a quote, gzip level 1 → ${Math.round(gzBytes / QUOTES).toLocaleString('en-US')}`);
  console.log(line('make the content (bytes, SHA-256, start gzip)', timings.content));
  console.log(line('store a new content + its quote row', timings.storeNew));
  console.log(line('store a quote of a known content', timings.storeKnown));
  const listed = stalls.filter(([, ms]) => ms > LIST_MS);
  console.log(`stalls storing a new content: ${stalls.length} of ${QUOTES} over ${STALL_MS} ms, ${listed.length} over ${LIST_MS} ms${listed.length ? `: ${listed.map(([i, ms]) => `#${i} ${ms.toFixed(1)}`).join(', ')}` : ''}`);
  await database.close();
}

await main();
