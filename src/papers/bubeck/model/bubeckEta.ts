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
 * η_rel = min{η_j = j·step ∈ (0, max]: etaFlips(η_j)} (Infinity if no grid point flips) — the
 * slides' η experiment. Exactly equal to scanning the grid in order, but skips grid points that
 * provably cannot flip: along the line |dφ/dη| ≤ L = |f|/‖∇f‖² · k^{-1/2} Σ|a_l|·|(W∇f)_l|·Lip(σ),
 * and the same L bounds the change of the scale, so from a point with margin h = φ·sign f > tol·scale
 * no point within (h − tol·scale)/(L(1 + tol)) flips.
 */
export function etaRelative(s: EtaSample, grid: EtaGrid = DEFAULT_ETA_GRID, zeroTol = DEFAULT_ZERO_TOL): number {
  const n = validateGrid('etaRelative', grid);
  if (s.f === 0 || !(s.gradNormSq > 0)) return Infinity;
  const sf = Math.sign(s.f);
  let l1 = 0;
  for (let l = 0; l < s.u.length; l++) l1 += Math.abs(s.a[l] * s.stepPre[l]);
  const lip = ((Math.abs(s.f) / s.gradNormSq) * l1 * s.act.lipschitz) / Math.sqrt(s.u.length);
  let i = 1;
  while (i <= n) {
    const eta = i * grid.step;
    const [phi, scale] = phiAndScale(s, eta);
    const margin = phi * sf - zeroTol * scale;
    if (margin <= 0) return eta;
    if (!(lip > 0)) return Infinity; // φ is constant along the line and does not flip
    const r = (margin / (lip * (1 + zeroTol))) * (1 - 1e-9);
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
