import fc from 'fast-check';
import { budgets } from '#core/claim/budgets.js';
import { overrideControl } from '#core/claim/controls.js';
import { defineClaim } from '#core/claim/definePaper.js';
import type { Hypotheses, Profile } from '#core/claim/types.js';
import { identityCheck } from '#core/checks/identity.js';
import { probabilityCheck } from '#core/checks/probability.js';
import type { Stream } from '#core/random/stream.js';
import { maxInnerProduct, sampleClusteredData, sampleSphereGram } from '../model/sphereData.js';
import { pairTailExact, separationThreshold } from './shared/separation.js';
import { firstError, intIn, oneOf } from './shared/validators.js';

export interface SeparationParams {
  [key: string]: number | string | boolean;
  d: number;
  n: number;
  gamma: number;
  /** 'sphere' (the hypothesis) or 'clustered' (control: near-duplicates). */
  data: string;
}
const SEP_GAMMAS = [0.01, 0.05, 0.1, 0.2];
const sepRegime = (profile: Profile): { d: [number, number]; n: [number, number] } =>
  profile === 'paper' ? { d: [20, 20000], n: [2, 200] } : { d: [20, 5000], n: [2, 60] };

/** Gram matrix of one draw: exact law (Bartlett) for sphere data, explicit vectors for the clustered control. */
function separationGram(p: SeparationParams, rng: Stream): Float64Array {
  if (p.data === 'clustered') return sampleClusteredData(rng, p.d, p.n, 0.3).K;
  return sampleSphereGram(rng, Math.max(p.d, p.n), p.n).K;
}

const separationHyp: Hypotheses<SeparationParams> = {
  describe: (profile) => {
    const r = sepRegime(profile);
    return { d: `[${r.d[0]}, ${r.d[1]}]`, n: `[${r.n[0]}, min(${r.n[1]}, d)]`, gamma: SEP_GAMMAS.join(' | '), data: 'uniform on √d·S^{d−1}' };
  },
  arbitrary: (profile) => {
    const r = sepRegime(profile);
    return fc
      .integer({ min: r.d[0], max: r.d[1] })
      .chain((d) =>
        fc.record({
          d: fc.constant(d),
          n: fc.integer({ min: r.n[0], max: Math.min(r.n[1], d) }),
          gamma: fc.constantFrom(...SEP_GAMMAS),
          data: fc.constant('sphere'),
        }),
      );
  },
  validate: (p) =>
    firstError(intIn('d', p.d, 2, 1e6), intIn('n', p.n, 2, Math.min(p.d, 10000)), oneOf('gamma', p.gamma, SEP_GAMMAS), oneOf('data', p.data, ['sphere'])),
};

/**
 * Vardi, Yehudai, Shamir (NeurIPS 2022), the separation lemma: n points uniform on √d·S^{d−1} have
 * max_{i≠j} |⟨x_i, x_j⟩| ≤ √(2d log(n²/γ)) with probability ≥ 1 − γ; the pairwise law is Beta. THEOREMS.md "Vardi et al. 2022".
 */
export const separation = defineClaim<SeparationParams>({
  id: 'vardi.separation',
  paper: 'vardi',
  statement:
    'For n points uniform on √d·S^{d−1}, max_{i≠j} |⟨x_i, x_j⟩| ≤ √(2d log(n²/γ)) with probability ≥ 1 − γ; the pairwise law is exact: ((⟨x_i,x_j⟩/d) + 1)/2 ~ Beta((d−1)/2, (d−1)/2).',
  hypotheses: separationHyp,
  checks: [
    probabilityCheck<SeparationParams>({
      name: 'max-inner-product',
      describe: 'P(max_{i≠j}|⟨x_i,x_j⟩| ≤ √(2d log(n²/γ))) ≥ 1 − γ (Gram matrix by its exact law, Bartlett)',
      target: (p) => 1 - p.gamma,
      delta: (p) => p.gamma,
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
      sample: (p, rng) => (Math.abs(separationGram(p, rng)[1]) > Math.sqrt(p.d) ? 1 : 0),
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
    'The bound is the union bound over n²/2 pairs of the sub-Gaussian tail P(|⟨x_i,x_j⟩| > t) ≤ 2e^{−t²/(2d)}; the observed probability is far above 1 − γ (the bound is loose), the Beta-law identity checks the sampler itself.',
});
