import { getActivation, type Activation } from './activations.js';
import { forward, inputGradient, preActivations, sampleTwoLayerNet, type OutputWeights, type TwoLayerNet } from './twoLayer.js';
import { matvec, norm2sq } from '../../../core/linalg/kernels.js';
import { normalVector, spherePoint } from '../../../core/random/samplers.js';
import type { Stream } from '../../../core/random/stream.js';

/** Input law: x uniform on √d·S^{d−1} (the theorem) or x ~ N(0, I_d) (the slides' variant). */
export type BubeckInput = 'sphere' | 'gaussian';
export type BubeckMethod = 'naive' | 'reduced';

/** One Bubeck trial's configuration (flat, JSON-serialisable). */
export interface BubeckTrialParams {
  d: number;
  k: number;
  activation: string;
  /** a_l ~ U{±1} ('rademacher', default) or N(0, 1) ('gaussian'). */
  outputWeights?: OutputWeights;
  /** default 'sphere'. */
  input?: BubeckInput;
}

export type ResolvedBubeckParams = Required<BubeckTrialParams>;

/**
 * Everything the Bubeck claims need about one draw of (net, x), with
 * f(x) = k^{-1/2} Σ a_l σ(w_l·x), c = a ⊙ σ′(Wx)/√k, g = ∇f(x) = Wᵀc.
 *
 * Both samplers (naive: W and x materialised; reduced: O(k) exact simulation) return this
 * interface, with the same joint law of every field and method.
 *
 * Gradient stability works in *exact coordinates*: an isometric coordinate system of a subspace
 * of R^d that contains x and every row w_l (naive: the standard basis of R^d; reduced: x̂ and an
 * orthonormal basis of the rows' projections on x^⊥, dimension 1 + min(k, d−1)). A vector of R^d
 * is represented by its coordinates there; its component orthogonal to that subspace changes no
 * pre-activation (so neither f nor ∇f) and only adds norm. Norms of coordinate vectors are true
 * Euclidean norms in R^d.
 */
export interface BubeckTrialSample {
  readonly method: BubeckMethod;
  readonly params: ResolvedBubeckParams;
  readonly act: Activation;
  /** Output weights a (length k). */
  readonly a: Float64Array;
  /** Pre-activations u = W x (length k). */
  readonly u: Float64Array;
  /** W ∇f(x) (length k): the pre-activations move as W(x + t∇f) = u + t·stepPre. */
  readonly stepPre: Float64Array;
  /** ‖x‖² (= d on the sphere). */
  readonly xNormSq: number;
  /** f(x). */
  readonly f: number;
  /** u·c = x·∇f(x). */
  readonly uDotC: number;
  /** ‖c‖² = Σ_l a_l² σ′(u_l)²/k. */
  readonly cNormSq: number;
  /** ‖∇f(x)‖². */
  readonly gradNormSq: number;
  /** f(x + t·∇f(x)) = k^{-1/2} Σ a_l σ(u_l + t·stepPre_l), exact for every t. */
  fAlong(t: number): number;
  /** Dimension of the exact coordinates (naive: d; reduced: 1 + min(k, d − 1)). */
  readonly coordDim: number;
  /** x in exact coordinates (a fresh copy). */
  xCoords(): Float64Array;
  /** ∇f(x) in exact coordinates (a fresh copy). */
  gradCoords(): Float64Array;
  /** f(x + δ) for δ in exact coordinates. */
  fAt(delta: Float64Array): number;
  /** ∇f(x + δ) in exact coordinates, for δ in exact coordinates. */
  gradAt(delta: Float64Array): Float64Array;
  /**
   * The exact-coordinate part of a uniformly random unit vector of R^d drawn from `rng`
   * (naive: the unit vector itself; reduced: its projection, of norm ≤ 1 — the rest is invisible
   * to the net). δ = R·(this) has exactly the law of ∇f-relevant part of R·(uniform unit vector).
   */
  randomUnitDirection(rng: Stream): Float64Array;
  /** The net in exact coordinates (naive: the net itself; reduced: materialised on first use, O(k·min(k, d))). */
  coordNet(): TwoLayerNet;
}

const OUTPUT_WEIGHTS: readonly OutputWeights[] = ['rademacher', 'gaussian'];
const INPUTS: readonly BubeckInput[] = ['sphere', 'gaussian'];

