import { budgets } from '#core/claim/budgets.js';
import { overrideControl } from '#core/claim/controls.js';
import { defineClaim } from '#core/claim/definePaper.js';
import { deterministicCheck } from '#core/checks/deterministic.js';
import { dot, norm2 } from '#core/linalg/kernels.js';
import { spherePoint } from '#core/random/samplers.js';
import { defineSpace, fixed, int, oneOf, type PointOf } from '#core/space/index.js';
import { implScales, requireImpl } from '../model/mutants.js';
import { forward, inputGradient } from '../model/twoLayer.js';
import { draw } from './shared/sampling.js';
import { activationOf, INPUT_LABELS, REFERENCE_STEP, SMOOTH } from './shared/space.js';

/** d ∈ [2, 48], k ∈ [1, 48], smooth σ, ReLU and the identity, both laws of a and of x; γ unused. */
const space = defineSpace({
  d: int({ min: 2, max: 48 }),
  k: int({ min: 1, max: 48 }),
  activation: activationOf([...SMOOTH, 'relu', 'identity']),
  outputWeights: oneOf(['rademacher', 'gaussian']),
  input: oneOf(['sphere', 'gaussian'], { labels: INPUT_LABELS }),
  gamma: fixed(0.05, { describe: false }),
  ...REFERENCE_STEP,
});
const hypotheses = space.hypotheses();

/** Bubeck et al. 2021's gradient ∇f(x) = k^{-1/2} Σ a_l σ′(w_l·x) w_l against finite differences, and ‖P∇f‖ ≤ ‖∇f‖ for P = I − xxᵀ/‖x‖². */
export const projection = defineClaim<PointOf<typeof space>>({
  id: 'bubeck.projection',
  paper: 'bubeck',
  statement:
    "$\\|P\\nabla f(x)\\| \\le \\|\\nabla f(x)\\|$ with $P = I - xx^\\top/\\|x\\|^2$; the analytic $\\nabla f = k^{-1/2} \\sum_l a_l\\, \\sigma'(w_l " +
    '\\cdot x)\\, w_l$ matches central finite differences.',
  hypotheses,
  checks: [
    deterministicCheck({
      name: 'projection-and-finite-differences',
      describe:
        '‖P∇f‖ ≤ ‖∇f‖(1 + 1e-12); |(f(x+hv) − f(x−hv))/2h − ∇f·v| ≤ 1e-6·(‖∇f‖ + |f|) for 3 random unit v, h = 1e-5 (ReLU: directions crossing a ' +
        'kink within h are excluded, where ∇f is not defined)',
      check: (p, rng) => {
        const { net, x } = draw(p, rng);
        const gs = implScales(requireImpl(p.impl), p.k).gs;
        const g = inputGradient(net, x);
        for (let j = 0; j < g.length; j++) g[j] *= gs;
        const gn = norm2(g);
        const xx = dot(x, x);
        const gx = dot(g, x);
        const pg = Math.sqrt(Math.max(0, gn * gn - (gx * gx) / xx));
        if (!(pg <= gn * (1 + 1e-12))) return { ok: false, measured: pg / gn, bound: 1, detail: `‖P∇f‖ = ${pg} > ‖∇f‖ = ${gn}` };
        const h = 1e-5;
        let worst = 0;
        const f0 = Math.abs(forward(net, x));
        for (let i = 0; i < 3; i++) {
          const v = spherePoint(rng.child('v', i), p.d, 1);
          if (!Number.isFinite(net.act.smoothness)) {
            let crosses = false;
            for (let l = 0; l < net.k && !crosses; l++) {
              let u = 0;
              let uv = 0;
              for (let j = 0; j < net.d; j++) {
                u += net.W[l * net.d + j] * x[j];
                uv += net.W[l * net.d + j] * v[j];
              }
              if (Math.abs(u) <= h * Math.abs(uv) * 1.01) crosses = true;
            }
            if (crosses) continue;
          }
          const xp = Float64Array.from(x, (xj, j) => xj + h * v[j]);
          const xm = Float64Array.from(x, (xj, j) => xj - h * v[j]);
          const fd = (forward(net, xp) - forward(net, xm)) / (2 * h);
          const err = Math.abs(fd - dot(g, v)) / (gn + f0 + 1e-300);
          worst = Math.max(worst, err);
        }
        return { ok: worst <= 1e-6, measured: worst, bound: 1e-6, detail: `max relative |FD − ∇f·v| = ${worst.toExponential(3)}` };
      },
    }),
  ],
  controls: [
    overrideControl('grad-missing-inv-sqrt-k', 'analytic ∇f without the k^{-1/2} factor: disagrees with finite differences', hypotheses, (p) => ({
      ...p,
      impl: 'grad-missing-inv-sqrt-k',
      k: Math.max(p.k, 4),
      activation: p.activation === 'relu' ? 'tanh' : p.activation,
    })),
  ],
  profiles: budgets({ configurations: 4, trials: 10 }, { configurations: 12, trials: 30 }, { configurations: 50, trials: 100 }),
});
