import { binomialCdf } from '#core/stats/intervals.js';

const fixedCache = new Map<string, number>();

/**
 * Smallest n for which the exact one-sided binomial test of H0: p = p0 against H1: p = p0 − δ has
 * size ≤ α and power ≥ 1 − β: with c(n) = max{c : P(Bin(n, p0) ≤ c) ≤ α}, the least n with
 * P(Bin(n, p0 − δ) ≤ c(n)) ≥ 1 − β (the fixed-sample design an SPRT of the same (α, β, δ) replaces).
 */
export function fixedSampleSize(p0: number, delta: number, alpha: number, beta: number): number {
  if (!(p0 > 0 && p0 < 1)) throw new RangeError(`fixedSampleSize: p0 must be in (0, 1), got ${p0}`);
  if (!(delta > 0 && delta < p0)) throw new RangeError(`fixedSampleSize: delta must be in (0, p0=${p0}), got ${delta}`);
  if (!(alpha > 0 && alpha < 0.5)) throw new RangeError(`fixedSampleSize: alpha must be in (0, 0.5), got ${alpha}`);
  if (!(beta > 0 && beta < 0.5)) throw new RangeError(`fixedSampleSize: beta must be in (0, 0.5), got ${beta}`);
  const key = `${p0}/${delta}/${alpha}/${beta}`;
  const hit = fixedCache.get(key);
  if (hit !== undefined) return hit;
  for (let n = 1; n <= 1_000_000; n++) {
    let lo = -1;
    let hi = n;
    while (lo < hi) {
      const mid = Math.ceil((lo + hi) / 2);
      if (binomialCdf(mid, n, p0) <= alpha) lo = mid;
      else hi = mid - 1;
    }
    if (lo >= 0 && binomialCdf(lo, n, p0 - delta) >= 1 - beta) {
      fixedCache.set(key, n);
      return n;
    }
  }
  throw new RangeError(`fixedSampleSize: no n ≤ 10⁶ reaches power ${1 - beta} at p0=${p0}, δ=${delta}, α=${alpha}`);
}
