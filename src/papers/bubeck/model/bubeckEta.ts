import type { BubeckTrialSample } from './bubeckTrial.js';

/** The fields of a trial the η search reads: f, ‖∇f‖², u = Wx, a, W∇f and σ. */
export type EtaSample = Pick<BubeckTrialSample, 'f' | 'gradNormSq' | 'u' | 'a' | 'stepPre' | 'act'>;

/** Grid of relative step sizes η_j = j·step, j = 1…⌊max/step⌋ (the slides search |η| ≤ 20). */
export interface EtaGrid {
  step: number;
  max: number;
}
/** @internal */
export const DEFAULT_ETA_GRID: EtaGrid = { step: 0.01, max: 20 };

/**
 * Relative values |φ| ≤ zeroTol·k^{-1/2}Σ|a_l σ(·)| count as φ = 0 (sign 0 ≠ sign f(x)): the level
 * of floating-point rounding in the sum, so the linear σ(z) = z flips at η = 1 exactly instead of at
 * a random side of it. A non-linear net hits such a value on a grid point with probability ≈ 1e-10.
 */
const DEFAULT_ZERO_TOL = 1e-10;

function validateGrid(api: string, grid: EtaGrid): number {
  if (!(grid.step > 0) || !Number.isFinite(grid.step)) throw new RangeError(`${api}: grid.step must be a finite number > 0, got ${grid.step}`);
  if (!(grid.max >= grid.step) || !Number.isFinite(grid.max))
    throw new RangeError(`${api}: grid.max must be finite and ≥ grid.step = ${grid.step}, got ${grid.max}`);
  const n = Math.floor(grid.max / grid.step + 1e-9);
  if (n > 1e8) throw new RangeError(`${api}: grid must have ≤ 1e8 points, got ${n}`);
  return n;
}

/** φ(η) = f(x − η f(x) ∇f/‖∇f‖²) and its absolute scale k^{-1/2} Σ|a_l σ(·)|, via fAlong's pre-activations. */
function phiAndScale(s: EtaSample, eta: number): [number, number] {
  const t = (-eta * s.f) / s.gradNormSq;
  const { a, u, stepPre, act } = s;
  let sum = 0;
  let abs = 0;
  for (let l = 0; l < u.length; l++) {
    const v = a[l] * act.f(u[l] + t * stepPre[l]);
    sum += v;
    abs += Math.abs(v);
  }
  const r = 1 / Math.sqrt(u.length);
  return [sum * r, abs * r];
}

/**
 * Does the step of relative size η flip the sign? sign f(x − η f(x)∇f(x)/‖∇f(x)‖²) ≠ sign f(x)
 * (η = 1 is the flip point of the linearisation). False when f(x) = 0 or ∇f(x) = 0 (no step).
 */
function etaFlips(s: EtaSample, eta: number, zeroTol = DEFAULT_ZERO_TOL): boolean {
  if (s.f === 0 || !(s.gradNormSq > 0)) return false;
  const [phi, scale] = phiAndScale(s, eta);
  return phi * Math.sign(s.f) <= zeroTol * scale;
}

/**
 * φ(η), its scale k^{-1/2} Σ|a_l σ(·)| and dφ/dη = −(f/‖∇f‖²)·k^{-1/2} Σ a_l (W∇f)_l σ′(u_l + t (W∇f)_l) at t = −η f/‖∇f‖²,
 * into out[0..2]; φ and the scale are summed exactly as phiAndScale sums them (same terms, same order), and
 * σ′ shares tanh (tanh) or the exponential (softplus) with σ.
 */
function phiScaleSlope(s: EtaSample, eta: number, out: Float64Array): void {
  const t = (-eta * s.f) / s.gradNormSq;
  const { a, u, stepPre, act } = s;
  let sum = 0;
  let abs = 0;
  let slope = 0;
  if (act.name === 'tanh') {
    for (let l = 0; l < u.length; l++) {
      const th = Math.tanh(u[l] + t * stepPre[l]);
      const v = a[l] * th;
      sum += v;
      abs += Math.abs(v);
      slope += a[l] * stepPre[l] * (1 - th * th);
    }
  } else if (act.name === 'softplus') {
    for (let l = 0; l < u.length; l++) {
      const z = u[l] + t * stepPre[l];
      const e = Math.exp(z > 0 ? -z : z);
      const v = a[l] * (z > 0 ? z + Math.log1p(e) : Math.log1p(e));
      sum += v;
      abs += Math.abs(v);
      slope += a[l] * stepPre[l] * (z >= 0 ? 1 / (1 + e) : e / (1 + e));
    }
  } else {
    for (let l = 0; l < u.length; l++) {
      const z = u[l] + t * stepPre[l];
      const v = a[l] * act.f(z);
      sum += v;
      abs += Math.abs(v);
      slope += a[l] * stepPre[l] * act.df(z);
    }
  }
  const r = 1 / Math.sqrt(u.length);
  out[0] = sum * r;
  out[1] = abs * r;
  out[2] = (-s.f / s.gradNormSq) * slope * r;
}

