import { binomialCdf, clopperPearson, clopperPearsonLower, clopperPearsonUpper } from './intervals.js';

export type RateDirection = 'at-least' | 'at-most';

export interface BinomialRateTest {
  /** Exact one-sided p-value of H0 "the rate satisfies the bound". */
  pValue: number;
  /** 95% Clopper–Pearson interval on the rate. */
  ci: [number, number];
  /** The one-sided (1 − β) Clopper–Pearson bound is within the indifference δ of the bound. */
  withinIndifference: boolean;
}

/**
 * Exact binomial test of a rate bound b from x events in n independent trials.
 * at-least (H0: p ≥ b): p-value P(Bin(n, b) ≤ x); established when the lower (1 − β) Clopper–Pearson
 * bound is ≥ b − δ. at-most (H0: p ≤ b): p-value P(Bin(n, b) ≥ x) = F(n − x; n, 1 − b) (1 at x = 0);
 * established when the upper (1 − β) bound is ≤ b + δ.
 */
export function binomialRateTest(x: number, n: number, b: number, direction: RateDirection, beta: number, delta: number): BinomialRateTest {
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`binomialRateTest: n must be an integer ≥ 1, got ${n}`);
  if (!Number.isInteger(x) || x < 0 || x > n) throw new RangeError(`binomialRateTest: x must be an integer in [0, n = ${n}], got ${x}`);
  if (direction !== 'at-least' && direction !== 'at-most')
    throw new RangeError(`binomialRateTest: direction must be "at-least" or "at-most", got "${direction as string}"`);
  const atMost = direction === 'at-most';
  const pValue = Math.min(1, atMost ? (x === 0 ? 1 : binomialCdf(n - x, n, 1 - b)) : binomialCdf(x, n, b));
  const withinIndifference = atMost ? clopperPearsonUpper(x, n, beta) <= b + delta : clopperPearsonLower(x, n, beta) >= b - delta;
  return { pValue, ci: clopperPearson(x, n, 0.95), withinIndifference };
}
