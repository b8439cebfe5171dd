import { productDefinitionSchema, promotionDefinitionSchema } from '@autofin/contracts';
import type { LivePromotion, SellableProduct } from '@autofin/domain';

/**
 * Definitions read back from jsonb have their keys in jsonb's order (shorter keys first:
 * `{en, zh}`), and the domain copies parts of them (names, fees, bundle items) into the quote.
 * Parsed once by their own contract schemas they get the contract's key order back, and then
 * `JSON.stringify` of the domain's response is byte for byte what validating it against
 * `quotesResponseSchema` and serialising the result gives — without the ≈ 0.6 ms that check cost
 * per quote (ADR 0005; quote-serialisation.test.ts checks the equality over generated requests,
 * quotes.int.test.ts on every quote it makes).
 *
 * Keyed by the definition object: the product cache hands out the same objects for up to 2 s, so
 * each is parsed once per load. A definition its schema refuses (a row written under an older
 * contract) is left as it is and reported, so the caller falls back to the validating serializer.
 */
const ordered = new WeakMap<object, object | null>();

function reorder<T extends object>(definition: T, schema: { safeParse(v: unknown): { success: boolean; data?: unknown } }): T | null {
  let hit = ordered.get(definition);
  if (hit === undefined) {
    const parsed = schema.safeParse(definition);
    hit = parsed.success ? (parsed.data as object) : null;
    ordered.set(definition, hit);
  }
  return hit as T | null;
}

export interface ContractOrdered {
  products: SellableProduct[];
  promotions: LivePromotion[];
  /** False when some definition could not be re-parsed: serialise through the response schema. */
  exact: boolean;
}

export function inContractOrder(products: readonly SellableProduct[], promotions: readonly LivePromotion[]): ContractOrdered {
  let exact = true;
  const p = products.map((s) => {
    const definition = reorder(s.definition, productDefinitionSchema);
    if (!definition) exact = false;
    return definition && definition !== s.definition ? { ...s, definition } : s;
  });
  const q = promotions.map((s) => {
    const definition = reorder(s.definition, promotionDefinitionSchema);
    if (!definition) exact = false;
    return definition && definition !== s.definition ? { ...s, definition } : s;
  });
  return { products: p, promotions: q, exact };
}
