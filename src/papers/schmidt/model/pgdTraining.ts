import type { Stream } from '#core/random/stream.js';
import { requireInt, type LabelledData } from './gaussianModel.js';
import { initMlp, mlpAccumulateLossGradient, mlpForward, mlpInputGradient, mlpScratch, type Mlp, type MlpScratch } from './mnistMlp.js';
import { linfPgdExample, type MarginOracle } from './pgdLinf.js';

/**
 * The margin oracle of an MLP for label y: m(x) = y·f(x), ∇ₓ m = y·∇ₓ f (for the ℓ∞ PGD of pgdLinf.ts).
 * The scratch `s` holds the pre-activations of the last evaluation.
 */
export function mlpMarginOracle(net: Mlp, y: number, s: MlpScratch = mlpScratch(net)): MarginOracle {
  return (x, gradOut) => {
    const f = mlpForward(net, x, s);
    mlpInputGradient(net, s, gradOut);
    if (y < 0) for (let i = 0; i < gradOut.length; i++) gradOut[i] = -gradOut[i];
    return y * f;
  };
}

/** Settings of {@link trainMlpPgd}. */
export interface PgdTrainingOptions {
  /** Hidden units h. */
  hidden: number;
  /** ℓ∞ radius ε of the training attack (0: standard training). */
  eps: number;
  /** PGD steps k of the training attack (random start, step 2.5ε/k). */
  attackSteps: number;
  /** Epochs over the n samples; at least `minUpdates` minibatch updates are made in all. */
  epochs: number;
  /** Minibatch size (min(batchSize, n) is used). @defaultValue 32 */
  batchSize?: number;
  /** Lower bound on the number of Adam updates (so that tiny n are trained too). @defaultValue 200 */
  minUpdates?: number;
  /** Adam step size. @defaultValue 2·10⁻³ */
  learningRate?: number;
  /** Fraction of the updates over which the training radius ramps linearly from 0 to ε (0: ε throughout, Madry et al.'s schedule). @defaultValue 0 */
  warmup?: number;
  rng: Stream;
}

/** Adam's defaults (Kingma & Ba 2015): β₁ = 0.9, β₂ = 0.999, ε̂ = 10⁻⁸. */
const ADAM = { beta1: 0.9, beta2: 0.999, epsHat: 1e-8 } as const;

/** A trained network and what training measured. */
export interface PgdTrainingResult {
  net: Mlp;
  /** Adam updates made. */
  updates: number;
  /** Mean logistic loss at the adversarial examples of the last (possibly partial) epoch. */
  finalAdversarialLoss: number;
}

/**
 * PGD adversarial training (Madry et al. 2018, eq. 2.1: min_θ E max_{x′∈B(x)} ℓ(y f_θ(x′))), for a
 * d → h → 1 ReLU network with the logistic loss: every minibatch is replaced by its k-step ℓ∞ PGD examples
 * (random start, pixels boxed to [0, 1]) against the current θ, then one Adam step on their mean loss.
 * Updates U = max(minUpdates, epochs·⌈n/B⌉); each epoch visits the n samples in a fresh random order.
 * Streams: init on rng.child('init'), epoch e's order on rng.child('order', e), the attack of update u,
 * sample i on rng.child('attack', u).child('x', i).
 */
export function trainMlpPgd(data: LabelledData, o: PgdTrainingOptions): PgdTrainingResult {
  requireInt('trainMlpPgd', 'n', data.n, 1);
  requireInt('trainMlpPgd', 'hidden', o.hidden, 1);
  requireInt('trainMlpPgd', 'attackSteps', o.attackSteps, 1);
  requireInt('trainMlpPgd', 'epochs', o.epochs, 1);
  if (!(o.eps >= 0 && o.eps <= 1)) throw new RangeError(`trainMlpPgd: eps must be in [0, 1], got ${o.eps}`);
  const lr = o.learningRate ?? 2e-3;
  if (!(lr > 0) || !Number.isFinite(lr)) throw new RangeError(`trainMlpPgd: learningRate must be a finite number > 0, got ${lr}`);
  const batch = Math.min(o.batchSize ?? 32, data.n);
  requireInt('trainMlpPgd', 'batchSize', batch, 1);
  const minUpdates = o.minUpdates ?? 200;
  requireInt('trainMlpPgd', 'minUpdates', minUpdates, 0);
  const warmup = o.warmup ?? 0;
  if (!(warmup >= 0 && warmup <= 1)) throw new RangeError(`trainMlpPgd: warmup must be in [0, 1], got ${warmup}`);
  const { n, d } = data;
  const net = initMlp(o.rng.child('init'), d, o.hidden);
  const P = net.theta.length;
  const grad = new Float64Array(P);
  const m1 = new Float64Array(P);
  const m2 = new Float64Array(P);
  const s = mlpScratch(net);
  const xAdv = new Float64Array(d);
  const perBatch = Math.ceil(n / batch);
  const updates = Math.max(minUpdates, o.epochs * perBatch);
  const order = new Int32Array(n);
  let epochLoss = 0;
  let epochCount = 0;
  let lastEpochLoss = NaN;
  for (let u = 0; u < updates; u++) {
    const slot = u % perBatch;
    if (slot === 0) {
      // A fresh Fisher–Yates order per epoch.
      const r = o.rng.child('order', u / perBatch);
      for (let i = 0; i < n; i++) order[i] = i;
      for (let i = n - 1; i > 0; i--) {
        const j = r.int(i + 1);
        const t = order[i];
        order[i] = order[j];
        order[j] = t;
      }
      if (epochCount > 0) lastEpochLoss = epochLoss / epochCount;
      epochLoss = 0;
      epochCount = 0;
    }
    grad.fill(0);
    const from = slot * batch;
    const to = Math.min(n, from + batch);
    const attackRng = o.rng.child('attack', u);
    const epsU = warmup > 0 ? o.eps * Math.min(1, (u + 1) / (warmup * updates)) : o.eps;
    for (let b = from; b < to; b++) {
      const i = order[b];
      const x = data.X.subarray(i * d, (i + 1) * d);
      const y = data.y[i];
      linfPgdExample(mlpMarginOracle(net, y, s), x, epsU, o.attackSteps, attackRng.child('x', i), xAdv);
      const f = mlpForward(net, xAdv, s);
      epochLoss += mlpAccumulateLossGradient(net, xAdv, y, f, s, grad, 1 / (to - from));
      epochCount++;
    }
    // Adam with bias correction.
    const t = u + 1;
    const c1 = 1 / (1 - Math.pow(ADAM.beta1, t));
    const c2 = 1 / (1 - Math.pow(ADAM.beta2, t));
    const theta = net.theta;
    for (let k = 0; k < P; k++) {
      const g = grad[k];
      m1[k] = ADAM.beta1 * m1[k] + (1 - ADAM.beta1) * g;
      m2[k] = ADAM.beta2 * m2[k] + (1 - ADAM.beta2) * g * g;
      theta[k] -= (lr * m1[k] * c1) / (Math.sqrt(m2[k] * c2) + ADAM.epsHat);
    }
  }
  if (epochCount > 0) lastEpochLoss = epochLoss / epochCount;
  return { net, updates, finalAdversarialLoss: lastEpochLoss };
}
