/**
 * Benchmarks of the engine's own synthetic claims (src/papers/engine, issue 15), to be run by bench/run.ts:
 * one JSON line per case, before and after measured alternately in this process (minimum over repeats).
 * - trial streams: one Bernoulli event on a fresh trial stream `seed/trial:t`, by seedrandom.alea as the
 *   Stream of HEAD~ did (seed all three Mash passes, then U < p), against Stream.child + uniformBelow;
 * - inner SPRT decisions: engine.sprt-false-alarm's inner decisions (probabilityCheck on per-trial
 *   streams) on a seedrandom-backed stream tree against the inlined Alea; the same outcomes are asserted;
 * - Clopper–Pearson bounds as the naive-ci control asks for them (every 10 trials): jStat directly against
 *   the memoised clopperPearsonUpper / Lower;
 * - the engine.search-* inner run: innerStatus on the boundary claim with the false-alarm claim's wide search (after only);
 * - normal vectors: `out[i] = normal()` in a loop (normalVector before) against Stream.fillNormal, at d = 10⁶ (the
 *   Schmidt law's trial); the same bits are asserted.
 */
import seedrandom from 'seedrandom';
import { Stream } from '../src/core/random/stream.js';
import { clopperPearsonLower, clopperPearsonUpper } from '../src/core/stats/intervals.js';
import { jStat } from '../src/core/stats/jstat.js';
import { innerDecision, type SprtParams } from '../src/papers/engine/claims/shared/innerDecision.js';
import { innerStatus } from '../src/papers/engine/claims/shared/searchTargets.js';
import { pairedMinTimesSync, round } from './timing.js';

const REPEATS = 5;
const emit = (row: Record<string, unknown>): void => console.log(JSON.stringify(row));
const TWO_M32 = 2.3283064365386963e-10;

/** Stream.uniform's formula on a seedrandom generator (the HEAD~ Stream). */
function referenceUniform(prng: () => number): number {
  let u = 0;
  while (u === 0) u = prng() + prng() * TWO_M32;
  return u >= 1 ? u - 1 + Number.EPSILON : u;
}

/** The HEAD~ Stream for the inner decisions: seedrandom.alea seeded eagerly for every stream of the tree. */
class ReferenceStream extends Stream {
  private readonly prng: () => number;
  constructor(seed: string) {
    super(seed, '', 0); // the inlined seeding skipped (firstPass given): only seedrandom's is timed
    this.prng = seedrandom.alea(seed);
  }
  override get seed(): string {
    return super.seed;
  }
  override child(name: string, index?: number): Stream {
    return new ReferenceStream(index === undefined ? `${this.seed}/${name}` : `${this.seed}/${name}:${index}`);
  }
  override uniform(): number {
    return referenceUniform(this.prng);
  }
  override uniformBelow(p: number): boolean {
    return referenceUniform(this.prng) < p;
  }
}

function trialStreams(): void {
  const n = 200_000;
  const root = 'k3j9x2q1z7/seed:41';
  const parent = new Stream(root);
  let xb = 0;
  let xa = 0;
  const [before, after] = pairedMinTimesSync(
    () => {
      xb = 0;
      for (let t = 0; t < n; t++) if (referenceUniform(seedrandom.alea(`${root}/trial:${t}`)) < 0.9) xb++;
    },
    () => {
      xa = 0;
      for (let t = 0; t < n; t++) if (parent.child('trial', t).uniformBelow(0.9)) xa++;
    },
    REPEATS,
  );
  if (xa !== xb) throw new Error(`engine-trial-streams: ${xa} events after, ${xb} before`);
  emit({
    case: 'engine-trial-streams',
    trials: n,
    beforeMs: round(before),
    afterMs: round(after),
    nsPerTrialAfter: round((1e6 * after) / n),
    speedup: round(before / after),
  });
}

