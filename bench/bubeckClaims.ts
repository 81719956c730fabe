/**
 * Benchmarks of the Bubeck et al. claims (to be run by bench/run.ts), old algorithm against new in the same process,
 * each timing the minimum of alternating repetitions:
 * - 'bubeck.gradient-stability-attack': one trial's attack (2 gradient starts + 2 random starts, 12 steps) at the
 *   paper profile's typical size (d = k = 550) and at the rate check's largest (d = k = 1600):
 *   gradientStabilityReference (four matrix–vector products per start and step) against gradientStability (all
 *   starts in lock step, two fused passes over W per step; the same bits);
 * - 'bubeck.output-draw' / 'bubeck.grad-norm-draw': the per-trial sample of output-moment / output-scale and of
 *   gradient-moment (k, d ≤ 64 and ≤ 128): the whole reduced trial (rayOf) against the draws f or ‖∇f‖² reads
 *   (outputOf, gradNormSqOf; the same bits).
 * - 'bubeck.eta-search': η_rel of 300 trials at d = k = 1000 (the paper profile's width) per σ ∈ {tanh, softplus, ReLU}:
 *   the first-order skips alone (properties/bubeck-eta-first-order-reference.ts) against first- and second-order skips
 *   (etaRelative; the same η_rel, the grid scan's).
 * Prints one JSON line per case: before/after ms, speed-up, and whether the results agree bit for bit.
 */
import { Stream } from '../src/core/random/stream.js';
import { spherePoint } from '../src/core/random/samplers.js';
import { gradientStability } from '../src/papers/bubeck/model/gradientStability.js';
import { gradientStabilityReference } from '../properties/bubeck-gradient-stability-reference.js';
import { sampleTwoLayerNet } from '../src/papers/bubeck/model/twoLayer.js';
import { gradNormSqOf, outputOf, rayOf } from '../src/papers/bubeck/claims/shared/sampling.js';
import type { Trial } from '../src/papers/bubeck/claims/shared/space.js';
import { etaRelative } from '../src/papers/bubeck/model/bubeckEta.js';
import { sampleBubeckTrial } from '../src/papers/bubeck/model/bubeckSampler.js';
import { etaRelativeFirstOrder } from '../properties/bubeck-eta-first-order-reference.js';
import { pairedMinTimesSync, round } from './timing.js';

function emit(row: Record<string, unknown>): void {
  console.log(JSON.stringify(row));
}

/** The gradient-stability attack at d = k = `size` (GELU, Gaussian a, R = 3), reference against fused. */
function attackCase(size: number, repeats: number): void {
  const rng = new Stream(`bench/bubeck-gradient-stability/${size}`);
  const net = sampleTwoLayerNet(rng.child('net'), size, size, 'gelu', 'gaussian');
  const x = spherePoint(rng.child('x'), size);
  let before = { rho: NaN, gradNorm: NaN };
  let after = { rho: NaN, gradNorm: NaN };
  const [tb, ta] = pairedMinTimesSync(
    () => (before = gradientStabilityReference(net, x, 3, rng.child('attack'))),
    () => (after = gradientStability(net, x, 3, rng.child('attack'))),
    repeats,
  );
  emit({
    case: 'bubeck.gradient-stability-attack',
    d: size,
    k: size,
    beforeMs: round(tb),
    afterMs: round(ta),
    speedup: round(tb / ta),
    rho: after.rho,
    identical: Object.is(before.rho, after.rho) && Object.is(before.gradNorm, after.gradNorm),
  });
}

/** `trials` per-trial samples of a moment claim at (d, k), the whole trial against its prefix. */
function drawCase(name: string, field: 'f' | 'gradNormSq', d: number, k: number, trials: number, repeats: number): void {
  const p: Trial = { d, k, activation: 'gelu', outputWeights: 'gaussian', input: 'sphere', impl: 'reference' };
  const root = new Stream(`bench/${name}`);
  const lean = field === 'f' ? outputOf : gradNormSqOf;
  let sb = 0;
  let sa = 0;
  const [tb, ta] = pairedMinTimesSync(
    () => {
      sb = 0;
      for (let t = 0; t < trials; t++) sb += rayOf(p, root.child('trial', t))[field];
    },
    () => {
      sa = 0;
      for (let t = 0; t < trials; t++) sa += lean(p, root.child('trial', t));
    },
    repeats,
  );
  emit({ case: name, d, k, trials, beforeMs: round(tb), afterMs: round(ta), speedup: round(tb / ta), identical: Object.is(sa, sb) });
}

/** η_rel of `trials` trials at d = k = 1000 with σ = `activation`: first-order skips against first- and second-order. */
function etaCase(activation: 'tanh' | 'softplus' | 'relu', trials: number, repeats: number): void {
  const root = new Stream(`bench/bubeck-eta/${activation}`);
  const samples = Array.from({ length: trials }, (_, t) => sampleBubeckTrial({ d: 1000, k: 1000, activation }, root.child('trial', t)));
  let before: number[] = [];
  let after: number[] = [];
  const [tb, ta] = pairedMinTimesSync(
    () => (before = samples.map((s) => etaRelativeFirstOrder(s))),
    () => (after = samples.map((s) => etaRelative(s))),
    repeats,
  );
  emit({
    case: 'bubeck.eta-search',
    activation,
    trials,
    beforeMs: round(tb),
    afterMs: round(ta),
    speedup: round(tb / ta),
    identical: before.every((v, i) => Object.is(v, after[i])),
  });
}

/** Every Bubeck case (one JSON line each). */
export async function bubeckClaims(): Promise<void> {
  attackCase(550, 5);
  attackCase(1600, 2);
  drawCase('bubeck.output-draw', 'f', 64, 64, 20000, 5);
  drawCase('bubeck.grad-norm-draw', 'gradNormSq', 64, 64, 20000, 5);
  for (const activation of ['tanh', 'softplus', 'relu'] as const) etaCase(activation, 300, 5);
  await Promise.resolve();
}
