import fc from 'fast-check';
import { budgets } from '#core/claim/budgets.js';
import { defineClaim } from '#core/claim/definePaper.js';
import type { Hypotheses } from '#core/claim/types.js';
import { probabilityCheck } from '#core/checks/probability.js';
import { robustNetworkTrace } from '../model/robustNetwork.js';
import { maxInnerProduct, validateData } from '../model/sphereData.js';
import { universalPerturbation } from '../model/universal.js';
import { trainRun } from '../training/experiment.js';
import { kktCertificate } from '../training/kkt.js';
import { fmt } from './shared/measured.js';
import { INIT_SCALE } from './shared/training.js';
import { firstError, intIn } from './shared/validators.js';

export interface BeyondParams {
  [key: string]: number | string | boolean;
  d: number;
  /** n = d/nDivisor (10 is the slides' "n up to d/10"). */
  nDivisor: number;
  k: number;
  scale: number;
}
const beyondHyp: Hypotheses<BeyondParams> = {
  describe: (profile) => ({
    d: profile === 'paper' ? '200 | 500 | 1000 | 2000' : '200 | 400',
    n: 'd/10 | d/20 (beyond the separation bound)',
    k: '30',
    loss: 'exp',
  }),
  arbitrary: (profile) =>
    fc.record({
      d: fc.constantFrom(...(profile === 'paper' ? [200, 500, 1000, 2000] : [200, 400])),
      nDivisor: fc.constantFrom(10, 20),
      k: fc.constant(30),
      scale: fc.constant(INIT_SCALE),
    }),
  validate: (p) => firstError(intIn('d', p.d, 20, 1e6), intIn('nDivisor', p.nDivisor, 2, 1000), intIn('k', p.k, 1, 1000)),
};

/**
 * Observation beyond Vardi, Yehudai, Shamir (NeurIPS 2022)'s separation hypothesis: the eta experiment with n = d/10 or d/20;
 * does max_i η_min stay below the robust network's certified radius? Reported, never gating.
 */
export const etaBeyondHypothesis = defineClaim<BeyondParams>({
  id: 'vardi.eta-beyond-hypothesis',
  paper: 'vardi',
  statement:
    "Observation (not a gate): the eta experiment with n up to d/10, beyond the separation hypothesis n ≤ (d+1)/(3(max|⟨x_i,x_j⟩|+1)); does max_i η_min stay below the robust network's certified radius?",
  observational: true,
  hypotheses: beyondHyp,
  checks: [
    probabilityCheck<BeyondParams>({
      name: 'below-robust-radius',
      describe: 'P(max_i η_min < robust certified radius) ≥ 0.9 with n = d/nDivisor (observation)',
      target: () => 0.9,
      delta: 0.15,
      event: (p, rng, _ctx, record) => {
        const n = Math.floor(p.d / p.nDivisor);
        const run = trainRun(rng, { d: p.d, n, k: p.k, loss: 'exp', scale: p.scale, trainer: 'span' });
        const up = universalPerturbation(run.trace);
        const sum = validateData(run.data);
        const c = maxInnerProduct(run.data.K, n) / p.d;
        const radius = robustNetworkTrace(run.data.K, run.data.y, p.d, (1 + c) / 2).radius;
        const cert = kktCertificate(run.trace);
        record({
          d: p.d,
          n,
          maxEtaMinOverSqrtD: up.maxDeltaMin / Math.sqrt(p.d),
          deltaAllOverSqrtD: up.deltaAll / Math.sqrt(p.d),
          robustRadiusOverSqrtD: radius / Math.sqrt(p.d),
          separationNMax: sum.separationNMax,
          residual: cert.residual,
          reached: run.result.reached ? 1 : 0,
        });
        return up.maxDeltaMin < radius;
      },
      summarise: (rows) => ({
        measured: {
          maxEtaMinOverSqrtD: fmt(Math.max(...rows.map((r) => r.maxEtaMinOverSqrtD))),
          robustRadiusOverSqrtD: fmt(rows.reduce((s, r) => s + r.robustRadiusOverSqrtD, 0) / rows.length),
          separationNMax: fmt(Math.max(...rows.map((r) => r.separationNMax))),
          maxResidual: fmt(Math.max(...rows.map((r) => r.residual))),
        },
        figures: [
          {
            id: 'vardi.eta-beyond',
            title: 'max_i η_min/√d beyond the separation hypothesis (n = d/10, d/20)',
            mark: 'scatter',
            x: 'n',
            y: 'maxEtaMinOverSqrtD',
            data: rows.map((r) => ({ ...r })),
          },
        ],
      }),
    }),
  ],
  controls: [],
  profiles: budgets({ configurations: 1, trials: 4 }, { configurations: 2, trials: 6 }, { configurations: 8, trials: 20 }),
});
