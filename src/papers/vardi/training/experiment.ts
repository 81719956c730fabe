import { initTheta } from '../model/biasedRelu.js';
import type { NetTrace } from '../model/netTrace.js';
import { HypothesisError, sampleSphereData, sampleSphereGram, validateData, type DataSummary, type SphereData } from '../model/sphereData.js';
import type { Stream } from '../../../core/random/stream.js';
import { trainGD, type GdResult } from './gd.js';
import { kktCertificate, type KktCertificate } from './kkt.js';
import type { LossName } from '../../../core/linalg/losses.js';
import { NaiveModel } from './naiveModel.js';
import { sampleSpanInit, SpanModel } from './spanTrainer.js';

/**
 * One run of Vardi et al.'s setting: draw data (conditioned on the hypotheses the claim
 * states), initialise at scale s (w_l ~ N(0, s²I/d), a_l ~ N(0, s²), b = 0) and train by
 * gradient descent to L ≤ target. `trainer: 'span'` samples the Gram matrix by its exact law
 * and trains dimension-free; `'naive'` uses explicit vectors (the reference, O(knd) per step).
 */
export type TrainerName = 'span' | 'naive';

export interface RunSpec {
  d: number;
  n: number;
  k: number;
  loss: LossName;
  /** Initialisation scale s. */
  scale: number;
  trainer: TrainerName;
  /** Final loss (default 1e-30). */
  target?: number;
  /** Relative step cap ‖Δθ‖ ≤ cap·‖θ‖ (default 1e-3; 1 is effectively uncapped, a negative control). */
  cap?: number;
  /** Local error tolerance of the adaptive integrator (trainGD's `tolerance`; default none: fixed-cap GD). */
  tolerance?: number;
  /** Give up after this many accepted steps (default 200000, trainGD's); validated by trainGD. */
  maxSteps?: number;
  /** Condition the data on n ≤ (d+1)/(3(max|⟨x_i,x_j⟩|+1)) (universal-perturbation theorem). */
  requireSeparation?: boolean;
  /** Each class must hold ≥ minBalance·n points (default: both classes present). */
  minBalance?: number;
}

export interface DrawnData {
  data: SphereData;
  summary: DataSummary;
  /** Draws rejected because a hypothesis failed (conditioning by rejection). */
  rejected: number;
}

export interface TrainedRun extends DrawnData {
  result: GdResult<unknown>;
  trace: NetTrace;
}

/** Data conditioned on the spec's hypotheses, by rejection (at most maxAttempts draws). @internal */
export function drawData(rng: Stream, spec: RunSpec, maxAttempts = 200): DrawnData {
  let last: HypothesisError | null = null;
  for (let a = 0; a < maxAttempts; a++) {
    const g = rng.child('data', a);
    const data = spec.trainer === 'span' ? sampleSphereGram(g, spec.d, spec.n, spec.minBalance) : sampleSphereData(g, spec.d, spec.n, spec.minBalance);
    try {
      const summary = validateData(data, { minBalance: spec.minBalance, requireSeparation: spec.requireSeparation });
      return { data, summary, rejected: a };
    } catch (e) {
      if (!(e instanceof HypothesisError)) throw e;
      last = e;
    }
  }
  throw new HypothesisError('drawData', `no sample met the hypotheses in ${maxAttempts} draws; last: ${last?.message ?? ''}`, {
    d: spec.d,
    n: spec.n,
    maxAttempts,
  });
}

/** The untrained net (for the random-initialisation control) and the model to train it with. */
function setup(rng: Stream, spec: RunSpec, data: SphereData): { train: (target: number) => GdResult<unknown>; initTrace: NetTrace } {
  const cap = spec.cap ?? 1e-3;
  const opts = { loss: spec.loss, cap, maxSteps: spec.maxSteps, tolerance: spec.tolerance };
  if (spec.trainer === 'span') {
    if (!data.C) throw new RangeError('trainRun: span trainer needs the Cholesky factor C of K (sampleSphereGram)');
    const model = new SpanModel(spec.d, spec.k, data.K, data.y);
    const s0 = model.state(sampleSpanInit(rng, spec.d, spec.k, data.C, spec.n, spec.scale));
    return { train: (target) => trainGD(model, s0, { ...opts, target }) as GdResult<unknown>, initTrace: model.trace(s0) };
  }
  if (!data.X) throw new RangeError('trainRun: naive trainer needs explicit inputs X');
  const model = new NaiveModel({ d: spec.d, k: spec.k }, data.X, data.y, data.K);
  const s0 = model.state(initTheta(rng, { d: spec.d, k: spec.k }, spec.scale));
  return { train: (target) => trainGD(model, s0, { ...opts, target }) as GdResult<unknown>, initTrace: model.trace(s0) };
}

