import { DomainError } from '../../shared/domain-error.ts';

/** A design matrix, row-major: `values[i * columns + j]`. */
export interface DesignMatrix {
  rows: number;
  columns: number;
  values: Float64Array;
}

export interface LogisticFit {
  intercept: number;
  coefficients: number[];
  iterations: number;
  converged: boolean;
}

export interface LogisticOptions {
  /** L2 penalty λ on the coefficients (not the intercept): minimises −loglik + λ/2·‖β‖². */
  l2: number;
  maxIterations?: number;
  tolerance?: number;
  /** Warm start (e.g. the fit at a neighbouring penalty); default: intercept at the event rate. */
  initial?: { intercept: number; coefficients: readonly number[] };
}

export function matrixFromRows(rows: ReadonlyArray<ArrayLike<number>>, columns: number): DesignMatrix {
  const values = new Float64Array(rows.length * columns);
  rows.forEach((r, i) => {
    for (let j = 0; j < columns; j++) values[i * columns + j] = r[j] as number;
  });
  return { rows: rows.length, columns, values };
}

function sigmoid(z: number): number {
  return z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
}

/** log(1 + e^z) without overflow. */
function softplus(z: number): number {
  return z > 0 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z));
}

/** Solves A x = b for a symmetric positive-definite A (d×d, row-major) by Cholesky. */
export function choleskySolve(a: Float64Array, b: Float64Array, d: number): Float64Array {
  const l = new Float64Array(d * d);
  for (let i = 0; i < d; i++) {
    for (let j = 0; j <= i; j++) {
      let s = a[i * d + j] as number;
      for (let k = 0; k < j; k++) s -= (l[i * d + k] as number) * (l[j * d + k] as number);
      if (i === j) {
        if (!(s > 0)) throw new DomainError('SCORECARD_INVALID_DATA', 'the regression is singular: two characteristics carry the same information');
        l[i * d + i] = Math.sqrt(s);
      } else l[i * d + j] = s / (l[j * d + j] as number);
    }
  }
  const z = new Float64Array(d);
  for (let i = 0; i < d; i++) {
    let s = b[i] as number;
    for (let k = 0; k < i; k++) s -= (l[i * d + k] as number) * (z[k] as number);
    z[i] = s / (l[i * d + i] as number);
  }
  const x = new Float64Array(d);
  for (let i = d - 1; i >= 0; i--) {
    let s = z[i] as number;
    for (let k = i + 1; k < d; k++) s -= (l[k * d + i] as number) * (x[k] as number);
    x[i] = s / (l[i * d + i] as number);
  }
  return x;
}

/**
 * L2-regularised logistic regression by Newton–Raphson (iteratively reweighted least squares)
 * with step halving, so the penalised log-likelihood never goes down. `y[i]` is 1 for the
 * event being modelled, 0 otherwise.
 */
