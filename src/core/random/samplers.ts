import type { Stream } from './stream.js';

function requireCount(api: string, name: string, n: number, min = 0): void {
  if (!Number.isInteger(n) || n < min) {
    throw new RangeError(`${api}: ${name} must be an integer ≥ ${min}, got ${n}`);
  }
}

function requireFinite(api: string, name: string, v: number, min: number, strict: boolean): void {
  if (!(Number.isFinite(v) && (strict ? v > min : v >= min))) {
    throw new RangeError(`${api}: ${name} must be a finite number ${strict ? '>' : '≥'} ${min}, got ${v}`);
  }
}

/** Vector of n iid N(0, sd²) entries. */
export function normalVector(rng: Stream, n: number, sd = 1): Float64Array {
  requireCount('normalVector', 'n', n);
  requireFinite('normalVector', 'sd', sd, 0, false);
  return rng.fillNormal(new Float64Array(n), sd);
}

/** Vector of n iid Rademacher (±1) entries. */
export function rademacherVector(rng: Stream, n: number): Float64Array {
  requireCount('rademacherVector', 'n', n);
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = rng.sign();
  return out;
}

/** Uniform point on the sphere of radius r in R^d: r·g/‖g‖ with g ~ N(0, I_d). */
export function spherePoint(rng: Stream, d: number, radius = Math.sqrt(d)): Float64Array {
  requireCount('spherePoint', 'd', d, 1);
  requireFinite('spherePoint', 'radius', radius, 0, false);
  for (;;) {
    const g = normalVector(rng, d);
    let s = 0;
    for (let i = 0; i < d; i++) s += g[i] * g[i];
    if (s > 0) {
      const c = radius / Math.sqrt(s);
      for (let i = 0; i < d; i++) g[i] *= c;
      return g;
    }
  }
}

/** X ~ Gamma(shape, 1) by Marsaglia–Tsang (with the U^{1/a} boost for shape < 1). @internal */
export function gamma(rng: Stream, shape: number): number {
  if (!(shape > 0) || !Number.isFinite(shape)) throw new RangeError(`gamma: shape must be a finite number > 0, got ${shape}`);
  if (shape < 1) return gamma(rng, shape + 1) * Math.pow(rng.uniform(), 1 / shape);
  const dd = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * dd);
  for (;;) {
    let x: number;
    let v: number;
    do {
      x = rng.normal();
      v = 1 + c * x;
    } while (v <= 0);
    v = v * v * v;
    const u = rng.uniform();
    if (u < 1 - 0.0331 * x * x * x * x) return dd * v;
    if (Math.log(u) < 0.5 * x * x + dd * (1 - v + Math.log(v))) return dd * v;
  }
}

/** X ~ χ²_ν = 2·Gamma(ν/2). */
export function chiSquare(rng: Stream, dof: number): number {
  requireFinite('chiSquare', 'dof', dof, 0, true);
  return 2 * gamma(rng, dof / 2);
}

/** X ~ Beta(a, b) = G_a/(G_a + G_b). @internal */
export function beta(rng: Stream, a: number, b: number): number {
  requireFinite('beta', 'a', a, 0, true);
  requireFinite('beta', 'b', b, 0, true);
  const x = gamma(rng, a);
  const y = gamma(rng, b);
  return x / (x + y);
}

/** X ~ Binomial(n, p): exact by inversion for small n·min(p,1−p), else by summing Bernoulli draws in blocks via Beta splitting. */
export function binomial(rng: Stream, n: number, p: number): number {
  requireCount('binomial', 'n', n);
  if (!(p >= 0 && p <= 1)) throw new RangeError(`binomial: p must be in [0, 1], got ${p}`);
  if (p === 0 || n === 0) return 0;
  if (p === 1) return n;
  if (n <= 64) {
    let s = 0;
    for (let i = 0; i < n; i++) if (rng.uniform() < p) s++;
    return s;
  }
  // Beta splitting (Devroye): the a-th order statistic of n uniforms is Beta(a, n+1−a).
  const a = 1 + (n >> 1);
  const x = beta(rng, a, n + 1 - a);
  return x >= p ? binomial(rng, a - 1, p / x) : a + binomial(rng, n - a, (p - x) / (1 - x));
}
