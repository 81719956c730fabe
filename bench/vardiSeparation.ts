/**
 * Benchmarks of vardi.separation and vardi.robust-network-exists (to be run by bench/run.ts), old algorithm against
 * new in the same process, each timing the minimum of alternating repetitions:
 * - 'vardi.separation-pair': the pair-tail draw ⟨x_1, x_2⟩ at the paper profile's largest configuration
 *   (d = 20000, n = 200): the full Bartlett Gram matrix (O(n³)) against its first two rows (n = 2, the same value);
 * - 'vardi.robust-pgd': one trial's attacks at the paper profile's largest configuration (d = 1000, n = 50): PGD
 *   in R^d (pgdAttack, O(nd) per step) against PGD in the coordinates of span{x_l} (pgdAttackSpan, O(n) per step).
 * - 'vardi.separation-gram': the max-inner-product trial's Gram matrix (d = 20000, n = 200): sampleSphereGram's plain
 *   triple loop (kept here as the reference) against sampleSphereGramMatrix's two-row kernel (the same bits, no labels);
 * Prints one JSON line per case: before/after ms, speed-up, and the agreement of the results.
 */
import { Stream } from '../src/core/random/stream.js';
import { biasOffset, forward, inputGradient, outputOffset } from '../src/papers/vardi/model/biasedRelu.js';
import { pgdAttack, pgdAttackSpan, type PgdResult, type SpanPgdNetwork } from '../src/papers/vardi/model/pgd.js';
import { buildRobustNetwork } from '../src/papers/vardi/model/robustNetwork.js';
import { maxInnerProduct, sampleLabels, sampleSphereData, sampleSphereGram, sampleSphereGramMatrix } from '../src/papers/vardi/model/sphereData.js';
import { pairedMinTimesSync, round } from './timing.js';
import { referenceSphereGram } from '../properties/vardi-sphere-gram-reference.js';

/** The pair-tail draws of `trials` trials: |⟨x_1, x_2⟩| from a Gram matrix of `n` points. */
function pairDraws(d: number, n: number, trials: number, root: Stream): Float64Array {
  const out = new Float64Array(trials);
  for (let t = 0; t < trials; t++) out[t] = sampleSphereGram(root.child('trial', t), d, n).K[1];
  return out;
}

/** sampleSphereGram as it was: the plain triple loop for K, then the labels it drew (the reference of 'vardi.separation-gram'). */
function referenceSphereGramWithLabels(rng: Stream, d: number, n: number): Float64Array {
  const K = referenceSphereGram(rng, d, n);
  sampleLabels(rng.child('y'), n);
  return K;
}

/** One robust-network trial's attacks (every x_i, radius factor `factor`), by `attack`. */
function robustAttacks(d: number, n: number, factor: number, span: boolean, rng: Stream): PgdResult[] {
  const data = sampleSphereData(rng.child('data'), d, n);
  const c = maxInnerProduct(data.K, n) / d;
  const beta = c + 0.5 * (1 - c);
  const X = data.X as Float64Array;
  const net = buildRobustNetwork(X, data.y, data.K, d, beta);
  const bo = biasOffset(net.shape);
  const ao = outputOffset(net.shape);
  const sn: SpanPgdNetwork = { d, k: n, W: net.theta.subarray(0, n * d), K: data.K, b: net.theta.subarray(bo, bo + n), a: net.theta.subarray(ao, ao + n) };
  const u = new Float64Array(d);
  for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) u[j] += data.y[i] * X[i * d + j];
  const out: PgdResult[] = [];
  for (let i = 0; i < n; i++) {
    const x = X.subarray(i * d, (i + 1) * d);
    const common = {
      x,
      y: data.y[i],
      radius: net.radius * factor * (1 - 1e-6),
      steps: 30,
      randomStarts: 1,
      directions: [u, Float64Array.from(x)],
      rng: rng.child('attack', i),
    };
    out.push(
      span
        ? pgdAttackSpan({ ...common, net: sn })
        : pgdAttack({ ...common, f: (z) => forward(net.theta, net.shape, z), grad: (z) => inputGradient(net.theta, net.shape, z) }),
    );
  }
  return out;
}

/** Runs the cases whose name contains `filter`, printing one JSON line each. */
export async function vardiSeparationBench(
  filter = '',
  emit: (row: Record<string, unknown>) => void = (row) => console.log(JSON.stringify(row)),
): Promise<void> {
  const root = new Stream('bench/vardi-separation');
  if ('vardi.separation-pair'.includes(filter)) {
    const d = 20000;
    const n = 200;
    const trials = 200;
    const [before, after] = pairedMinTimesSync(
      () => pairDraws(d, n, trials, root),
      () => pairDraws(d, 2, trials, root),
      3,
    );
    const a = pairDraws(d, n, trials, root);
    const b = pairDraws(d, 2, trials, root);
    emit({
      case: 'vardi.separation-pair',
      d,
      n,
      trials,
      beforeMs: round(before),
      afterMs: round(after),
      speedup: round(before / after),
      identical: a.every((v, t) => Object.is(v, b[t])),
    });
  }
  if ('vardi.separation-gram'.includes(filter)) {
    const d = 20000;
    const n = 200;
    const trials = 20;
    const run = (f: (rng: Stream) => Float64Array): Float64Array[] => Array.from({ length: trials }, (_, t) => f(root.child('gram', t)));
    const [before, after] = pairedMinTimesSync(
      () => run((g) => referenceSphereGramWithLabels(g, d, n)),
      () => run((g) => sampleSphereGramMatrix(g, d, n).K),
      3,
    );
    const a = run((g) => referenceSphereGramWithLabels(g, d, n));
    const b = run((g) => sampleSphereGramMatrix(g, d, n).K);
    emit({
      case: 'vardi.separation-gram',
      d,
      n,
      trials,
      beforeMs: round(before),
      afterMs: round(after),
      speedup: round(before / after),
      identical: a.every((K, t) => K.every((v, i) => Object.is(v, b[t][i]))),
    });
  }
  if ('vardi.robust-pgd'.includes(filter)) {
    const d = 1000;
    const n = 50;
    for (const factor of [1, 1.05]) {
      const rng = root.child('robust', factor === 1 ? 0 : 1);
      const [before, after] = pairedMinTimesSync(
        () => robustAttacks(d, n, factor, false, rng),
        () => robustAttacks(d, n, factor, true, rng),
        2,
      );
      const a = robustAttacks(d, n, factor, false, rng);
      const b = robustAttacks(d, n, factor, true, rng);
      let maxMarginDiff = 0;
      for (let i = 0; i < n; i++) maxMarginDiff = Math.max(maxMarginDiff, Math.abs(a[i].margin - b[i].margin));
      emit({
        case: 'vardi.robust-pgd',
        d,
        n,
        radiusFactor: factor,
        beforeMs: round(before),
        afterMs: round(after),
        speedup: round(before / after),
        flipsBefore: a.filter((r) => r.flipped).length,
        flipsAfter: b.filter((r) => r.flipped).length,
        maxMarginDiff: round(maxMarginDiff),
      });
    }
  }
}
