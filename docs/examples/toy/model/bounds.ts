/** The right-hand sides of the toy paper's inequalities, in closed form. */

/** Hoeffding: P(|X̄_n − p| ≥ t) ≤ 2·exp(−c·n·t²), with c = 2 for variables bounded in [0, 1]. */
export function hoeffdingTail(n: number, t: number, c = 2): number {
  return 2 * Math.exp(-c * n * t * t);
}

/** The t at which Hoeffding's bound equals `tail`: √(ln(2/tail)/(2n)). */
export function hoeffdingT(n: number, tail: number): number {
  return Math.sqrt(Math.log(2 / tail) / (2 * n));
}

/** Shevtsova (2011): the Berry–Esseen constant for iid summands, C ≤ 0.4748. */
const BERRY_ESSEEN_C = 0.4748;

/** Berry–Esseen: sup_z |P(√n(X̄_n − μ)/σ ≤ z) − Φ(z)| ≤ C·ρ/(σ³·√n), ρ = E|X − μ|³. */
export function berryEsseen(rho: number, variance: number, n: number): number {
  return (BERRY_ESSEEN_C * rho) / (variance ** 1.5 * Math.sqrt(n));
}
