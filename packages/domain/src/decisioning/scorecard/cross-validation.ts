/** A small seeded generator (mulberry32): the same seed gives the same sequence everywhere. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Stratified k-fold assignment: bads and goods are each shuffled with the seed and dealt
 * round-robin to the folds, so every fold has the same bad rate to within one row.
 * Returns the fold (0…k−1) of each row.
 */
export function stratifiedFolds(bad: ArrayLike<number>, k: number, seed: number): Int32Array {
  if (!Number.isInteger(k) || k < 2) throw new RangeError('k must be an integer ≥ 2');
  const random = seededRandom(seed);
  const fold = new Int32Array(bad.length);
  let dealt = 0;
  for (const cls of [1, 0]) {
    const idx: number[] = [];
    for (let i = 0; i < bad.length; i++) if ((bad[i] === 1 ? 1 : 0) === cls) idx.push(i);
    for (let i = idx.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [idx[i], idx[j]] = [idx[j] as number, idx[i] as number];
    }
    // Continue the round-robin across classes so fold sizes differ by at most one.
    for (const i of idx) fold[i] = dealt++ % k;
  }
  return fold;
}
