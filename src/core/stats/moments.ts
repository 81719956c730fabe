import { normalQuantile } from './normal.js';

/** Streaming mean and variance (Welford): mean, unbiased s², and a normal-theory CI for the mean. */
export class RunningMoments {
  n = 0;
  mean = 0;
  private m2 = 0;

  push(x: number): void {
    this.n++;
    const d = x - this.mean;
    this.mean += d / this.n;
    this.m2 += d * (x - this.mean);
  }

  get variance(): number {
    return this.n > 1 ? this.m2 / (this.n - 1) : NaN;
  }

  /** Standard error of the mean, s/√n. */
  get stderr(): number {
    return Math.sqrt(this.variance / this.n);
  }

  /** Two-sided CI for the mean at the given level: x̄ ± z_{1−α/2}·s/√n (CLT). */
  ci(level = 0.95): [number, number] {
    const z = normalQuantile(1 - (1 - level) / 2);
    return [this.mean - z * this.stderr, this.mean + z * this.stderr];
  }
}

/** Median of a sample (average of the two middle values for even n). */
export function median(xs: ArrayLike<number>): number {
  const s = Array.from(xs).sort((a, b) => a - b);
  if (s.length === 0) throw new RangeError('median: sample must not be empty');
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** Empirical q-quantile (type 7, linear interpolation). */
export function quantile(xs: ArrayLike<number>, q: number): number {
  const s = Array.from(xs).sort((a, b) => a - b);
  if (s.length === 0) throw new RangeError('quantile: sample must not be empty');
  const h = (s.length - 1) * q;
  const lo = Math.floor(h);
  return s[lo] + (h - lo) * ((s[Math.min(lo + 1, s.length - 1)] ?? s[lo]) - s[lo]);
}

/**
 * Distribution-free confidence interval for the q-quantile from order statistics:
 * [x_(l), x_(u)] with l, u = n·q ∓ z_{1−α/2}·√(n q (1−q)) (normal approximation to the binomial).
 */
export function quantileCi(xs: ArrayLike<number>, q: number, level = 0.95): [number, number] {
  const s = Array.from(xs).sort((a, b) => a - b);
  const n = s.length;
  if (n === 0) throw new RangeError('quantileCi: sample must not be empty');
  const z = normalQuantile(1 - (1 - level) / 2);
  const half = z * Math.sqrt(n * q * (1 - q));
  const lo = Math.max(0, Math.floor(n * q - half) - 1);
  const hi = Math.min(n - 1, Math.ceil(n * q + half) - 1);
  return [s[lo], s[hi]];
}
