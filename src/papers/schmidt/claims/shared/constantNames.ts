/** Names of the paper's calibrated constants (fixtures/constants.json). */
export const C = {
  /** c of σ ≤ c·d^{1/4} (Gaussian model, one sample, standard error ≤ 1%). */
  c: 'schmidt.gaussian.c',
  /** c1 of σ ≤ c1·d^{1/4} (Gaussian robust upper bound). */
  c1: 'schmidt.gaussian.c1',
  /** c2 of n ≥ c2·ε²√d (Gaussian robust upper bound). */
  c2: 'schmidt.gaussian.c2',
  /** c_lo, c_hi of the bracket c_lo ε²√d/log d ≤ n* ≤ max(1, c_hi ε²√d) (eq. 17). */
  cLo: 'schmidt.c_lo',
  cHi: 'schmidt.c_hi',
  /** c of τ ≥ c·d^{−1/4} (Bernoulli model, one sample). */
  bc: 'schmidt.bernoulli.c',
  /** c2 of n ≤ c2 ε²γ²d/log(d/γ) (Bernoulli model, linear learners). */
  bc2: 'schmidt.bernoulli.c2',
} as const;
