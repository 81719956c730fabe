import { requireConstant } from '#core/claim/constants.js';
import type { Calibration, ConstantsTable } from '#core/claim/types.js';
import { clopperPearsonLower } from '#core/stats/intervals.js';
import { quantile, quantileCi } from '#core/stats/moments.js';
import { etaRel, type GradientRay } from '../../model/oneStep.js';
import { gradientEvent } from './moments.js';
import { rayOf } from './sampling.js';
import type { ActivationName } from '../../model/activations.js';
import { GAMMAS, logInv, SMOOTH, type Trial } from './space.js';

/** C3 of σ = `act`: the step η = C3·√log(1/γ)/‖∇f‖² of Bubeck et al. 2021's main theorem (calibrated, fixtures/constants.json). */
export const c3Of = (c: ConstantsTable, act: string): number => requireConstant(c, `bubeck.C3.${act}`);
/** C4 of σ = `act`: the step norm ‖η∇f‖ ≤ C4·√log(1/γ) and the stable radius of Bubeck et al. 2021 (calibrated). */
export const c4Of = (c: ConstantsTable, act: string): number => requireConstant(c, `bubeck.C4.${act}`);

/** The calibrations' configuration at the regime boundary: sphere inputs, Rademacher a, the reference net. */
const AT_BOUNDARY = { outputWeights: 'rademacher', input: 'sphere', impl: 'reference' } as const;

// ---- calibration (on the calibration stream only) ----
/** Smallest ratio t·‖∇f‖²/√log(1/γ) at which the theorem's step flips this trial (∞ if none up to 50). */
function requiredC3(ray: GradientRay, gamma: number): number {
  const e = etaRel(ray, 50, 0.01, 1e-6);
  return (e * Math.abs(ray.f)) / Math.sqrt(logInv(gamma));
}

/**
 * Calibrates C3 of σ = `act` (Bubeck et al. 2021: η = C3·√log(1/γ)/‖∇f‖² flips w.p. ≥ 1 − γ): the max over γ of the
 * (1 − γ/2)-quantile of η_rel·|f(x)|/√log(1/γ) at the regime boundary.
 */
export function calibrateC3(act: ActivationName): Calibration {
  return {
    name: `bubeck.C3.${act}`,
    description: `C3 for σ = ${act}: the step η = C3·√log(1/γ)/‖∇f‖² flips w.p. ≥ 1−γ. Estimated as the max over γ ∈ {${GAMMAS.join(', ')}} of the (1 − γ/2)-quantile of η_rel·|f(x)|/√log(1/γ) at the regime boundary (k = ⌈C1 log³(1/γ)⌉, d = ⌈C2 log(k/γ)log(1/γ)⌉ with the calibrated C1, C2), sphere inputs, Rademacher a.`,
    estimate: (rng, profile, constants) => {
      const n = profile === 'smoke' ? 400 : 2000;
      let value = 0;
      let ci: [number, number] = [0, 0];
      for (const gamma of GAMMAS) {
        const p = boundaryTrial(constants, gamma, act);
        const req: number[] = [];
        for (let i = 0; i < n; i++) req.push(requiredC3(rayOf(p, rng.child(`C3/${gamma}`, i)), gamma));
        const v = quantile(req, 1 - gamma / 2);
        if (v > value) {
          value = v;
          ci = quantileCi(req, 1 - gamma / 2);
        }
      }
      return { value, ci, method: `max over γ of the empirical (1 − γ/2)-quantile, ${n} trials per γ` };
    },
  };
}

/** A trial at the regime boundary (k = ⌈C1 log³(1/γ)⌉, d = ⌈C2 log(k/γ) log(1/γ)⌉, the calibrated C1, C2) for σ = `act`. */
function boundaryTrial(constants: ConstantsTable, gamma: number, act: ActivationName): Trial {
  return { ...AT_BOUNDARY, ...boundary(requireConstant(constants, 'bubeck.C1'), requireConstant(constants, 'bubeck.C2'), gamma), activation: act };
}

/** Calibrates C4 of σ = `act` (Bubeck et al. 2021: ‖η∇f‖ ≤ C4·√log(1/γ) ⇔ ‖∇f‖ ≥ C3/C4): C3 over the γ/2-quantile of ‖∇f‖, max over γ. */
export function calibrateC4(act: ActivationName): Calibration {
  return {
    name: `bubeck.C4.${act}`,
    description: `C4 for σ = ${act}: ‖η∇f‖ = C3√log(1/γ)/‖∇f‖ ≤ C4√log(1/γ) ⇔ ‖∇f‖ ≥ C3/C4. Estimated as C3 / (γ/2-quantile of ‖∇f‖) at the regime boundary, min over γ.`,
    estimate: (rng, profile, constants) => {
      const c3 = c3Of(constants, act);
      const n = profile === 'smoke' ? 400 : 2000;
      let value = 0;
      let ci: [number, number] = [0, 0];
      for (const gamma of GAMMAS) {
        const p = boundaryTrial(constants, gamma, act);
        const norms: number[] = [];
        for (let i = 0; i < n; i++) norms.push(Math.sqrt(rayOf(p, rng.child(`C4/${gamma}`, i)).gradNormSq));
        const v = c3 / quantile(norms, gamma / 2);
        if (v > value) {
          value = v;
          const [lo, hi] = quantileCi(norms, gamma / 2);
          ci = [c3 / hi, c3 / lo];
        }
      }
      return { value, ci, method: `C3 / empirical (γ/2)-quantile of ‖∇f‖, max over γ, ${n} trials per γ` };
    },
  };
}