/** Validates a run spec; errors name the parameter, value and allowed range. @internal */
export function validateRunSpec(spec: RunSpec): void {
  const int = (name: string, v: number, min: number): void => {
    if (!Number.isInteger(v) || v < min) throw new RangeError(`trainRun: ${name} must be an integer ≥ ${min}, got ${v}`);
  };
  int('d', spec.d, 2);
  int('n', spec.n, 2);
  int('k', spec.k, 1);
  if (spec.trainer === 'span' && spec.d < spec.n) throw new RangeError(`trainRun: d must be ≥ n = ${spec.n} for the span trainer, got ${spec.d}`);
  if (spec.trainer !== 'span' && spec.trainer !== 'naive') throw new RangeError(`trainRun: trainer must be "span" or "naive", got "${spec.trainer as string}"`);
  if (!(spec.scale > 0 && spec.scale < 1)) throw new RangeError(`trainRun: scale must be in (0, 1), got ${spec.scale}`);
}

/** Draws data and trains (see the file comment). */
export function trainRun(rng: Stream, spec: RunSpec): TrainedRun {
  validateRunSpec(spec);
  const drawn = drawData(rng, spec);
  const { train } = setup(rng.child('init'), spec, drawn.data);
  const result = train(spec.target ?? 1e-30);
  return { ...drawn, result, trace: result.trace };
}

/** The net at its random initialisation (no training) on hypothesis-conditioned data. */
export function initialRun(rng: Stream, spec: RunSpec): DrawnData & { trace: NetTrace } {
  validateRunSpec(spec);
  const drawn = drawData(rng, spec);
  return { ...drawn, trace: setup(rng.child('init'), spec, drawn.data).initTrace };
}

/**
 * A run that reached L ≤ target ("once L ≤ 1e-30", docs/theory/catalogue.md): training that stalls (e.g. a
 * sample on which every ReLU is dead keeps L ≥ ℓ(0)) is re-drawn, at most maxAttempts times;
 * `notReached` counts the re-draws (the last run is returned, unreached, if none reached).
 */
export function fittedRun(rng: Stream, spec: RunSpec, maxAttempts = 3): TrainedRun & { notReached: number } {
  let last: TrainedRun | null = null;
  for (let a = 0; a < maxAttempts; a++) {
    last = trainRun(rng.child('attempt', a), spec);
    if (last.result.reached) return { ...last, notReached: a };
  }
  return { ...(last as TrainedRun), notReached: maxAttempts };
}

export interface CertifiedRun extends TrainedRun {
  certificate: KktCertificate;
  /** Training runs whose end point was not certified (re-drawn: the theorems assume a KKT point). */
  uncertified: number;
  certified: boolean;
}

/**
 * A run whose end point carries a KKT certificate (the universal-perturbation theorem
 * assumes θ is a KKT point): re-draws data and init up to maxAttempts times; the last run is
 * returned with certified = false if none passed.
 */
export function certifiedRun(rng: Stream, spec: RunSpec, maxAttempts = 3): CertifiedRun {
  let last: CertifiedRun | null = null;
  for (let a = 0; a < maxAttempts; a++) {
    const run = trainRun(rng.child('attempt', a), spec);
    const certificate = kktCertificate(run.trace);
    const ok = run.result.reached && certificate.certified;
    last = { ...run, certificate, uncertified: ok ? a : a + 1, certified: ok };
    if (ok) return last;
  }
  return last as CertifiedRun;
}
