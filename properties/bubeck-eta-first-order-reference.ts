import { DEFAULT_ETA_GRID, type EtaGrid, type EtaSample } from '../src/papers/bubeck/model/bubeckEta.js';

const DEFAULT_ZERO_TOL = 1e-10;

function validateGrid(grid: EtaGrid): number {
  return Math.floor(grid.max / grid.step + 1e-9);
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
 * The first-order-only η_rel search of src/papers/bubeck/model/bubeckEta.ts before its second-order skips (kept for
 * bench/bubeckClaims.ts): η_rel = min{η_j = j·step ∈ (0, max]: flip at η_j}, Infinity if none. Exactly equal to scanning the grid in order, but skips grid points that
 * provably cannot flip: along the line |dφ/dη| ≤ L = |f|/‖∇f‖² · k^{-1/2} Σ|a_l|·|(W∇f)_l|·Lip(σ),
 * and the same L bounds the change of the scale, so from a point with margin h = φ·sign f > tol·scale
 * no point within (h − tol·scale)/(L(1 + tol)) flips.
 */
export function etaRelativeFirstOrder(s: EtaSample, grid: EtaGrid = DEFAULT_ETA_GRID, zeroTol = DEFAULT_ZERO_TOL): number {
  const n = validateGrid(grid);
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