export function fitLogistic(x: DesignMatrix, y: ArrayLike<number>, options: LogisticOptions): LogisticFit {
  const { rows: n, columns: p, values } = x;
  const d = p + 1;
  const maxIterations = options.maxIterations ?? 100;
  const tolerance = options.tolerance ?? 1e-9;
  const lambda = options.l2;
  let w = new Float64Array(d); // w[0] intercept, w[1..p] coefficients
  if (options.initial && options.initial.coefficients.length === p) {
    w[0] = options.initial.intercept;
    options.initial.coefficients.forEach((c, j) => (w[j + 1] = c));
  } else {
    let ybar = 0;
    for (let i = 0; i < n; i++) ybar += y[i] as number;
    ybar /= n;
    if (ybar > 0 && ybar < 1) w[0] = Math.log(ybar / (1 - ybar));
  }

  // Rows as lists of their non-zero entries (with the intercept's 1 first): one-hot bin
  // indicators leave a handful per row, and the Hessian then costs O(n · nnz²), not O(n · p²).
  const start = new Int32Array(n + 1);
  let nnz = 0;
  for (let i = 0; i < n; i++) {
    start[i] = nnz;
    nnz++;
    for (let j = 0; j < p; j++) if ((values[i * p + j] as number) !== 0) nnz++;
  }
  start[n] = nnz;
  const index = new Int32Array(nnz);
  const entry = new Float64Array(nnz);
  for (let i = 0, k = 0; i < n; i++) {
    index[k] = 0;
    entry[k++] = 1;
    for (let j = 0; j < p; j++) {
      const v = values[i * p + j] as number;
      if (v !== 0) {
        index[k] = j + 1;
        entry[k++] = v;
      }
    }
  }

  // The linear predictor of every row is kept with the weights it belongs to, so a step that
  // the line search accepts does not have to be recomputed for the next gradient.
  const sparse = nnz < 0.5 * n * d;
  const predict = (weights: Float64Array, into: Float64Array): void => {
    for (let i = 0; i < n; i++) {
      let z = 0;
      if (sparse) for (let k = start[i] as number; k < (start[i + 1] as number); k++) z += (weights[index[k] as number] as number) * (entry[k] as number);
      else {
        z = weights[0] as number;
        const o = i * p;
        for (let j = 0; j < p; j++) z += (weights[j + 1] as number) * (values[o + j] as number);
      }
      into[i] = z;
    }
  };
  const objective = (weights: Float64Array, eta: Float64Array): number => {
    let f = 0;
    for (let i = 0; i < n; i++) {
      const z = eta[i] as number;
      f += softplus(z) - (y[i] as number) * z;
    }
    let r = 0;
    for (let j = 1; j < d; j++) r += (weights[j] as number) ** 2;
    return f + (lambda / 2) * r;
  };

  let eta = new Float64Array(n);
  predict(w, eta);
  let current = objective(w, eta);
  let iterations = 0;
  let converged = false;
  const grad = new Float64Array(d);
  const hess = new Float64Array(d * d);
  const row = new Float64Array(d);
  let trialEta = new Float64Array(n);
  while (iterations < maxIterations) {
    iterations++;
    grad.fill(0);
    hess.fill(0);
    for (let i = 0; i < n; i++) {
      const mu = sigmoid(eta[i] as number);
      const r = mu - (y[i] as number);
      const v = Math.max(mu * (1 - mu), 1e-12);
      if (!sparse) {
        row[0] = 1;
        const o = i * p;
        for (let j = 0; j < p; j++) row[j + 1] = values[o + j] as number;
        for (let a = 0; a < d; a++) {
          const ra = row[a] as number;
          grad[a] = (grad[a] as number) + r * ra;
          const vra = v * ra;
          const base = a * d;
          for (let b = 0; b <= a; b++) hess[base + b] = (hess[base + b] as number) + vra * (row[b] as number);
        }
        continue;
      }
      const from = start[i] as number;
      const to = start[i + 1] as number;
      for (let k = from; k < to; k++) {
        const a = index[k] as number;
        const ra = entry[k] as number;
        grad[a] = (grad[a] as number) + r * ra;
        const vra = v * ra;
        // Indices ascend within a row, so (a, b) with b ≤ a fills the lower triangle.
        for (let l = from; l <= k; l++) {
          const at = a * d + (index[l] as number);
          hess[at] = (hess[at] as number) + vra * (entry[l] as number);
        }
      }
    }
    for (let a = 0; a < d; a++) for (let b = a + 1; b < d; b++) hess[a * d + b] = hess[b * d + a] as number;
    for (let j = 1; j < d; j++) {
      grad[j] = (grad[j] as number) + lambda * (w[j] as number);
      hess[j * d + j] = (hess[j * d + j] as number) + lambda;
    }
    hess[0] = (hess[0] as number) + 1e-12;
    const step = choleskySolve(hess, grad, d);
    let t = 1;
    let next = w;
    let value = current;
    for (let halvings = 0; halvings < 30; halvings++) {
      const trial = new Float64Array(d);
      for (let j = 0; j < d; j++) trial[j] = (w[j] as number) - t * (step[j] as number);
      predict(trial, trialEta);
      const f = objective(trial, trialEta);
      if (f <= current + 1e-12 * Math.abs(current)) {
        next = trial;
        value = f;
        [eta, trialEta] = [trialEta, eta];
        break;
      }
      t /= 2;
    }
    let change = 0;
    for (let j = 0; j < d; j++) change = Math.max(change, Math.abs((next[j] as number) - (w[j] as number)));
    w = next;
    const improvement = current - value;
    current = value;
    if (change < tolerance || improvement < tolerance * 1e-3 * Math.max(1, Math.abs(current))) {
      converged = true;
      break;
    }
  }
  return { intercept: w[0] as number, coefficients: Array.from(w.subarray(1)), iterations, converged };
}

/** The linear predictor (log-odds of the modelled event) of each row. */
export function linearPredictor(fit: Pick<LogisticFit, 'intercept' | 'coefficients'>, x: DesignMatrix): Float64Array {
  const out = new Float64Array(x.rows);
  for (let i = 0; i < x.rows; i++) {
    let z = fit.intercept;
    for (let j = 0; j < x.columns; j++) z += (fit.coefficients[j] as number) * (x.values[i * x.columns + j] as number);
    out[i] = z;
  }
  return out;
}
