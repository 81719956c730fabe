import { jStat } from './jstat.js';
import { memoNumeric } from './memoNumeric.js';
import { normalQuantile } from './normal.js';

export type Interval = [number, number];

/**
 * The inverse regularized incomplete beta B⁻¹(p; a, b) (jStat.beta.inv), memoised: sequential tests and
 * coverage meta-claims ask for the same (x, n, level) bounds many times (jStat inverts iteratively).
 */
const betaInv = memoNumeric((p: number, a: number, b: number): number => jStat.beta.inv(p, a, b));
/** The regularized incomplete beta I_x(a, b) (jStat.ibeta), memoised like {@link betaInv}. */
const ibeta = memoNumeric((x: number, a: number, b: number): number => jStat.ibeta(x, a, b));

function checkCounts(api: string, successes: number, trials: number, level: number): void {
  if (!Number.isInteger(trials) || trials < 1) throw new RangeError(`${api}: trials must be an integer ≥ 1, got ${trials}`);
  if (!Number.isInteger(successes) || successes < 0 || successes > trials) {
    throw new RangeError(`${api}: successes must be an integer in [0, ${trials}], got ${successes}`);
  }
  if (!(level > 0 && level < 1)) throw new RangeError(`${api}: level must be in (0, 1), got ${level}`);
}

/**
 * Clopper–Pearson exact interval for a binomial proportion:
 * [B⁻¹(α/2; x, n−x+1), B⁻¹(1−α/2; x+1, n−x)], α = 1 − level.
 */
export function clopperPearson(successes: number, trials: number, level = 0.95): Interval {
  checkCounts('clopperPearson', successes, trials, level);
  const a = 1 - level;
  const lo = successes === 0 ? 0 : betaInv(a / 2, successes, trials - successes + 1);
  const hi = successes === trials ? 1 : betaInv(1 - a / 2, successes + 1, trials - successes);
  return [lo, hi];
}

/** One-sided Clopper–Pearson lower bound: B⁻¹(α; x, n−x+1) (0 when x = 0). */
export function clopperPearsonLower(successes: number, trials: number, alpha: number): number {
  checkCounts('clopperPearsonLower', successes, trials, 1 - alpha);
  return successes === 0 ? 0 : betaInv(alpha, successes, trials - successes + 1);
}

/** One-sided Clopper–Pearson upper bound: B⁻¹(1−α; x+1, n−x) (1 when x = n). */
export function clopperPearsonUpper(successes: number, trials: number, alpha: number): number {
  checkCounts('clopperPearsonUpper', successes, trials, 1 - alpha);
  return successes === trials ? 1 : betaInv(1 - alpha, successes + 1, trials - successes);
}

/** Wilson score interval: (p̂ + z²/2n ± z√(p̂(1−p̂)/n + z²/4n²)) / (1 + z²/n). @internal */
export function wilson(successes: number, trials: number, level = 0.95): Interval {
  checkCounts('wilson', successes, trials, level);
  const z = normalQuantile(1 - (1 - level) / 2);
  const n = trials;
  const p = successes / n;
  const z2 = z * z;
  const centre = p + z2 / (2 * n);
  const half = z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  const den = 1 + z2 / n;
  return [Math.max(0, (centre - half) / den), Math.min(1, (centre + half) / den)];
}

/** Lower-tail binomial probability P(X ≤ x | n, p), the exact one-sided p-value for H0: p ≥ p0. */
export function binomialCdf(x: number, n: number, p: number): number {
  if (x < 0) return 0;
  if (x >= n) return 1;
  // P(X ≤ x) = I_{1−p}(n − x, x + 1)
  return ibeta(1 - p, n - x, x + 1);
}
