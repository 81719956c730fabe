/**
 * Kolmogorov–Smirnov statistics.
 * One-sample: D_n = sup_x |F_n(x) − F(x)|; two-sample: D = sup_x |F_n(x) − G_m(x)|.
 * p-values from the asymptotic Kolmogorov distribution Q(λ) = 2 Σ_{j≥1} (−1)^{j−1} e^{−2j²λ²}
 * with Stephens' small-sample correction λ = (√n_e + 0.12 + 0.11/√n_e)·D.
 */
export function ksOneSample(sample: ArrayLike<number>, cdf: (x: number) => number): number {
  const xs = Array.from(sample).sort((a, b) => a - b);
  const n = xs.length;
  if (n === 0) throw new RangeError('ksOneSample: sample must not be empty');
  let d = 0;
  for (let i = 0; i < n; i++) {
    const f = cdf(xs[i]);
    d = Math.max(d, (i + 1) / n - f, f - i / n);
  }
  return d;
}

/** @internal */
export function ksTwoSample(a: ArrayLike<number>, b: ArrayLike<number>): number {
  const xs = Array.from(a).sort((p, q) => p - q);
  const ys = Array.from(b).sort((p, q) => p - q);
  const n = xs.length;
  const m = ys.length;
  if (n === 0 || m === 0) throw new RangeError('ksTwoSample: both samples must be non-empty');
  let i = 0;
  let j = 0;
  let d = 0;
  while (i < n && j < m) {
    const v = Math.min(xs[i], ys[j]);
    while (i < n && xs[i] <= v) i++;
    while (j < m && ys[j] <= v) j++;
    d = Math.max(d, Math.abs(i / n - j / m));
  }
  return d;
}

/** Kolmogorov survival function Q(λ) = P(K > λ). @internal */
export function kolmogorovSurvival(lambda: number): number {
  if (lambda <= 0) return 1;
  if (lambda < 0.2) return 1;
  let s = 0;
  for (let j = 1; j <= 100; j++) {
    const term = Math.exp(-2 * j * j * lambda * lambda);
    s += (j % 2 === 1 ? 1 : -1) * term;
    if (term < 1e-17) break;
  }
  return Math.min(1, Math.max(0, 2 * s));
}

/** Asymptotic p-value of a KS statistic with effective sample size n_e (n, or nm/(n+m)). @internal */
export function ksPValue(d: number, effectiveN: number): number {
  const sn = Math.sqrt(effectiveN);
  return kolmogorovSurvival((sn + 0.12 + 0.11 / sn) * d);
}
