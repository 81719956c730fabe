import { budgets } from '#core/claim/budgets.js';
import { overrideControl } from '#core/claim/controls.js';
import { defineClaim } from '#core/claim/definePaper.js';
import type { Hypotheses } from '#core/claim/types.js';
import { identityCheck } from '#core/checks/identity.js';
import { probabilityCheck } from '#core/checks/probability.js';
import type { Stream } from '#core/random/stream.js';
import { defineSpace, fixed, int, oneOf, type PointOf, type SpaceContext } from '#core/space/index.js';
import { maxInnerProduct, sampleClusteredData, sampleSphereGramMatrix } from '../model/sphereData.js';
import { pairTailExact, separationThreshold } from './shared/separation.js';
import type { WithControlValues } from './shared/controlValues.js';

/** The regime by profile: d ∈ [20, 5000] (paper: [20, 20000]), n ∈ [2, min(60, d)] (paper: min(200, d)), γ ∈ {0.01, 0.05, 0.1, 0.2}. */
const separationSpace = defineSpace({
  d: int({ min: 20, max: (c) => (c.profile === 'paper' ? 20000 : 5000) }),
  n: int({ min: 2, max: (c: SpaceContext<{ d: number }>) => Math.min(c.profile === 'paper' ? 200 : 60, c.p.d) }),
  gamma: oneOf([0.01, 0.05, 0.1, 0.2]),
  data: fixed('sphere', { describe: 'uniform on √d·S^{d−1}' }),
});

/** A configuration: `data` is 'sphere' (the hypothesis) or 'clustered' (control: near-duplicates). */
type SeparationParams = WithControlValues<PointOf<typeof separationSpace>, { data: 'clustered' }>;
const separationHyp: Hypotheses<SeparationParams> = separationSpace.hypotheses();

/**
 * Gram matrix of one draw: exact law (Bartlett) for sphere data, explicit vectors for the clustered control.
 * (sampleSphereGramMatrix is sampleSphereGram's K without the labels, which neither check reads.)
 */
function separationGram(p: SeparationParams, rng: Stream): Float64Array {
  if (p.data === 'clustered') return sampleClusteredData(rng, p.d, p.n, 0.3).K;
  return sampleSphereGramMatrix(rng, Math.max(p.d, p.n), p.n).K;
}

/**
 * ⟨x_1, x_2⟩ of the draw separationGram(p, rng) makes, without the other n − 2 points: sampleSphereGramMatrix's Bartlett
 * factor draws L_11² ~ χ²_d, then L_22² ~ χ²_{d−1} and L_21 ~ N(0, 1) first from its stream, and K_12 = d·L_21/‖(L_21, L_22)‖
 * reads only those; sampleClusteredData draws x_i from its own stream x:i. Hence separationGram({…p, n: 2}, rng)[1] equals
 * separationGram(p, rng)[1] exactly (same draws, same arithmetic); only the labels (stream y, unused here) differ.
 */
function pairInnerProduct(p: SeparationParams, rng: Stream): number {
  return separationGram({ ...p, n: 2 }, rng)[1];
}

/**
 * Vardi, Yehudai, Shamir (NeurIPS 2022), the separation lemma: n points uniform on √d·S^{d−1} have
 * max_{i≠j} |⟨x_i, x_j⟩| ≤ √(2d log(n²/γ)) with probability ≥ 1 − γ; the pairwise law is Beta. docs/theory/catalogue.md "Vardi et al. 2022".
 */
export const separation = defineClaim<SeparationParams>({
  id: 'vardi.separation',
  paper: 'vardi',
  statement:
    'For n points uniform on $\\sqrt{d}\\,S^{d-1}$, $\\max_{i \\ne j} |\\langle x_i, x_j\\rangle| \\le \\sqrt{2d \\log(n^2/\\gamma)}$ with ' +
    'probability ≥ 1 − γ; the pairwise law is exact: $(\\langle x_i, x_j\\rangle/d + 1)/2 \\sim \\mathrm{Beta}\\big(\\tfrac{d-1}{2}, ' +
    '\\tfrac{d-1}{2}\\big)$.',
  hypotheses: separationHyp,
  checks: [
    probabilityCheck<SeparationParams>({
      name: 'max-inner-product',
      describe: 'P(max_{i≠j}|⟨x_i,x_j⟩| ≤ √(2d log(n²/γ))) ≥ 1 − γ (Gram matrix by its exact law, Bartlett)',
      target: (p) => 1 - p.gamma,
      delta: (p) => p.gamma / 2,
      event: (p, rng, _ctx, record) => {
        const K = separationGram(p, rng);
        const m = maxInnerProduct(K, p.n);
        const t = separationThreshold(p.d, p.n, p.gamma);
        record({ ratio: m / t });
        return m <= t;
      },
      summarise: (rows) => ({
        measured: { maxRatio: Math.max(...rows.map((r) => r.ratio)), meanRatio: rows.reduce((s, r) => s + r.ratio, 0) / rows.length },
      }),
    }),
    identityCheck<SeparationParams>({
      name: 'pair-tail-beta-law',
      describe: 'E 1{|⟨x_1,x_2⟩| > √d} = 2(1 − I_{(1 + d^{−1/2})/2}((d−1)/2, (d−1)/2)) (the Beta law)',
      // ⟨x_1, x_2⟩ alone: both samplers draw x_1, x_2 first (Bartlett rows 1–2; streams x:0, x:1), so the n = 2 draw
      // is bit for bit the K_12 of the n-point draw (properties/vardi-separation-fast.test.ts), in O(1) instead of O(n³).
      sample: (p, rng) => (Math.abs(pairInnerProduct(p, rng)) > Math.sqrt(p.d) ? 1 : 0),
      expected: (p) => pairTailExact(p.d, Math.sqrt(p.d)),
      tolerance: () => 0.05,
    }),
  ],
  controls: [
    overrideControl(
      'clustered-data',
      'near-duplicate points x_i ∝ e + 0.3 g_i (⟨x_i, x_j⟩ ≈ 0.92 d): the separation bound and the Beta law fail',
      separationHyp,
      (p) => ({ ...p, n: Math.max(3, Math.min(p.n, 20)), d: Math.min(p.d, 1000), data: 'clustered' }),
    ),
  ],
  profiles: budgets(
    { configurations: 2, trials: 400, controlConfigurations: 1 },
    { configurations: 4, trials: 800, controlConfigurations: 1 },
    { configurations: 20, trials: 4000 },
  ),
  notes:
    'The bound is the union bound over n²/2 pairs of the sub-Gaussian tail P(|⟨x_i,x_j⟩| > t) ≤ 2e^{−t²/(2d)}; the ' +
    'observed probability is far above 1 − γ (the bound is loose), the Beta-law identity checks the sampler itself.',
});
