import { binomial } from '#core/random/samplers.js';
import type { Stream } from '#core/random/stream.js';

/**
 * The toy paper's mathematics: four one-parameter families of laws with their exact moments, and
 * samplers of one draw, of n draws (a Float64Array) and of the sample mean X̄_n, each from a seeded
 * `Stream` (a trial's own stream, so it replays alone).
 */

/** A family: bernoulli (θ = p), uniform on [0, θ], exponential of rate θ, normal N(0, θ²). */
export type Family = 'bernoulli' | 'uniform' | 'exponential' | 'normal';

/**
 * A law of the examples: a family and its one parameter θ. (A type alias, not an interface, so
 * that it is a `Row` of the space DSL's `cases`.)
 */
export type Law = { dist: Family; theta: number };

/**
 * The laws the claims draw from: rows of a `cases` parameter (dist and theta are drawn jointly).
 * Typed `Law[]`, not `as const`, so the point type has `dist: Family` and `theta: number`.
 */
export const LAWS: readonly Law[] = [
  { dist: 'bernoulli', theta: 0.3 },
  { dist: 'uniform', theta: 1 },
  { dist: 'exponential', theta: 2 },
  { dist: 'normal', theta: 2 },
];

/** Exact moments: mean μ, variance σ², and ρ = E|X − μ|³ (the third absolute central moment). */
export interface Moments {
  mean: number;
  variance: number;
  rho: number;
}

export function moments({ dist, theta }: Law): Moments {
  switch (dist) {
    case 'bernoulli': {
      const q = 1 - theta;
      return { mean: theta, variance: theta * q, rho: theta * q * (theta * theta + q * q) };
    }
    case 'uniform':
      return { mean: theta / 2, variance: (theta * theta) / 12, rho: theta ** 3 / 32 };
    case 'exponential':
      // E|X − 1|³ = 12/e − 2 for the rate-1 law; X/θ scales it by θ⁻³.
      return { mean: 1 / theta, variance: 1 / (theta * theta), rho: (12 / Math.E - 2) / theta ** 3 };
    case 'normal':
      // E|Z|³ = 2·√(2/π).
      return { mean: 0, variance: theta * theta, rho: 2 * Math.sqrt(2 / Math.PI) * theta ** 3 };
  }
}

/** One draw of X. */
function draw(rng: Stream, { dist, theta }: Law): number {
  switch (dist) {
    case 'bernoulli':
      return rng.uniform() < theta ? 1 : 0;
    case 'uniform':
      return theta * rng.uniform();
    case 'exponential':
      return -Math.log(rng.uniform()) / theta;
    case 'normal':
      return theta * rng.normal();
  }
}

/** n iid draws of X. */
export function sample(rng: Stream, law: Law, n: number): Float64Array {
  const xs = new Float64Array(n);
  for (let i = 0; i < n; i++) xs[i] = draw(rng, law);
  return xs;
}

/** X̄_n = (X_1 + … + X_n)/n: exact Binomial(n, p)/n for Bernoulli (O(log n) work), else the mean of n draws. */
export function sampleMean(rng: Stream, law: Law, n: number): number {
  if (law.dist === 'bernoulli') return binomial(rng, n, law.theta) / n;
  let s = 0;
  for (let i = 0; i < n; i++) s += draw(rng, law);
  return s / n;
}

/** The centred sum of squares Σ(x_i − x̄)², in two passes (not Σx² − n·x̄², which cancels). */
export function sumOfSquares(xs: Float64Array): number {
  let m = 0;
  for (let i = 0; i < xs.length; i++) m += xs[i];
  m /= xs.length;
  let s = 0;
  for (let i = 0; i < xs.length; i++) s += (xs[i] - m) ** 2;
  return s;
}