function innerSprt(): void {
  const q: SprtParams = { p0: 0.9, delta: 0.05, alpha: 0.05, beta: 0.1, capFactor: 4, designDeltaFactor: 1, rule: 'sprt', pTrue: 0.9 };
  const seeds = 500;
  const run = (make: (s: number) => Stream): string => {
    let rejected = 0;
    let trials = 0;
    for (let s = 0; s < seeds; s++) {
      const r = innerDecision(q, make(s), 'paper');
      rejected += r.rejected ? 1 : 0;
      trials += r.trials;
    }
    return `${rejected}/${trials}`;
  };
  let b = '';
  let a = '';
  const [before, after] = pairedMinTimesSync(
    () => (b = run((s) => new ReferenceStream(`bench/seed:${s}`))),
    () => (a = run((s) => new Stream(`bench/seed:${s}`))),
    REPEATS,
  );
  if (a !== b) throw new Error(`engine-sprt-inner: rejections/trials ${a} after, ${b} before`);
  emit({ case: 'engine-sprt-inner', seeds, rejectionsTrials: a, beforeMs: round(before), afterMs: round(after), speedup: round(before / after) });
}

function clopperPearsonBounds(): void {
  // The naive-ci control's bounds: after every 10 trials of Bernoulli(0.9), the one-sided 0.95 upper and 0.9 lower bounds.
  const rng = new Stream('bench/cp');
  const calls: Array<[number, number]> = [];
  for (let s = 0; s < 200; s++) {
    let x = 0;
    for (let t = 1; t <= 400; t++) {
      if (rng.uniform() < 0.9) x++;
      if (t % 10 === 0) calls.push([x, t]);
    }
  }
  let sb = 0;
  let sa = 0;
  const [before, after] = pairedMinTimesSync(
    () => {
      sb = 0;
      for (const [x, t] of calls) sb += (x === t ? 1 : jStat.beta.inv(0.95, x + 1, t - x)) + (x === 0 ? 0 : jStat.beta.inv(0.1, x, t - x + 1));
    },
    () => {
      sa = 0;
      for (const [x, t] of calls) sa += clopperPearsonUpper(x, t, 0.05) + clopperPearsonLower(x, t, 0.1);
    },
    REPEATS,
  );
  if (sa !== sb) throw new Error(`engine-clopper-pearson-memo: sums ${sa} after, ${sb} before`);
  emit({ case: 'engine-clopper-pearson-memo', calls: 2 * calls.length, beforeMs: round(before), afterMs: round(after), speedup: round(before / after) });
}

function searchInnerRun(): void {
  const seeds = 100;
  const t0 = performance.now();
  let rejected = 0;
  for (let s = 0; s < seeds; s++) if (innerStatus('boundary', 'design-search', 1000 + s, 0.2, { pilotTrials: 2000, steps: 30, picks: 1 }).rejected) rejected++;
  const ms = performance.now() - t0;
  emit({ case: 'engine-search-inner-run', seeds, rejected, afterMs: round(ms), msPerRun: round(ms / seeds) });
}

function normalVectors(): void {
  const d = 1_000_000;
  let xb = new Float64Array(0);
  let xa = new Float64Array(0);
  const [before, after] = pairedMinTimesSync(
    () => {
      const rng = new Stream('bench/normal-vector');
      xb = new Float64Array(d);
      for (let i = 0; i < d; i++) xb[i] = rng.normal();
    },
    () => {
      xa = new Stream('bench/normal-vector').fillNormal(new Float64Array(d));
    },
    REPEATS,
  );
  for (let i = 0; i < d; i++) if (!Object.is(xa[i], xb[i])) throw new Error(`engine-normal-vector: entry ${i} is ${xa[i]} after, ${xb[i]} before`);
  emit({
    case: 'engine-normal-vector',
    d,
    beforeMs: round(before),
    afterMs: round(after),
    nsPerVariateAfter: round((1e6 * after) / d),
    speedup: round(before / after),
  });
}

/** Run the engine-claim cases whose name contains `filter`, printing one JSON line each. */
export async function engineClaimsBench(filter = ''): Promise<void> {
  const cases: Array<[string, () => void]> = [
    ['engine-trial-streams', trialStreams],
    ['engine-sprt-inner', innerSprt],
    ['engine-clopper-pearson-memo', clopperPearsonBounds],
    ['engine-search-inner-run', searchInnerRun],
    ['engine-normal-vector', normalVectors],
  ];
  for (const [name, run] of cases) if (name.includes(filter)) run();
  await Promise.resolve();
}
