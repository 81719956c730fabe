/**
 * Losses of Vardi et al. in the log domain, so that L = Σ_i ℓ(q_i) stays exact far below
 * the float64 underflow of e^{-q} (q ≈ 745):
 *   exponential ℓ(q) = e^{−q}:         log ℓ = −q,               −ℓ′(q) = e^{−q}
 *   logistic    ℓ(q) = log(1 + e^{−q}): log ℓ = −q + log(log1p(t)/t), t = e^{−q} (q > 0),
 *                                       −ℓ′(q) = σ(−q), log σ(−q) = −(max(q, 0) + log1p(e^{−|q|})).
 * log L = log-sum-exp of the log ℓ(q_i).
 */
export type LossName = 'exp' | 'logistic';

/** log ℓ(q), exact in float64 for every finite q. */
export function logEll(q: number, loss: LossName): number {
  if (loss === 'exp') return -q;
  if (q > 0) {
    const t = Math.exp(-q);
    return -q + (t === 0 ? 0 : Math.log(Math.log1p(t) / t));
  }
  return Math.log(-q + Math.log1p(Math.exp(q)));
}

/** log(−ℓ′(q)) (ℓ is decreasing). */
export function logNegDerivative(q: number, loss: LossName): number {
  if (loss === 'exp') return -q;
  return -(Math.max(q, 0) + Math.log1p(Math.exp(-Math.abs(q))));
}

/** log Σ_i e^{v_i} (max-shifted). @internal */
export function logSumExp(v: ArrayLike<number>): number {
  let m = -Infinity;
  for (let i = 0; i < v.length; i++) if (v[i] > m) m = v[i];
  if (m === -Infinity || m === Infinity) return m;
  let s = 0;
  for (let i = 0; i < v.length; i++) s += Math.exp(v[i] - m);
  return m + Math.log(s);
}

/** log L(θ) = log Σ_i ℓ(q_i) from the margins. */
export function logLoss(q: ArrayLike<number>, loss: LossName): number {
  const v = new Float64Array(q.length);
  for (let i = 0; i < q.length; i++) v[i] = logEll(q[i], loss);
  return logSumExp(v);
}

/**
 * Loss-normalised derivative coefficients c_i = ℓ′(q_i)/L (all ≤ 0), so that
 * ∇_θ L / L = Σ_i c_i ∇_θ q_i without ever forming L itself (no underflow at L = 1e-300).
 */
export function normalisedCoefficients(q: ArrayLike<number>, loss: LossName, logL = logLoss(q, loss)): Float64Array {
  const c = new Float64Array(q.length);
  for (let i = 0; i < q.length; i++) c[i] = -Math.exp(logNegDerivative(q[i], loss) - logL);
  return c;
}
