/**
 * The one-step gradient attack of Bubeck et al. on a trial that exposes f along the gradient ray.
 * `fAlong(t)` = f(x + t·∇f(x)) (exact: computed from W(x + t∇f) = Wx + t·W∇f).
 */
export interface GradientRay {
  /** f(x) */
  f: number;
  /** ‖∇f(x)‖² */
  gradNormSq: number;
  /** t ↦ f(x + t·∇f(x)) */
  fAlong: (t: number) => number;
}

/** The theorem's step: η = −sign f(x) · C3·√log(1/γ) / ‖∇f(x)‖² (scaled by `scale`, signed by `sign`: −1 is the theorem's). */
export function theoremStep(ray: GradientRay, c3: number, gamma: number, sign: 1 | -1 = -1, scale = 1): number {
  if (!(gamma > 0 && gamma < 1)) throw new RangeError(`theoremStep: gamma must be in (0, 1), got ${gamma}`);
  if (ray.gradNormSq === 0) return 0;
  return (sign * Math.sign(ray.f) * scale * c3 * Math.sqrt(Math.log(1 / gamma))) / ray.gradNormSq;
}

/** Does x + η∇f(x) have the opposite sign to x? (f(x) = 0 counts as no flip.) */
export function flips(ray: GradientRay, eta: number): boolean {
  const s0 = Math.sign(ray.f);
  if (s0 === 0 || eta === 0 || !Number.isFinite(eta)) return false;
  return Math.sign(ray.fAlong(eta)) === -s0;
}

/**
 * η_rel = min{η on the grid h, 2h, …, max : sign f(x − η·f(x)·∇f/‖∇f‖²) ≠ sign f(x)}, refined by
 * bisection inside the first flipping grid cell to `tol`. η_rel = 1 is the linearisation's flip point
 * (exact for σ(z) = z). Infinity when no grid point up to `max` flips (or ∇f = 0).
 */
export function etaRel(ray: GradientRay, max = 20, h = 0.01, tol = 1e-10): number {
  if (ray.gradNormSq === 0 || ray.f === 0) return Infinity;
  const unit = -ray.f / ray.gradNormSq;
  const s0 = Math.sign(ray.f);
  const flipped = (eta: number): boolean => Math.sign(ray.fAlong(eta * unit)) !== s0;
  const steps = Math.round(max / h);
  for (let i = 1; i <= steps; i++) {
    const eta = i * h;
    if (flipped(eta)) {
      let lo = (i - 1) * h;
      let hi = eta;
      while (hi - lo > tol) {
        const mid = 0.5 * (lo + hi);
        if (flipped(mid)) hi = mid;
        else lo = mid;
      }
      return hi;
    }
  }
  return Infinity;
}