/** Validate and fill defaults; errors name the API, the parameter, the value and the allowed range. */
export function resolveBubeckParams(api: string, p: BubeckTrialParams): ResolvedBubeckParams {
  if (!Number.isInteger(p.d) || p.d < 1) throw new RangeError(`${api}: d must be an integer ≥ 1, got ${p.d}`);
  if (!Number.isInteger(p.k) || p.k < 1) throw new RangeError(`${api}: k must be an integer ≥ 1, got ${p.k}`);
  getActivation(p.activation);
  const outputWeights = p.outputWeights ?? 'rademacher';
  if (!OUTPUT_WEIGHTS.includes(outputWeights))
    throw new RangeError(`${api}: outputWeights must be one of ${OUTPUT_WEIGHTS.join(', ')}, got ${String(outputWeights)}`);
  const input = p.input ?? 'sphere';
  if (!INPUTS.includes(input)) throw new RangeError(`${api}: input must be one of ${INPUTS.join(', ')}, got ${String(input)}`);
  return { d: p.d, k: p.k, activation: p.activation, outputWeights, input };
}

/** c = a ⊙ σ′(u)/√k. */
function outputSensitivities(act: Activation, a: Float64Array, u: Float64Array): Float64Array {
  const s = 1 / Math.sqrt(u.length);
  const c = new Float64Array(u.length);
  for (let l = 0; l < u.length; l++) c[l] = s * a[l] * act.df(u[l]);
  return c;
}

/** k^{-1/2} Σ a_l σ(u_l + t·v_l): the output along a line of pre-activations. */
export function outputAlong(act: Activation, a: Float64Array, u: Float64Array, v: Float64Array, t: number): number {
  let s = 0;
  for (let l = 0; l < u.length; l++) s += a[l] * act.f(u[l] + t * v[l]);
  return s / Math.sqrt(u.length);
}

/** Largest k·d the naive sampler accepts (the W matrix alone is 8·k·d bytes). @internal */
export const NAIVE_MAX_ENTRIES = 5e7;

/**
 * Naive Bubeck trial (the reference): draw W (k × d, w_l ~ N(0, I_d/d)), a, and x (sphere or
 * Gaussian) explicitly; u = Wx, g = Wᵀc, stepPre = W g, all O(k·d).
 * fAlong uses W(x + t g) = u + t·Wg (linearity; the property test checks it against forward(x + t g)).
 */
export function naiveBubeckTrial(params: BubeckTrialParams, rng: Stream): BubeckTrialSample {
  const p = resolveBubeckParams('naiveBubeckTrial', params);
  const { d, k } = p;
  if (k * d > NAIVE_MAX_ENTRIES)
    throw new RangeError(`naiveBubeckTrial: k·d must be ≤ ${NAIVE_MAX_ENTRIES}, got ${k}·${d} = ${k * d} (use the reduced sampler)`);
  const net = sampleTwoLayerNet(rng.child('net'), d, k, p.activation, p.outputWeights);
  const x = p.input === 'sphere' ? spherePoint(rng.child('x'), d) : normalVector(rng.child('x'), d);
  const u = preActivations(net, x);
  const c = outputSensitivities(net.act, net.a, u);
  const g = inputGradient(net, x, u);
  const stepPre = matvec(net.W, k, d, g);
  let uDotC = 0;
  let cNormSq = 0;
  for (let l = 0; l < k; l++) {
    uDotC += u[l] * c[l];
    cNormSq += c[l] * c[l];
  }
  const shifted = (delta: Float64Array): Float64Array => {
    if (delta.length !== d) throw new RangeError(`naiveBubeckTrial: δ must have length coordDim = ${d}, got ${delta.length}`);
    const y = new Float64Array(d);
    for (let j = 0; j < d; j++) y[j] = x[j] + delta[j];
    return y;
  };
  return {
    method: 'naive',
    params: p,
    act: net.act,
    a: net.a,
    u,
    stepPre,
    xNormSq: norm2sq(x),
    f: outputAlong(net.act, net.a, u, stepPre, 0),
    uDotC,
    cNormSq,
    gradNormSq: norm2sq(g),
    fAlong: (t) => outputAlong(net.act, net.a, u, stepPre, t),
    coordDim: d,
    xCoords: () => x.slice(),
    gradCoords: () => g.slice(),
    fAt: (delta) => forward(net, shifted(delta)),
    gradAt: (delta) => inputGradient(net, shifted(delta)),
    randomUnitDirection: (r) => spherePoint(r, d, 1),
    coordNet: () => net,
  };
}
