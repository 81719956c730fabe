/**
 * Wald's sequential probability ratio test for a Bernoulli success probability, with an
 * indifference region: H0: p = p0 (the claim's bound holds) against H1: p = p0 − δ.
 * Log-likelihood ratio after s successes in t trials:
 *   Λ = s·log(p1/p0) + (t − s)·log((1 − p1)/(1 − p0)),  p1 = p0 − δ.
 * Stop and reject H0 when Λ ≥ log(1/α); stop and accept H0 when Λ ≤ log(β/(1 − α)).
 * The rejection boundary is Ville's log(1/α) rather than Wald's log((1 − β)/α): it makes the
 * anytime-valid p-value p = min(1, e^{−sup_t Λ_t}) ≤ α exactly when the test rejects, so an
 * SPRT rejection is also a Holm rejection at the same α (P_H0(sup Λ ≥ log 1/α) ≤ α by Ville).
 */
export interface SprtOptions {
  p0: number;
  delta: number;
  alpha: number;
  beta: number;
}

export type SprtDecision = 'accept-h0' | 'reject-h0' | 'continue';

export class Sprt {
  readonly p0: number;
  readonly p1: number;
  readonly alpha: number;
  readonly beta: number;
  readonly upper: number;
  readonly lower: number;
  private readonly ls: number;
  private readonly lf: number;
  trials = 0;
  successes = 0;
  llr = 0;
  maxLlr = 0;
  decision: SprtDecision = 'continue';

  constructor(opts: SprtOptions) {
    const { p0, delta, alpha, beta } = opts;
    if (!(p0 > 0 && p0 <= 1)) throw new RangeError(`Sprt: p0 must be in (0, 1], got ${p0}`);
    if (!(delta > 0 && delta < p0)) throw new RangeError(`Sprt: delta must be in (0, p0=${p0}), got ${delta}`);
    if (!(alpha > 0 && alpha < 0.5)) throw new RangeError(`Sprt: alpha must be in (0, 0.5), got ${alpha}`);
    if (!(beta > 0 && beta < 0.5)) throw new RangeError(`Sprt: beta must be in (0, 0.5), got ${beta}`);
    this.p0 = p0;
    this.p1 = p0 - delta;
    this.alpha = alpha;
    this.beta = beta;
    this.upper = Math.log(1 / alpha);
    this.lower = Math.log(beta / (1 - alpha));
    this.ls = Math.log(this.p1 / p0);
    this.lf = p0 === 1 ? Infinity : Math.log((1 - this.p1) / (1 - p0));
  }

  /** Add one Bernoulli outcome; returns the decision so far (sticky once reached). */
  observe(success: boolean): SprtDecision {
    this.trials++;
    if (success) {
      this.successes++;
      this.llr += this.ls;
    } else {
      this.llr += this.lf;
    }
    if (this.llr > this.maxLlr) this.maxLlr = this.llr;
    if (this.decision === 'continue') {
      if (this.llr >= this.upper) this.decision = 'reject-h0';
      else if (this.llr <= this.lower) this.decision = 'accept-h0';
    }
    return this.decision;
  }

  /** Anytime-valid p-value for H0 (Ville): min(1, exp(−sup_t Λ_t)). */
  pValue(): number {
    return Math.min(1, Math.exp(-this.maxLlr));
  }

  /** Wald's approximation of the expected sample size under success probability p. */
  static expectedSampleSize(opts: SprtOptions, p: number): number {
    const s = new Sprt(opts);
    const a = s.lower;
    const b = s.upper;
    const drift = p * s.ls + (1 - p) * s.lf;
    // Probability of accepting H0 under p (Wald's OC via the exponent h solving E[e^{hZ}] = 1) is
    // approximated by the boundary-hitting formula; near zero drift use the variance form.
    const lz = [s.ls, s.lf];
    if (Math.abs(drift) < 1e-12) {
      const varZ = p * lz[0] * lz[0] + (1 - p) * lz[1] * lz[1];
      return (-a * b) / varZ;
    }
    // Solve p e^{h ls} + (1-p) e^{h lf} = 1 for h ≠ 0 by bisection.
    const g = (h: number): number => p * Math.exp(h * s.ls) + (1 - p) * Math.exp(h * s.lf) - 1;
    let lo = drift > 0 ? -50 : 1e-9;
    let hi = drift > 0 ? -1e-9 : 50;
    for (let i = 0; i < 200; i++) {
      const mid = (lo + hi) / 2;
      if (g(lo) * g(mid) <= 0) hi = mid;
      else lo = mid;
    }
    const h = (lo + hi) / 2;
    const pAccept = (Math.exp(h * b) - 1) / (Math.exp(h * b) - Math.exp(h * a));
    return (pAccept * a + (1 - pAccept) * b) / drift;
  }
}
