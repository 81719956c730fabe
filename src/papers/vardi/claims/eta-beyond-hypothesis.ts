import { budgets } from '#core/claim/budgets.js';
import { defineClaim } from '#core/claim/definePaper.js';
import { probabilityCheck } from '#core/checks/probability.js';
import { defineSpace, fixed, oneOf, type PointOf } from '#core/space/index.js';
import { robustNetworkTrace } from '../model/robustNetwork.js';
import { maxInnerProduct, validateData } from '../model/sphereData.js';
import { universalPerturbation } from '../model/universal.js';
import { trainRun } from '../training/experiment.js';
import { kktCertificate } from '../training/kkt.js';
import { fmt } from './shared/measured.js';
import { FLOW_TOLERANCE, INIT_SCALE, STEP_CAP } from './shared/training.js';

// Loss exp; n = d/nDivisor, beyond the separation bound.
const beyondSpace = defineSpace({
  d: oneOf((c) => (c.profile === 'paper' ? [200, 500, 1000, 2000] : [200, 400])),
  /** n = d/nDivisor (10 is the slides' "n up to d/10"). */
  nDivisor: oneOf([10, 20], { describe: 'n = d/10 | d/20 (beyond the separation bound)' }),
  k: fixed(30),
  scale: fixed(INIT_SCALE),
});

type BeyondParams = PointOf<typeof beyondSpace>;

/**
 * Observation beyond Vardi, Yehudai, Shamir (NeurIPS 2022)'s separation hypothesis: the eta experiment with n = d/10 or d/20;
 * does max_i η_min stay below the robust network's certified radius? Reported, never gating.
 */
export const etaBeyondHypothesis = defineClaim<BeyondParams>({
  id: 'vardi.eta-beyond-hypothesis',
  paper: 'vardi',
  statement:
    'Observation (not a gate): the eta experiment with n up to d/10, beyond the separation hypothesis $n \\le (d+1)/\\big(3(\\max|\\langle ' +
    "x_i, x_j\\rangle| + 1)\\big)$; does $\\max_i \\eta_{\\min}(i)$ stay below the robust network's certified radius?",
  observational: true,
  hypotheses: beyondSpace.hypotheses(),
  checks: [
    probabilityCheck<BeyondParams>({
      name: 'below-robust-radius',
      describe: 'P(max_i η_min < robust certified radius) ≥ 0.9 with n = d/nDivisor (observation)',
      target: () => 0.9,
      delta: 0.15,
      event: (p, rng, _ctx, record) => {
        const n = Math.floor(p.d / p.nDivisor);
        // The eta experiment's integrator (shared/sizedRun.ts): loss-scaled flow with steps ‖Δθ‖ ≤ ‖θ‖ under the error control.
        const run = trainRun(rng, { d: p.d, n, k: p.k, loss: 'exp', scale: p.scale, trainer: 'span', cap: STEP_CAP, tolerance: FLOW_TOLERANCE });
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
  profiles: budgets({ configurations: 1, trials: 4, design: 'none' }, { configurations: 2, trials: 6, design: 'none' }, { configurations: 8, trials: 20 }),
});