/**
 * η_rel = min{η_j = j·step ∈ (0, max]: etaFlips(η_j)} (Infinity if no grid point flips) — the
 * slides' η experiment. Exactly equal to scanning the grid in order, but skips grid points that
 * provably cannot flip. With the margin m(η) = φ(η)·sign f − tol·scale(η) and h = m(η) > 0 at a point:
 * - first order: along the line |dφ/dη| ≤ L = |f|/‖∇f‖² · k^{-1/2} Σ|a_l|·|(W∇f)_l|·Lip(σ), and the same L
 *   bounds the change of the scale, so no point within (h − tol·scale)/(L(1 + tol)) flips;
 * - second order (σ′ Lipschitz, Lip(σ′) = smoothness < ∞): |d²φ/dη²| ≤ M = (f/‖∇f‖²)² k^{-1/2} Σ|a_l|(W∇f)_l²·Lip(σ′),
 *   so m(η + r) ≥ h + p·r − ½M r² with p = sign f·φ′(η) − tol·L, and no point within the positive root
 *   r* = (p + √(p² + 2Mh))/M = 2h/(√(p² + 2Mh) − p) flips (r* = ∞ when M = 0 and p ≥ 0, r* = h/(−p) when M = 0 > p).
 * The larger of the two safe distances (each shrunk by 1e−9 against rounding) is skipped.
 */
export function etaRelative(s: EtaSample, grid: EtaGrid = DEFAULT_ETA_GRID, zeroTol = DEFAULT_ZERO_TOL): number {
  const n = validateGrid('etaRelative', grid);
  if (s.f === 0 || !(s.gradNormSq > 0)) return Infinity;
  const sf = Math.sign(s.f);
  let l1 = 0;
  let l2 = 0;
  for (let l = 0; l < s.u.length; l++) {
    const av = Math.abs(s.a[l] * s.stepPre[l]);
    l1 += av;
    l2 += av * Math.abs(s.stepPre[l]);
  }
  const rate = Math.abs(s.f) / s.gradNormSq;
  const lip = (rate * l1 * s.act.lipschitz) / Math.sqrt(s.u.length);
  const secondOrder = Number.isFinite(s.act.smoothness);
  const curvature = secondOrder ? (rate * rate * l2 * s.act.smoothness) / Math.sqrt(s.u.length) : Infinity;
  const out = new Float64Array(3);
  let i = 1;
  while (i <= n) {
    const eta = i * grid.step;
    let phi: number;
    let scale: number;
    if (secondOrder) {
      phiScaleSlope(s, eta, out);
      phi = out[0];
      scale = out[1];
    } else [phi, scale] = phiAndScale(s, eta);
    const margin = phi * sf - zeroTol * scale;
    if (margin <= 0) return eta;
    if (!(lip > 0)) return Infinity; // φ is constant along the line and does not flip
    let r = (margin / (lip * (1 + zeroTol))) * (1 - 1e-9);
    if (secondOrder) {
      const p = sf * out[2] - zeroTol * lip;
      let r2: number;
      if (curvature > 0) {
        const root = Math.sqrt(p * p + 2 * curvature * margin);
        r2 = p > 0 ? (p + root) / curvature : (2 * margin) / (root - p);
      } else r2 = p >= 0 ? Infinity : margin / -p;
      r2 *= 1 - 1e-9;
      if (r2 > r) r = r2;
    }
    if (!(r < Infinity)) return Infinity;
    i = Math.max(i + 1, Math.ceil((eta + r) / grid.step - 1e-7));
  }
  return Infinity;
}

/** Reference for etaRelative: scan every grid point in order (O(grid size · k)). @internal */
export function etaRelativeScan(s: EtaSample, grid: EtaGrid = DEFAULT_ETA_GRID, zeroTol = DEFAULT_ZERO_TOL): number {
  const n = validateGrid('etaRelativeScan', grid);
  for (let i = 1; i <= n; i++) if (etaFlips(s, i * grid.step, zeroTol)) return i * grid.step;
  return Infinity;
}
