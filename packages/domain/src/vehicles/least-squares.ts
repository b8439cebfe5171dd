import { DomainError } from '../shared/domain-error.ts';

export interface LeastSquaresResult {
  /** β minimising ‖Xβ − y‖², one per column of X. */
  coefficients: number[];
  /** ‖Xβ − y‖² at the solution. */
  residualSumOfSquares: number;
}

/**
 * Ordinary least squares by Householder QR (numerically kinder than the normal equations:
 * the condition number is not squared). Statistics, not money, so binary floating point is
 * the right tool here. A column that is (nearly) a combination of the columns before it makes
 * the problem rank-deficient; that is reported by name instead of returning meaningless numbers.
 */
export function leastSquares(x: readonly (readonly number[])[], y: readonly number[], columnNames?: readonly string[]): LeastSquaresResult {
  const n = x.length;
  const p = x[0]?.length ?? 0;
  const name = (j: number): string => columnNames?.[j] ?? `column ${j}`;
  if (n === 0 || p === 0) throw new DomainError('VALUATION_FIT_FAILED', 'no data to fit', [{ field: 'rows', message: 'is empty' }]);
  if (y.length !== n) throw new DomainError('VALUATION_FIT_FAILED', `X has ${n} rows but y has ${y.length}`, [{ field: 'y', message: `must have ${n} entries` }]);
  if (n < p) throw new DomainError('VALUATION_FIT_FAILED', `${n} rows cannot fit ${p} coefficients`, [{ field: 'rows', message: `need at least ${p}` }]);

  // Column-major working copy: a[j][i] = X[i][j].
  const a: number[][] = [];
  for (let j = 0; j < p; j++) {
    const col = new Array<number>(n);
    for (let i = 0; i < n; i++) {
      const v = x[i]![j];
      if (v === undefined || !Number.isFinite(v)) {
        throw new DomainError('VALUATION_FIT_FAILED', `X[${i}][${j}] is not a finite number`, [{ field: `x[${i}].${name(j)}`, message: 'must be a finite number' }]);
      }
      col[i] = v;
    }
    a.push(col);
  }
  const b = y.map((v, i) => {
    if (!Number.isFinite(v)) throw new DomainError('VALUATION_FIT_FAILED', `y[${i}] is not a finite number`, [{ field: `y[${i}]`, message: 'must be a finite number' }]);
    return v;
  });
  const colNorm = a.map((col) => Math.hypot(...col));
  const diag = new Array<number>(p);

  for (let k = 0; k < p; k++) {
    const col = a[k]!;
    let norm = 0;
    for (let i = k; i < n; i++) norm = Math.hypot(norm, col[i]!);
    // Relative to the column's own size: what is left after projecting out the earlier columns.
    if (norm <= 1e-10 * Math.max(colNorm[k]!, Number.MIN_VALUE)) {
      throw new DomainError('VALUATION_FIT_FAILED', `${name(k)} is a linear combination of the columns before it`, [
        { field: name(k), message: 'is collinear with earlier columns: drop it or a column it depends on' },
      ]);
    }
    const alpha = col[k]! > 0 ? -norm : norm;
    // v = x − αe₁, stored in place; H = I − 2vvᵀ/vᵀv.
    col[k] = col[k]! - alpha;
    let vv = 0;
    for (let i = k; i < n; i++) vv += col[i]! * col[i]!;
    for (let j = k + 1; j < p; j++) {
      const other = a[j]!;
      let dot = 0;
      for (let i = k; i < n; i++) dot += col[i]! * other[i]!;
      const f = (2 * dot) / vv;
      for (let i = k; i < n; i++) other[i] = other[i]! - f * col[i]!;
    }
    let dot = 0;
    for (let i = k; i < n; i++) dot += col[i]! * b[i]!;
    const f = (2 * dot) / vv;
    for (let i = k; i < n; i++) b[i] = b[i]! - f * col[i]!;
    diag[k] = alpha;
  }

  // Back-substitute R β = Qᵀy (R's diagonal in diag, above it in a[j][k] for j > k).
  const beta = new Array<number>(p).fill(0);
  for (let k = p - 1; k >= 0; k--) {
    let s = b[k]!;
    for (let j = k + 1; j < p; j++) s -= a[j]![k]! * beta[j]!;
    beta[k] = s / diag[k]!;
  }
  let rss = 0;
  for (let i = p; i < n; i++) rss += b[i]! * b[i]!;
  return { coefficients: beta, residualSumOfSquares: rss };
}
