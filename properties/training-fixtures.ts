import { biasOffset, initTheta, outputOffset, type BiasedReluShape } from '../src/papers/vardi/model/biasedRelu.js';
import type { SphereData } from '../src/papers/vardi/model/sphereData.js';
import { sampleSphereData } from '../src/papers/vardi/model/sphereData.js';
import type { Stream } from '../src/core/random/stream.js';
import { trainGD, type GdOptions } from '../src/papers/vardi/training/gd.js';
import { NaiveModel, type NaiveState } from '../src/papers/vardi/training/naiveModel.js';
import { SpanModel, spanInitFromTheta, type SpanInit } from '../src/papers/vardi/training/spanTrainer.js';

/**
 * Shared set-ups of the training properties (training-models, kkt-unit, vardi-kkt, vardi-training):
 * one θ on explicit sphere data in both parametrisations, and a naive net trained by trainGD.
 */

/** The naive model of θ on explicit data X, and the span model with the initialisation of the same θ (P = W Xᵀ, ‖w_l‖², a, b). */
export function twinModels(data: SphereData, theta: Float64Array, shape: BiasedReluShape): { naive: NaiveModel; span: SpanModel; spanInit: SpanInit } {
  const { d, k } = shape;
  const X = data.X as Float64Array;
  return {
    naive: new NaiveModel(shape, X, data.y, data.K),
    span: new SpanModel(d, k, data.K, data.y),
    spanInit: spanInitFromTheta(
      theta.subarray(0, k * d),
      k,
      d,
      X,
      data.n,
      theta.slice(outputOffset(shape)),
      theta.slice(biasOffset(shape), outputOffset(shape)),
    ),
  };
}

/** Data on rng.child('data'), θ(0) of the given scale on rng.child('init'), and the naive model trained by trainGD with `opts`. */
export function trainedNaive(rng: Stream, d: number, n: number, k: number, scale: number, opts: GdOptions) {
  const data = sampleSphereData(rng.child('data'), d, n);
  const model = new NaiveModel({ d, k }, data.X as Float64Array, data.y, data.K);
  const r = trainGD(model, model.state(initTheta(rng.child('init'), { d, k }, scale)), opts);
  return { data, model, r, theta: (r.state as NaiveState).theta };
}
