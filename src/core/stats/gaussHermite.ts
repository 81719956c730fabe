/**
 * Gauss–Hermite quadrature for E g(z), z ~ N(0, 1):
 * E g(z) ≈ Σ_i w_i g(√2 x_i)/√π with (x_i, w_i) the nodes and weights of the physicists'
 * Hermite polynomial H_n (Golub–Welsch is avoided: nodes by Newton on the three-term
 * recurrence, as in Numerical Recipes `gauher`).
 */
const cache = new Map<number, { x: Float64Array; w: Float64Array }>();

/** @internal */
export function hermiteRule(n: number): { x: Float64Array; w: Float64Array } {
  if (!Number.isInteger(n) || n < 1 || n > 400) throw new RangeError(`hermiteRule: n must be an integer in [1, 400], got ${n}`);
  const hit = cache.get(n);
  if (hit) return hit;
  const x = new Float64Array(n);
  const w = new Float64Array(n);
  const PIM4 = Math.pow(Math.PI, -0.25);
  const m = Math.floor((n + 1) / 2);
  let z = 0;
  for (let i = 0; i < m; i++) {
    if (i === 0) z = Math.sqrt(2 * n + 1) - 1.85575 * Math.pow(2 * n + 1, -0.16667);
    else if (i === 1) z -= (1.14 * Math.pow(n, 0.426)) / z;
    else if (i === 2) z = 1.86 * z - 0.86 * x[0];
    else if (i === 3) z = 1.91 * z - 0.91 * x[1];
    else z = 2 * z - x[i - 2];
    let pp = 0;
    for (let it = 0; it < 100; it++) {
      let p1 = PIM4;
      let p2 = 0;
      for (let j = 0; j < n; j++) {
        const p3 = p2;
        p2 = p1;
        p1 = z * Math.sqrt(2 / (j + 1)) * p2 - Math.sqrt(j / (j + 1)) * p3;
      }
      pp = Math.sqrt(2 * n) * p2;
      const z1 = z;
      z = z1 - p1 / pp;
      if (Math.abs(z - z1) <= 1e-15 * Math.max(1, Math.abs(z))) break;
    }
    x[i] = z;
    x[n - 1 - i] = -z;
    w[i] = 2 / (pp * pp);
    w[n - 1 - i] = w[i];
  }
  const rule = { x, w };
  cache.set(n, rule);
  return rule;
}

/** E g(z) for z ~ N(0, 1) by n-point Gauss–Hermite quadrature (exact for polynomials of degree ≤ 2n − 1). */
export function gaussianExpectation(g: (z: number) => number, n = 80): number {
  const { x, w } = hermiteRule(n);
  let s = 0;
  for (let i = 0; i < n; i++) s += w[i] * g(Math.SQRT2 * x[i]);
  return s / Math.sqrt(Math.PI);
}
