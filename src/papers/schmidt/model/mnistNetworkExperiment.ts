import type { Stream } from '#core/random/stream.js';
import { requireInt, type LabelledData } from './gaussianModel.js';
import { MNIST_PIXELS, mnistPair } from './mnist.js';
import type { Mlp } from './mnistMlp.js';
import { linfPgdAttack } from './pgdLinf.js';
import { mlpMarginOracle, trainMlpPgd } from './pgdTraining.js';

/**
 * The experiment of schmidt.mnist-network (Schmidt et al. 2018, §5: robustly trained networks on MNIST,
 * standard and robust test error against the training-set size n): for one digit pair and one ε, a
 * d → h → 1 ReLU network is PGD-adversarially trained (pgdTraining.ts) on n digits of the pair's training
 * split for every n of a grid, and held-out digits are attacked with ℓ∞ PGD (pgdLinf.ts, pixels boxed to
 * [0, 1]). The robust error is the attack's: a lower bound on the true robust error.
 */
export interface MnistNetworkSettings {
  pos: number;
  neg: number;
  eps: number;
  /** Training-set sizes, increasing; n ≥ the training split's size means the whole split. */
  sizes: readonly number[];
  /** 'digits': the true labels; 'shuffled': the training labels randomly permuted (a negative control). */
  labels: 'digits' | 'shuffled';
  /** Hidden units h. */
  hidden: number;
  /** PGD steps of the training attack. */
  trainSteps: number;
  epochs: number;
  minUpdates: number;
  learningRate: number;
  /** ε ramp of training (pgdTraining.ts `warmup`). */
  warmup: number;
  /** PGD steps of the evaluation attack, per start. */
  attackSteps: number;
  /** Random starts of the evaluation attack besides the start at x. */
  attackRestarts: number;
}

/** What the evaluation of one held-out digit found for one network. */
export interface DigitOutcome {
  /** sgn f(x) = y. */
  correct: boolean;
  /** The attack found x′ ∈ B(x) with y f(x′) ≤ 0 (a misclassified x counts: x ∈ B(x)). */
  attacked: boolean;
}

/** One trained network of the grid. */
export interface TrainedNetwork {
  /** Training-set size actually used (≤ the split's size). */
  n: number;
  net: Mlp;
  updates: number;
  finalAdversarialLoss: number;
}

/** The experiment of one configuration: the networks by n and their (lazily attacked) held-out digits. */
export interface MnistNetworkExperiment {
  settings: MnistNetworkSettings;
  networks: TrainedNetwork[];
  test: LabelledData;
  /** Held-out digit index of trial t (a random order of the test split: trials sample without replacement). */
  testIndex(t: number): number;
  /** Outcome of held-out digit `i` for network `k` (computed once, cached). */
  outcome(k: number, i: number): DigitOutcome;
}

/** Random permutation of {0, …, n−1} (Fisher–Yates). */
function permutation(n: number, rng: Stream): Int32Array {
  const p = new Int32Array(n);
  for (let i = 0; i < n; i++) p[i] = i;
  for (let i = n - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    const t = p[i];
    p[i] = p[j];
    p[j] = t;
  }
  return p;
}

/**
 * Nested class-balanced subsets of the training split: one random order per class, and the subset of size
 * n takes the first ⌈n/2⌉ digits of `pos` and ⌊n/2⌋ of `neg` in that order (all of a class when it has
 * fewer), so the subsets of a grid are nested (common random numbers across n).
 */
function nestedSubsets(train: LabelledData, sizes: readonly number[], rng: Stream): LabelledData[] {
  const byClass = [1, -1].map((label) => {
    const rows: number[] = [];
    for (let i = 0; i < train.n; i++) if (train.y[i] === label) rows.push(i);
    const order = permutation(rows.length, rng.child('class', label));
    return Array.from(order, (k) => rows[k]);
  });
  return sizes.map((n) => {
    const take = [byClass[0].slice(0, Math.ceil(n / 2)), byClass[1].slice(0, Math.floor(n / 2))].flat();
    const X = new Float64Array(take.length * MNIST_PIXELS);
    const y = new Float64Array(take.length);
    take.forEach((row, r) => {
      X.set(train.X.subarray(row * MNIST_PIXELS, (row + 1) * MNIST_PIXELS), r * MNIST_PIXELS);
      y[r] = train.y[row];
    });
    return { n: take.length, d: MNIST_PIXELS, X, y };
  });
}

