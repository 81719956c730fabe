import { budgets } from '#core/claim/budgets.js';
import { defineClaim } from '#core/claim/definePaper.js';
import { deterministicCheck } from '#core/checks/deterministic.js';
import { dot, norm2 } from '#core/linalg/kernels.js';
import { spherePoint } from '#core/random/samplers.js';
import { implScales, requireImpl } from '../model/mutants.js';
import { forward, inputGradient } from '../model/twoLayer.js';
import { boxHypotheses, control } from './shared/hypotheses.js';
import { draw } from './shared/sampling.js';
import { SMOOTH, type BubeckParams } from './shared/space.js';

const projHyp = boxHypotheses(() => ({
  d: [2, 48],
  k: [1, 48],
  activations: [...SMOOTH, 'relu', 'identity'],
  outputWeights: ['rademacher', 'gaussian'],
  inputs: ['sphere', 'gaussian'],
}));
export const projection = defineClaim<BubeckParams>({
  id: 'bubeck.projection',
  paper: 'bubeck',
  statement: '‖P∇f(x)‖ ≤ ‖∇f(x)‖ with P = I − xxᵀ/‖x‖²; the analytic ∇f = k^{-1/2} Σ a_l σ′(w_l·x) w_l matches central finite differences.',
  hypotheses: projHyp,
  checks: [
    deterministicCheck({
      name: 'projection-and-finite-differences',
      describe:
        '‖P∇f‖ ≤ ‖∇f‖(1 + 1e-12); |(f(x+hv) − f(x−hv))/2h − ∇f·v| ≤ 1e-6·(‖∇f‖ + |f|) for 3 random unit v, h = 1e-5 (ReLU: directions crossing a kink within h are excluded, where ∇f is not defined)',
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
    control(
      'grad-missing-inv-sqrt-k',
      'analytic ∇f without the k^{-1/2} factor: disagrees with finite differences',
      projHyp,
      { impl: 'grad-missing-inv-sqrt-k' },
      (p) => ({ ...p, k: Math.max(p.k, 4), activation: p.activation === 'relu' ? 'tanh' : p.activation }),
    ),
  ],
  profiles: budgets({ configurations: 4, trials: 10 }, { configurations: 12, trials: 30 }, { configurations: 50, trials: 100 }),
});
