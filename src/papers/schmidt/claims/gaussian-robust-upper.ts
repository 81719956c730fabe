import fc from 'fast-check';
import { budgets } from '#core/claim/budgets.js';
import { requireConstant } from '#core/claim/constants.js';
import { defineClaim } from '#core/claim/definePaper.js';
import { probabilityCheck } from '#core/checks/probability.js';
import type { ConstantsTable, Params, Profile } from '#core/claim/types.js';
import type { LearnerName } from '../model/learners.js';
import { epsAtFraction, gaussianRobustErrorOf, gaussianRobustOk, sigmaOf } from '../model/schmidtTrials.js';
import { gaussianC1Calibration, gaussianC2Calibration } from './shared/gaussianCalibrations.js';
import { C } from './shared/constantNames.js';
import { control } from './shared/control.js';
import { dExpArb, unit } from './shared/draws.js';
import { floor6, round6 } from './shared/rounding.js';
import { GAMMA } from './shared/settings.js';
import { first, inInt, inReal, oneOf } from './shared/validators.js';

export interface UpperParams extends Params {
  /** "main": σ ≤ c1 d^{1/4}, n ≥ max(1, c2 ε²√d) (calibrated); "cor22": σ ≤ d^{1/4}/32, n ≥ 64ε²√d; "thm21": ε ≤ (2√n−1)/(2√n+4σ) − σ√(2log(1/β))/√d. */
  form: string;
  d: number;
  sigma: number;
  eps: number;
  n: number;
  /** Robust error level β (1% in main and cor22). */
  beta: number;
  learner: string;
  gamma: number;
}

const thm21EpsMax = (d: number, sigma: number, n: number, beta: number): number =>
  (2 * Math.sqrt(n) - 1) / (2 * Math.sqrt(n) + 4 * sigma) - (sigma * Math.sqrt(2 * Math.log(1 / beta))) / Math.sqrt(d);
const highProb = (d: number, sigma: number): number => 1 - 2 * Math.exp(-d / (8 * (sigma * sigma + 1)));
const nUpper = (c2: number, eps: number, d: number): number => Math.max(1, Math.ceil(c2 * eps * eps * Math.sqrt(d) - 1e-9));

function upperArb(profile: Profile, k: ConstantsTable): fc.Arbitrary<UpperParams> {
  const c1 = k[C.c1]?.value ?? 0.5;
  const c2 = k[C.c2]?.value ?? 16;
  const dHi = profile === 'smoke' ? 5 : 6;
  const main = fc.record({ d: dExpArb(2, dHi), fs: unit(0.1, 1), fe: unit(-0.3, 1), extra: fc.integer({ min: 0, max: 3 }) }).map(({ d, fs, fe, extra }) => {
    const lo = 0.25 * Math.pow(d, -0.25);
    const eps = round6(fe < 0 ? lo * (1 + fe) : epsAtFraction(d, fe));
    const n = (fe < 0 ? 1 : nUpper(c2, eps, d)) + extra;
    return { form: 'main', d, sigma: floor6(fs * sigmaOf(c1, d)), eps, n, beta: 0.01, learner: 'mean', gamma: GAMMA };
  });
  const cor22 = fc.record({ d: dExpArb(2, dHi), fs: unit(0.1, 1), fe: unit(0, 1), extra: fc.integer({ min: 0, max: 3 }) }).map(({ d, fs, fe, extra }) => {
    const eps = round6(0.25 * fe);
    return {
      form: 'cor22',
      d,
      sigma: floor6((fs * Math.pow(d, 0.25)) / 32),
      eps,
      n: Math.max(1, Math.ceil(64 * eps * eps * Math.sqrt(d))) + extra,
      beta: 0.01,
      learner: 'mean',
      gamma: GAMMA,
    };
  });
  const thm21 = fc
    .record({ d: dExpArb(3, dHi), fs: unit(0.02, 0.3), n: fc.integer({ min: 1, max: 40 }), beta: fc.constantFrom(0.01, 0.05), fe: unit(0, 1) })
    .map(({ d, fs, n, beta, fe }) => {
      const sigma = round6(fs * Math.pow(d, 0.25));
      return { form: 'thm21', d, sigma, eps: floor6(Math.max(0, fe * thm21EpsMax(d, sigma, n, beta))), n, beta, learner: 'mean', gamma: GAMMA };
    })
    .filter((p) => thm21EpsMax(p.d, p.sigma, p.n, p.beta) > 0);
  return fc.oneof(main, cor22, thm21);
}

function upperValidate(p: UpperParams, k: ConstantsTable): string | null {
  const base = first(
    inInt('d', p.d, 100, 1e6),
    oneOf('learner', p.learner, ['mean']),
    oneOf('form', p.form, ['main', 'cor22', 'thm21']),
    inInt('n', p.n, 1, 1e9),
  );
  if (base) return base;
  if (p.form === 'main') {
    const c1 = requireConstant(k, C.c1);
    const c2 = requireConstant(k, C.c2);
    const lo = 0.25 * Math.pow(p.d, -0.25);
    return first(
      inReal('sigma', p.sigma, 1e-9, sigmaOf(c1, p.d)),
      inReal('eps', p.eps, 0, 0.25),
      p.eps <= lo || p.n >= c2 * p.eps * p.eps * Math.sqrt(p.d) - 1e-9
        ? null
        : `n must be ≥ c2·ε²√d = ${(c2 * p.eps * p.eps * Math.sqrt(p.d)).toFixed(2)} for ε > ¼d^{-1/4}, got ${p.n}`,
    );
  }
  if (p.form === 'cor22')
    return first(
      inReal('sigma', p.sigma, 1e-9, Math.pow(p.d, 0.25) / 32),
      inReal('eps', p.eps, 0, 0.25),
      p.n >= 64 * p.eps * p.eps * Math.sqrt(p.d) - 1e-9 ? null : `n must be ≥ 64ε²√d, got ${p.n}`,
    );
  return inReal('eps', p.eps, 0, thm21EpsMax(p.d, p.sigma, p.n, p.beta));
}

