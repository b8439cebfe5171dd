import type { ParsedQuotesRequest, PricingGrid } from '@autofin/contracts';
import { buildQuote, valuationModelV1, type LivePromotion, type QuoteResult, type SellableProduct } from '@autofin/domain';
import { inContractOrder } from './contract-order.ts';
import { quoteContent, type QuoteContent } from './quote.repository.ts';

/** A priced quote without its id and time. Shared between identical quotes: never mutate it. */
export interface PricedQuote {
  readonly result: QuoteResult;
  /** Its JSON bytes (contract order) and their SHA-256; null when the bytes must come from the validating serializer. */
  readonly content: QuoteContent | null;
}

export interface QuoteInputs {
  /** Every sellable product as the product cache handed them out (before a dealer's filter). */
  readonly products: readonly SellableProduct[];
  /** The products this caller may sell (the same objects). */
  readonly sellable: readonly SellableProduct[];
  readonly grid: PricingGrid;
  readonly promotions: readonly LivePromotion[];
  readonly today: string;
}

/**
 * `buildQuote` is a pure function of the parsed request and its context (products, grid, live
 * promotions with their remaining budgets, today, the valuation model, which is code). The
 * server's caches hand out the same context objects until they reload (products and grid ≤ 2 s,
 * promotions ≤ 1 s, and at once after any write to them on this instance — ADR 0005), so a quote
 * for the same canonical request against the very same objects is the same quote. Calculator
 * widgets and partner systems re-quote the same deal; those quotes are priced once.
 *
 * Keyed by object identity, never by content: an entry can only be found while the exact
 * objects it was priced from are still the ones the caches hand out, so it is never staler than
 * pricing afresh would be — a promotion write or budget charge here replaces the promotions array
 * and with it every entry. The request is keyed by its parsed form (`JSON.stringify` in the
 * contract's key order), so the client's key order and whitespace do not matter (ADR 0012).
 */
const MEMO_ENTRIES = 64;

interface Memo {
  context: string;
  /** The objects `context` was computed from: the same objects again need no new string. */
  inputs: { today: string; grid: object; promotions: object; products: object };
  entries: Map<string, PricedQuote>;
}

const memos = new WeakMap<object, Memo>();
const serials = new WeakMap<object, number>();
let nextSerial = 1;

function serial(o: object): number {
  let s = serials.get(o);
  if (s === undefined) serials.set(o, (s = nextSerial++));
  return s;
}

/** The serials of a list of products, joined; kept per array (the caches hand out the same one). */
const joined = new WeakMap<readonly object[], string>();
function serialsOf(list: readonly object[]): string {
  let s = joined.get(list);
  if (s === undefined) joined.set(list, (s = list.map(serial).join(',')));
  return s;
}

export interface MemoStats {
  hits: number;
  misses: number;
}
/** Process-wide counts, for the benchmark's report. */
export const quoteMemoStats: MemoStats = { hits: 0, misses: 0 };

/** Prices the request, or returns the identical quote priced from the same objects (see above). `scope`: one memo per database. */
export function pricedQuote(scope: object, request: ParsedQuotesRequest, inputs: QuoteInputs): PricedQuote {
  let memo = memos.get(scope);
  const m = memo?.inputs;
  if (!memo || !m || m.today !== inputs.today || m.grid !== inputs.grid || m.promotions !== inputs.promotions || m.products !== inputs.products) {
    const context = `${inputs.today}|${serial(inputs.grid)}|${serial(inputs.promotions)}|${serialsOf(inputs.products)}`;
    const current = { today: inputs.today, grid: inputs.grid, promotions: inputs.promotions, products: inputs.products };
    if (!memo || memo.context !== context) memos.set(scope, (memo = { context, inputs: current, entries: new Map() }));
    else memo.inputs = current;
  }
  const key = `${serialsOf(inputs.sellable)}|${JSON.stringify(request)}`;
  const hit = memo.entries.get(key);
  if (hit) {
    quoteMemoStats.hits++;
    memo.entries.delete(key);
    memo.entries.set(key, hit);
    return hit;
  }
  quoteMemoStats.misses++;
  const ordered = inContractOrder(inputs.sellable, inputs.promotions);
  const result = buildQuote(request, { products: ordered.products, grid: inputs.grid, promotions: ordered.promotions, today: inputs.today, valuationModel: valuationModelV1 });
  // In contract order, JSON.stringify gives the zod serializer's bytes (ADR 0005).
  const priced: PricedQuote = { result, content: ordered.exact ? quoteContent(JSON.stringify(result)) : null };
  memo.entries.set(key, priced);
  if (memo.entries.size > MEMO_ENTRIES) memo.entries.delete(memo.entries.keys().next().value!);
  return priced;
}
