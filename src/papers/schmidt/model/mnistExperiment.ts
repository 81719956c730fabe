import { binarizedWorstMargin, linfWorstMarginBoxed } from './linfLinear.js';
import { trainLogistic, type LogisticModel } from './learners.js';
import { MNIST_PIXELS, binarize, mnistPair } from './mnist.js';

/**
 * The MNIST experiment of schmidt.mnist-thresholding: a linear classifier on two digit classes, plain
 * and on binarised inputs, and the exact ℓ∞ robust margin of a held-out digit with pixels boxed to [0, 1].
 */
export interface MnistModels {
  plain: LogisticModel;
  binarized: LogisticModel;
  test: { n: number; X: Float64Array; y: Float64Array };
}
const mnistCache = new Map<string, MnistModels>();

/** Logistic regression (λ = 10⁻³, 400 accelerated steps) on the pair's training split, plain and on binarised inputs; cached (deterministic). */
export function mnistModels(pos: number, neg: number): MnistModels {
  const key = `${pos}-${neg}`;
  let m = mnistCache.get(key);
  if (!m) {
    const pair = mnistPair(pos, neg);
    m = { plain: trainLogistic(pair.train), binarized: trainLogistic(binarize(pair.train)), test: pair.test };
    mnistCache.set(key, m);
  }
  return m;
}

/** Exact robust margin of one held-out digit under the ε-ball ∩ [0, 1]^784 (plain: boxed worst case; binarised: unstable pixels chosen adversarially). */
export function mnistMargin(m: MnistModels, i: number, model: string, eps: number): number {
  const x = m.test.X.subarray(i * MNIST_PIXELS, (i + 1) * MNIST_PIXELS) as Float64Array;
  const y = m.test.y[i];
  return model === 'plain' ? linfWorstMarginBoxed(m.plain.w, m.plain.b, x, y, eps) : binarizedWorstMargin(m.binarized.w, m.binarized.b, x, y, eps);
}
