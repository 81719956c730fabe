/**
 * Benchmarks of schmidt.mnist-network (run by bench/run.ts):
 * - the kernel's speed: margin + input gradient of the d → h → 1 MLP (one PGD step) per second, and PGD
 *   adversarial-training updates per second, in the project's Float64Array kernels;
 * - the attack's strength: the standard profile's networks attacked with ever stronger ℓ∞ PGD (more steps,
 *   more random starts), to show where the robust-error estimate (a lower bound) stops moving.
 */
import { Stream } from '../src/core/random/stream.js';
import { mnistNetwork, networkSettings, type MnistNetworkParams } from '../src/papers/schmidt/claims/mnist-network.js';
import { MNIST_PIXELS, mnistPair } from '../src/papers/schmidt/model/mnist.js';
import { initMlp } from '../src/papers/schmidt/model/mnistMlp.js';
import { mnistNetworkExperiment } from '../src/papers/schmidt/model/mnistNetworkExperiment.js';
import { linfPgdAttack } from '../src/papers/schmidt/model/pgdLinf.js';
import { mlpMarginOracle, trainMlpPgd } from '../src/papers/schmidt/model/pgdTraining.js';

const round = (v: number, digits = 3): number => Number(v.toPrecision(digits));

/** PGD steps (margin + input gradient) per second at hidden width h, and training updates (32 digits, k = 5) per second. */
export function mnistNetworkSpeed(h: number): Record<string, number> {
  const pair = mnistPair(4, 9);
  const net = initMlp(new Stream('bench/mlp'), MNIST_PIXELS, h);
  const oracle = mlpMarginOracle(net, 1);
  const g = new Float64Array(MNIST_PIXELS);
  const x = pair.train.X.subarray(0, MNIST_PIXELS);
  const n = 20000;
  for (let t = 0; t < 2000; t++) oracle(x, g);
  let t0 = performance.now();
  for (let t = 0; t < n; t++) oracle(x, g);
  const stepsPerSec = (1000 * n) / (performance.now() - t0);
  const data = { ...pair.train, n: 320, X: pair.train.X.subarray(0, 320 * MNIST_PIXELS), y: pair.train.y.subarray(0, 320) };
  t0 = performance.now();
  const r = trainMlpPgd(data, { hidden: h, eps: 0.3, attackSteps: 5, epochs: 10, minUpdates: 0, rng: new Stream('bench/train') });
  const updatesPerSec = (1000 * r.updates) / (performance.now() - t0);
  return { hidden: h, pgdStepsPerSec: round(stepsPerSec), trainUpdatesPerSec: round(updatesPerSec), trainUpdates: r.updates };
}

/** The attacks of the strength ladder: steps per start and random starts besides the start at x. */
const LADDER: ReadonlyArray<{ steps: number; restarts: number }> = [
  { steps: 10, restarts: 0 },
  { steps: 20, restarts: 1 },
  { steps: 40, restarts: 1 },
  { steps: 100, restarts: 3 },
  { steps: 200, restarts: 10 },
];

/**
 * The standard profile's networks of configuration `p` (trained once on a bench stream), every held-out digit
 * attacked with each attack of LADDER: standard error, and robust error and gap (robust − standard) per attack.
 */
export function mnistNetworkAttackLadder(p: MnistNetworkParams): Record<string, unknown> {
  const budget = mnistNetwork.profiles.standard;
  const s = networkSettings(p, 'standard', budget);
  const rng = new Stream('bench/mnist-network').child(`${p.pos}-${p.neg}/${p.eps}`);
  const t0 = performance.now();
  const e = mnistNetworkExperiment(s, rng);
  const trainMs = performance.now() - t0;
  const T = e.test.n;
  const networks = e.networks.map((net, k) => {
    let wrong = 0;
    const robust = LADDER.map(() => 0);
    for (let i = 0; i < T; i++) {
      const x = e.test.X.subarray(i * MNIST_PIXELS, (i + 1) * MNIST_PIXELS);
      const oracle = mlpMarginOracle(net.net, e.test.y[i]);
      LADDER.forEach((a, j) => {
        const r = linfPgdAttack(oracle, x, { eps: p.eps, steps: a.steps, randomStarts: a.restarts, rng: rng.child('ladder', j).child(`net${k}`, i) });
        if (j === 0 && r.clean <= 0) wrong++;
        if (r.flipped) robust[j]++;
      });
    }
    return {
      n: net.n,
      standard: round(wrong / T),
      robust: Object.fromEntries(LADDER.map((a, j) => [`${a.steps}x${a.restarts + 1}`, round(robust[j] / T)])),
      movedFromClaimsAttack: round((robust[LADDER.length - 1] - robust[1]) / T),
    };
  });
  return { pair: `${p.pos}-${p.neg}`, eps: p.eps, testDigits: T, trainMs: round(trainMs), totalMs: round(performance.now() - t0), networks };
}