/** The training labels randomly permuted (the shuffled-labels control): the images keep their pixels. */
function shuffledLabels(train: LabelledData, rng: Stream): LabelledData {
  const p = permutation(train.n, rng);
  const y = new Float64Array(train.n);
  for (let i = 0; i < train.n; i++) y[i] = train.y[p[i]];
  return { ...train, y };
}

function requireSettings(s: MnistNetworkSettings): void {
  const api = 'mnistNetworkExperiment';
  if (!(s.eps >= 0 && s.eps <= 1)) throw new RangeError(`${api}: eps must be in [0, 1], got ${s.eps}`);
  if (s.sizes.length === 0) throw new RangeError(`${api}: sizes must be non-empty`);
  s.sizes.forEach((n, k) => {
    requireInt(api, `sizes[${k}]`, n, 2);
    if (k > 0 && n <= s.sizes[k - 1]) throw new RangeError(`${api}: sizes must increase, got ${s.sizes.join(', ')}`);
  });
  requireInt(api, 'attackSteps', s.attackSteps, 1);
  requireInt(api, 'attackRestarts', s.attackRestarts, 0);
  if (s.labels !== 'digits' && s.labels !== 'shuffled') throw new RangeError(`${api}: labels must be "digits" or "shuffled", got "${s.labels as string}"`);
}

/**
 * Train the grid's networks (network k on rng.child('train', k); the subsets on rng.child('subsets'), the
 * shuffled labels on rng.child('labels')) and return the experiment; held-out digits are attacked on demand
 * (digit i of network k on rng.child('attack', k).child('digit', i)).
 */
export function mnistNetworkExperiment(s: MnistNetworkSettings, rng: Stream): MnistNetworkExperiment {
  requireSettings(s);
  const pair = mnistPair(s.pos, s.neg);
  const train = s.labels === 'shuffled' ? shuffledLabels(pair.train, rng.child('labels')) : pair.train;
  const subsets = nestedSubsets(train, s.sizes, rng.child('subsets'));
  const networks = subsets.map((data, k): TrainedNetwork => {
    const r = trainMlpPgd(data, {
      hidden: s.hidden,
      eps: s.eps,
      attackSteps: s.trainSteps,
      epochs: s.epochs,
      minUpdates: s.minUpdates,
      learningRate: s.learningRate,
      warmup: s.warmup,
      rng: rng.child('train', k),
    });
    return { n: data.n, net: r.net, updates: r.updates, finalAdversarialLoss: r.finalAdversarialLoss };
  });
  const test = pair.test;
  const order = permutation(test.n, rng.child('test-order'));
  const cache = networks.map(() => new Map<number, DigitOutcome>());
  return {
    settings: s,
    networks,
    test,
    testIndex: (t) => {
      if (!Number.isInteger(t) || t < 0 || t >= test.n) throw new RangeError(`testIndex: t must be an integer in [0, ${test.n - 1}], got ${t}`);
      return order[t];
    },
    outcome: (k, i) => {
      let hit = cache[k].get(i);
      if (!hit) {
        const x = test.X.subarray(i * MNIST_PIXELS, (i + 1) * MNIST_PIXELS);
        const a = linfPgdAttack(mlpMarginOracle(networks[k].net, test.y[i]), x, {
          eps: s.eps,
          steps: s.attackSteps,
          randomStarts: s.attackRestarts,
          rng: rng.child('attack', k).child('digit', i),
        });
        hit = { correct: a.clean > 0, attacked: a.flipped };
        cache[k].set(i, hit);
      }
      return hit;
    },
  };
}
