import { budgets } from '#core/claim/budgets.js';
import { overrideControl } from '#core/claim/controls.js';
import { defineClaim } from '#core/claim/definePaper.js';
import type { Hypotheses, Profile } from '#core/claim/types.js';
import { deterministicCheck } from '#core/checks/deterministic.js';
import { defineSpace, fixed, int, oneOf, type PointOf } from '#core/space/index.js';
import { biasOffset, forward, outputOffset } from '../model/biasedRelu.js';
import { pgdAttackSpan, type SpanPgdNetwork } from '../model/pgd.js';
import { buildRobustNetwork, robustNetworkTrace } from '../model/robustNetwork.js';
import { maxInnerProduct, sampleSphereData } from '../model/sphereData.js';
import { universalPerturbation } from '../model/universal.js';
import type { WithControlValues } from './shared/controlValues.js';

/** Largest d and n of the regime by profile (d ≥ 10, n ≥ 2). */
const ROBUST_MAX: Record<Profile, { d: number; n: number }> = { smoke: { d: 150, n: 10 }, standard: { d: 250, n: 16 }, paper: { d: 1000, n: 50 } };

const robustSpace = defineSpace({
  d: int({ min: 10, max: (c) => ROBUST_MAX[c.profile].d }),
  n: int({ min: 2, max: (c) => ROBUST_MAX[c.profile].n }),
  /** β = c + betaFrac·(1 − c) ∈ (c, 1). */
  betaFrac: oneOf([0.1, 0.25, 0.5, 0.75, 0.9], {
    describe: 'β = c + f·(1 − c), f ∈ {0.1, 0.25, 0.5, 0.75, 0.9}; data uniform on √d·S^{d−1} (c = max|⟨x_i,x_j⟩|/d measured)',
  }),
  /** The attack runs at radiusFactor × the certified radius (1 in the claim; 1.05 in the control). */
  radiusFactor: fixed(1),
});

type RobustParams = WithControlValues<PointOf<typeof robustSpace>, { radiusFactor: 1.05 }>;
const robustHyp: Hypotheses<RobustParams> = robustSpace.hypotheses();

/**
 * Vardi, Yehudai, Shamir (NeurIPS 2022): a robust network exists — w_i = x_i, b_i = −βd, a_i = y_i/((1−β)d) labels every x_i
 * and no ‖δ‖ < min(1−β, β−c)·√d flips a label (c = max_{i≠j}|⟨x_i,x_j⟩|/d < β < 1). docs/theory/catalogue.md "Vardi et al. 2022".
 */
export const robustNetworkExists = defineClaim<RobustParams>({
  id: 'vardi.robust-network-exists',
  paper: 'vardi',
  statement:
    'If $\\max_{i \\ne j}|\\langle x_i, x_j\\rangle| \\le c\\,d$, $c < 1$, the network with $w_i = x_i$, $b_i = -\\beta d$ ($c < \\beta < 1$), ' +
    '$a_i = y_i/((1-\\beta)d)$ labels every $x_i$ correctly and no δ with $\\|\\delta\\| < \\min(1-\\beta, \\beta-c)\\sqrt{d}$ changes a label; ' +
    'an attack (PGD on the margin from 0, random starts, $\\pm x_i$ and the universal direction) never beats the certificate, and the ' +
    'universal perturbation needs ‖δ‖ ≥ the radius.',
  hypotheses: robustHyp,
  checks: [
    deterministicCheck<RobustParams>({
      name: 'certified-radius',
      describe: 'f(x_i) = y_i; PGD within radiusFactor·r·(1 − 1e-6) never flips; universal ‖δ‖ ≥ r',
      check: (p, rng) => {
        const data = sampleSphereData(rng.child('data'), p.d, p.n);
        const c = maxInnerProduct(data.K, p.n) / p.d;
        const beta = c + p.betaFrac * (1 - c);
        const net = buildRobustNetwork(data.X as Float64Array, data.y, data.K, p.d, beta);
        const X = data.X as Float64Array;
        const r = net.radius * p.radiusFactor * (1 - 1e-6);
        let worst = 0;
        let detail = `c=${c.toFixed(4)} β=${beta.toFixed(4)} r=${net.radius.toFixed(4)}`;
        let ok = true;
        // The attack runs in the coordinates of span{x_l} (pgdAttackSpan: O(n) per step instead of O(nd)); W = X, so K is the data's Gram matrix.
        const bo = biasOffset(net.shape);
        const ao = outputOffset(net.shape);
        const spanNet: SpanPgdNetwork = {
          d: p.d,
          k: p.n,
          W: net.theta.subarray(0, p.n * p.d),
          K: data.K,
          b: net.theta.subarray(bo, bo + p.n),
          a: net.theta.subarray(ao, ao + p.n),
        };
        const u = new Float64Array(p.d);
        for (let i = 0; i < p.n; i++) for (let j = 0; j < p.d; j++) u[j] += data.y[i] * X[i * p.d + j];
        for (let i = 0; i < p.n; i++) {
          const x = X.subarray(i * p.d, (i + 1) * p.d);
          const fx = forward(net.theta, net.shape, x);
          if (Math.abs(fx - data.y[i]) > 1e-9) {
            ok = false;
            detail += `; f(x_${i}) = ${fx} ≠ y_${i} = ${data.y[i]}`;
          }
          const atk = pgdAttackSpan({
            net: spanNet,
            x,
            y: data.y[i],
            radius: r,
            steps: 30,
            randomStarts: 1,
            directions: [u, Float64Array.from(x)],
            rng: rng.child('attack', i),
          });
          const removed = 1 - atk.margin / (data.y[i] * fx);
          if (removed > worst) worst = removed;
          if (atk.flipped) {
            ok = false;
            detail += `; PGD flipped x_${i} at ‖δ‖ = ${Math.hypot(...atk.delta).toFixed(4)} < ${r.toFixed(4)}`;
            break;
          }
        }
        const up = universalPerturbation(robustNetworkTrace(data.K, data.y, p.d, beta).trace);
        let minUniversal = Infinity;
        for (const v of up.deltaMin) minUniversal = Math.min(minUniversal, v);
        if (minUniversal < net.radius * p.radiusFactor * (1 - 1e-9)) {
          ok = false;
          detail += `; universal flip at ‖δ‖ = ${minUniversal} < r`;
        }
        detail += `; universal ‖δ_all‖/r = ${(up.deltaAll / net.radius).toFixed(3)}`;
        return { ok, measured: worst, bound: 1, detail };
      },
    }),
  ],
  controls: [
    overrideControl(
      'radius-inflated-5pct',
      'claimed radius 1.05·(1 − β)√d with β ≥ (1 + c)/2: PGD along −x_i flips just beyond (1 − β)√d, so the inflated ' +
        'certificate is beaten (shows the attack can falsify)',
      robustHyp,
      (p) => ({ ...p, betaFrac: p.betaFrac < 0.5 ? 0.5 : p.betaFrac, radiusFactor: 1.05 }),
    ),
  ],
  profiles: budgets(
    { configurations: 2, trials: 2, controlConfigurations: 1 },
    { configurations: 4, trials: 3, controlConfigurations: 1 },
    { configurations: 20, trials: 10 },
  ),
});