/** Boundary of the main theorem's regime for γ: k = ⌈C1 log³(1/γ)⌉, d = ⌈C2 log(k/γ) log(1/γ)⌉. */
function boundary(c1: number, c2: number, gamma: number): { k: number; d: number } {
  const k = Math.ceil(c1 * logInv(gamma) ** 3);
  return { k, d: Math.max(2, Math.ceil(c2 * Math.log(k / gamma) * logInv(gamma))) };
}

/** Calibrates C1 of k ≥ C1 log³(1/γ) (Bubeck et al. 2021's main theorem): the smallest C1 on {1, 2, 4, 8, 16} at which almost every boundary trial can flip. */
export function calibrateC1(): Calibration {
  return {
    name: 'bubeck.C1',
    description:
      'C1 of k ≥ C1 log³(1/γ): the smallest C1 on the grid {1, 2, 4, 8, 16} such that at the regime boundary (C2 = 1) the fraction of trials that ' +
      'no step η ∈ (0, 50] flips has a one-sided 95% Clopper–Pearson upper bound ≤ γ/4 (so the (1 − γ/2)-quantile defining C3 and its interval are ' +
      'finite), for every γ and smooth σ (below it, e.g. softplus nets with all a_l of one sign cannot flip at all).',
    estimate: (rng, profile) => {
      const n = profile === 'smoke' ? 300 : 1500;
      for (const c1 of [1, 2, 4, 8, 16]) {
        let ok = true;
        for (const gamma of GAMMAS) {
          for (const act of SMOOTH) {
            const p: Trial = { ...AT_BOUNDARY, ...boundary(c1, 1, gamma), activation: act };
            let stuck = 0;
            for (let i = 0; i < n; i++) if (!Number.isFinite(etaRel(rayOf(p, rng.child(`C1/${c1}/${gamma}/${act}`, i)), 50, 0.05, 1e-3))) stuck++;
            if (1 - clopperPearsonLower(n - stuck, n, 0.05) > gamma / 4) ok = false;
          }
          if (!ok) break;
        }
        if (ok) return { value: c1, ci: [c1 / 2, c1], method: `smallest C1 on the grid, ${n} trials per (γ, σ)` };
      }
      return { value: 32, ci: [16, 32], method: 'grid exhausted' };
    },
  };
}

/**
 * Calibrates C2 of d ≥ C2 log(k/γ) log(1/γ) (Bubeck et al. 2021's main theorem; fixed at 1) or C of the gradient lower
 * bound's k, d ≥ C log(1/γ) (the smallest C on {1, …, 32} whose Clopper–Pearson lower bound is ≥ 1 − γ).
 */
export function calibrateRegime(name: 'bubeck.C2' | 'bubeck.C-grad'): Calibration {
  return {
    name,
    description:
      name === 'bubeck.C-grad'
        ? 'C of "‖∇f‖² ≥ ½Eσ′(z)² w.p. ≥ 1−γ when k, d ≥ C log(1/γ)": the smallest C on the grid {1, 2, 4, 8, 16, 32} for which the one-sided 95% Clopper–Pearson lower bound of the event frequency at k = d = ⌈C log(1/γ)⌉ is ≥ 1 − γ for every γ and smooth σ.'
        : 'bubeck.C2: regime constant d ≥ C2 log(k/γ) log(1/γ) of the main theorem; fixed at 1 (the claims are then verified in that regime with the calibrated C1, C3, C4 on the independent stream; a violation there would call for a larger value).',
    estimate: (rng, profile) => {
      if (name !== 'bubeck.C-grad') return { value: 1, ci: [1, 1], method: 'fixed (see description)' };
      const n = profile === 'smoke' ? 300 : 1500;
      for (const C of [1, 2, 4, 8, 16, 32]) {
        let ok = true;
        for (const gamma of GAMMAS) {
          const size = Math.ceil(C * logInv(gamma));
          for (const act of SMOOTH) {
            const p: Trial = { ...AT_BOUNDARY, d: Math.max(2, size), k: size, activation: act };
            let s = 0;
            for (let i = 0; i < n; i++) if (gradientEvent(rayOf(p, rng.child(`Cg/${C}/${gamma}/${act}`, i)), act)) s++;
            if (clopperPearsonLower(s, n, 0.05) < 1 - gamma) ok = false;
          }
        }
        if (ok) return { value: C, ci: [C / 2, C], method: `smallest C on the grid with CP lower bound ≥ 1−γ, ${n} trials per (C, γ, σ)` };
      }
      return { value: 64, ci: [32, 64], method: 'grid exhausted' };
    },
  };
}
