import { jStat } from './jstat.js';
import { memoNumeric } from './memoNumeric.js';

/** Student's t quantile t_{p, ν} (jStat.studentt.inv, an iterative inversion), memoised: fits ask for the same few (level, dof). */
const tQuantile = memoNumeric((p: number, dof: number): number => jStat.studentt.inv(p, dof));

/**
 * Ordinary least squares y = a + b·x with a t-interval for the slope:
 * b̂ = S_xy/S_xx, se(b̂) = √(RSS/(n−2)/S_xx), CI = b̂ ± t_{1−α/2, n−2}·se.
 * For scaling laws pass x = log size, y = log quantity.
 */
export interface SlopeFit {
  slope: number;
  intercept: number;
  se: number;
  ci: [number, number];
  n: number;
  dof: number;
}

export function fitSlope(xs: ArrayLike<number>, ys: ArrayLike<number>, level = 0.95): SlopeFit {
  const n = xs.length;
  if (n !== ys.length) throw new RangeError(`fitSlope: xs and ys differ in length (${n} vs ${ys.length})`);
  if (n < 3) throw new RangeError(`fitSlope: need at least 3 points, got ${n}`);
  if (!(level > 0 && level < 1)) throw new RangeError(`fitSlope: level must be in (0, 1), got ${level}`);
  let mx = 0;
  let my = 0;
  for (let i = 0; i < n; i++) {
    if (!Number.isFinite(xs[i]) || !Number.isFinite(ys[i])) throw new RangeError(`fitSlope: point ${i} is not finite (${xs[i]}, ${ys[i]})`);
    mx += xs[i];
    my += ys[i];
  }
  mx /= n;
  my /= n;
  let sxx = 0;
  let sxy = 0;
  for (let i = 0; i < n; i++) {
    sxx += (xs[i] - mx) ** 2;
    sxy += (xs[i] - mx) * (ys[i] - my);
  }
  if (sxx === 0) throw new RangeError('fitSlope: all x values are equal');
  const slope = sxy / sxx;
  const intercept = my - slope * mx;
  let rss = 0;
  for (let i = 0; i < n; i++) rss += (ys[i] - intercept - slope * xs[i]) ** 2;
  const dof = n - 2;
  const se = Math.sqrt(rss / dof / sxx);
  const t = tQuantile(1 - (1 - level) / 2, dof);
  return { slope, intercept, se, ci: [slope - t * se, slope + t * se], n, dof };
}

/** One-sided p-value that the true slope lies in [lo, hi]: t-test against the nearer end (1 inside). */
export function slopeRangePValue(fit: SlopeFit, lo: number, hi: number): number {
  if (fit.se === 0) return fit.slope >= lo && fit.slope <= hi ? 1 : 0;
  if (fit.slope < lo) return jStat.studentt.cdf((fit.slope - lo) / fit.se, fit.dof);
  if (fit.slope > hi) return 1 - jStat.studentt.cdf((fit.slope - hi) / fit.se, fit.dof);
  return 1;
}
