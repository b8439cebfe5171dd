/**
 * Deterministic UUIDs: the same seed gives the same ids, so two runs can be compared row by row.
 * Layout (RFC 9562 version 4 / variant 1 bits set, the rest derived, not random):
 *   seed(8 hex) - kind(4 hex) - 4 + index… - 8 + …index - index(remaining) + sub(8 hex)
 * index < 2^40 and sub < 2^32 keep every (kind, index, sub) distinct.
 */
export const IdKind = {
  partner: 0x0a01,
  customer: 0x0c01,
  event: 0x0e01,
  application: 0x0a02,
  loan: 0x0b01,
} as const;
export type IdKind = (typeof IdKind)[keyof typeof IdKind];

export function idPrefix(seed: number, kind: IdKind): string {
  return `${(seed >>> 0).toString(16).padStart(8, '0')}-${kind.toString(16).padStart(4, '0')}-`;
}

export function simId(prefix: string, index: number, sub = 0): string {
  const hex = index.toString(16).padStart(10, '0') + (sub >>> 0).toString(16).padStart(8, '0');
  return `${prefix}4${hex.slice(0, 3)}-8${hex.slice(3, 6)}-${hex.slice(6)}`;
}
