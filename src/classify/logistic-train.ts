// Training of natural's logistic regression classifier (its "apparatus" package), done on sparse
// rows. natural trains with dense sylvester matrices: a transpose and two full products per
// gradient step, which takes minutes on two thousand letters; our documents are 0/1 vectors with a
// few dozen ones in five hundred, so the same steps over the ones alone take a second. The
// algorithm is apparatus's own, step for step (a test checks the weights against natural's):
// batch gradient descent with an intercept column, learning rate 3 divided by 3 whenever the cost
// rises, stopping when a step gains less than 0.0001, and the intercept dropped at the end. The
// result is the classifier state natural restores and classifies with.

/** What natural's LogisticRegressionClassifier keeps after training (and restores from). */
export interface LogisticState {
  maxFeaturePosition: number;
  classifications: string[];
  exampleCount: number;
  theta: Array<{ elements: number[] }>;
}

export interface SparseExample {
  /** Indexes of the features that are 1; every other feature is 0. */
  active: number[];
  label: string;
}

/** Train one weight vector per label (one-vs-rest, as apparatus does), over `width` features. */
export function trainLogistic(examples: SparseExample[], width: number): LogisticState {
  // apparatus groups the examples by label, labels in the order first seen.
  const labels: string[] = [];
  for (const { label } of examples) if (!labels.includes(label)) labels.push(label);
  const ordered = labels.flatMap((label) => examples.filter((e) => e.label === label));
  const rows = ordered.map((e) => Int32Array.from(e.active));
  const theta = labels.map((label) => ({
    elements: descend(rows, Float64Array.from(ordered, (e) => (e.label === label ? 1 : 0)), width),
  }));
  return { maxFeaturePosition: 0, classifications: labels, exampleCount: examples.length, theta };
}

function descend(rows: Int32Array[], y: Float64Array, width: number): number[] {
  const m = rows.length;
  const maxIterations = 500 * m;
  // theta[0] is the intercept (apparatus puts a column of ones in front of the examples).
  let theta: Float64Array = new Float64Array(width + 1);
  let learningRate = 3;
  let learningRateFound = false;
  const h = new Float64Array(m);
  hypothesis(rows, theta, h);
  while (!learningRateFound && learningRate !== 0) {
    let i = 0;
    let last: number | null = null;
    for (;;) {
      theta = step(rows, y, theta, h, learningRate);
      hypothesis(rows, theta, h);
      const current = cost(h, y);
      i++;
      // `if (last)` in apparatus: a cost of exactly 0 counts as no previous cost.
      if (last) {
        if (current < last) learningRateFound = true;
        else break;
        if (last - current < 0.0001) break;
      }
      if (i >= maxIterations) throw new Error('logistic regression: unable to find minimum');
      last = current;
    }
    learningRate /= 3;
  }
  return Array.from(theta.subarray(1));
}

function hypothesis(rows: Int32Array[], theta: Float64Array, out: Float64Array): void {
  for (let r = 0; r < rows.length; r++) {
    const row = rows[r] as Int32Array;
    let z = theta[0] as number;
    for (let k = 0; k < row.length; k++) z += theta[(row[k] as number) + 1] as number;
    out[r] = 1 / (1 + Math.exp(0 - z));
  }
}

/** theta - X'(h - y) * (1/m) * rate, with X the examples behind a column of ones. */
function step(rows: Int32Array[], y: Float64Array, theta: Float64Array, h: Float64Array, rate: number): Float64Array {
  const gradient = new Float64Array(theta.length);
  for (let r = 0; r < rows.length; r++) {
    const residual = (h[r] as number) - (y[r] as number);
    gradient[0] = (gradient[0] as number) + residual;
    const row = rows[r] as Int32Array;
    for (let k = 0; k < row.length; k++) {
      const j = (row[k] as number) + 1;
      gradient[j] = (gradient[j] as number) + residual;
    }
  }
  const next = new Float64Array(theta.length);
  const scale = 1 / rows.length;
  for (let j = 0; j < theta.length; j++) next[j] = (theta[j] as number) - (gradient[j] as number) * scale * rate;
  return next;
}

/** Mean cross-entropy, written as apparatus writes it (so a saturated 0 or 1 behaves the same). */
function cost(h: Float64Array, y: Float64Array): number {
  let sum = 0;
  for (let r = 0; r < h.length; r++) {
    const yr = y[r] as number;
    const hr = h[r] as number;
    sum += (0 - yr) * Math.log(hr) - (1 - yr) * Math.log(1 - hr);
  }
  return (1 / h.length) * sum;
}