const upperHyp = {
  describe: (profile: Profile) => ({
    form: 'main (calibrated c1, c2) | cor22 (σ ≤ d^{1/4}/32, n ≥ 64ε²√d) | thm21 (ε ≤ (2√n−1)/(2√n+4σ) − σ√(2 log(1/β))/√d)',
    d: `[10², 10^${profile === 'smoke' ? 5 : 6}]`,
    main: 'σ ≤ c1·d^{1/4}; n ≥ 1 for ε ≤ ¼d^{−1/4}, n ≥ c2 ε²√d for ¼d^{−1/4} ≤ ε ≤ ¼',
    learner: 'mean ŵ = Σ y_i x_i',
  }),
  arbitrary: upperArb,
  validate: upperValidate,
};

const upperCheck = probabilityCheck<UpperParams>({
  name: 'robust-error-at-most-beta',
  describe: 'P[β_ε(ŵ) ≤ β] ≥ target: 1 − γ (main form) or 1 − 2exp(−d/(8(σ²+1))) (explicit forms); β_ε exact from the closed form, ŵ = nθ* + σ√n g',
  target: (p) => (p.form === 'main' ? 1 - p.gamma : highProb(p.d, p.sigma)),
  delta: 0.05,
  event: (p, rng) => {
    if (p.beta === 0.01) return gaussianRobustOk(rng, p.d, p.sigma, p.n, p.eps, p.learner as LearnerName);
    // Thm 21 at another β: compare the exact robust error with β directly.
    return gaussianRobustErrorOf(rng, p.d, p.sigma, p.n, p.eps, 'mean') <= p.beta;
  },
});

export const gaussianRobustUpper = defineClaim<UpperParams>({
  id: 'schmidt.gaussian-robust-upper',
  paper: 'schmidt',
  statement:
    'Gaussian model, ŵ = Σ y_i x_i, σ ≤ c1 d^{1/4}: β_ε(ŵ) ≤ 1% w.h.p. if n ≥ 1 for ε ≤ ¼d^{−1/4}, and if n ≥ c2 ε²√d for ¼d^{−1/4} ≤ ε ≤ ¼ (calibrated c1, c2); explicit forms: Cor 22 (σ ≤ d^{1/4}/32, n ≥ 64ε²√d ⇒ ≤ 1% w.p. ≥ 1 − 2e^{−d/(8(σ²+1))}) and Thm 21 (ε ≤ (2√n−1)/(2√n+4σ) − σ√(2 log(1/β))/√d ⇒ ≤ β w.p. ≥ 1 − 2e^{−d/(8(σ²+1))}).',
  hypotheses: upperHyp,
  checks: [upperCheck],
  controls: [
    control(
      'constant-learner',
      'the learner that ignores the data (predicts +1): robust — its robust error equals its standard error — but not accurate (error ½ > 1%)',
      (profile, k) => upperArb(profile, k).map((p) => ({ ...p, form: 'main', learner: 'constant' })),
    ),
    control(
      'eps-above-range',
      'ε ∈ [1, 1.5], above the claimed ε ≤ ¼ (for θ* ∈ {±1}^d and ε ≥ 1, ε‖w‖₁ ≥ ⟨w, θ*⟩ for every w: no linear classifier is robust at any n)',
      (profile, k) =>
        fc.record({ d: dExpArb(2, 4), fs: unit(0.1, 1), e: unit(1, 1.5) }).map(({ d, fs, e }) => {
          const eps = round6(e);
          return {
            form: 'main',
            d,
            sigma: round6(fs * sigmaOf(k[C.c1]?.value ?? 0.5, d)),
            eps,
            n: nUpper(k[C.c2]?.value ?? 16, eps, d),
            beta: 0.01,
            learner: 'mean',
            gamma: GAMMA,
          };
        }),
    ),
  ],
  constants: [C.c1, C.c2],
  calibrations: [gaussianC1Calibration, gaussianC2Calibration],
  profiles: budgets(
    { configurations: 3, trials: 300, controlConfigurations: 1 },
    { configurations: 8, trials: 600, controlConfigurations: 2 },
    { configurations: 30, trials: 3000 },
  ),
  notes:
    'ŵ is drawn as nθ* + σ√n g (exact law of Σ y_i x_i) with θ* = 1 (every learner is sign-flip equivariant, so this covers θ* ∈ {±1}^d); β_ε(ŵ) is then exact. The explicit forms need no calibrated constant; their failure probability 2e^{−d/(8(σ²+1))} is the SPRT target.',
});
