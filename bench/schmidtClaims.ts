/**
 * Bench cases of the Schmidt et al. claims' fast paths (issue 15), before and after in the same run:
 *   schmidt.pgd-linf            pgdLinf (hoisted ball ends, reused buffers) vs pgdLinfReference (the old code), 16 test points at d = 100;
 *   schmidt.closed-forms-trials the claim's four checks on one configuration with the shared experiment (one draw and one PGD run per
 *                               trial) vs without it (every check draws its own trials, as before the change);
 *   schmidt.nstar-search        the n* bisection of schmidt.sample-complexity at a paper cell (d = 10⁵) with the per-trial set of n
 *                               (meanRobustOkAcrossN, as gaussianRobustOkAcrossN without its cache) vs the direct O(d) event at every probe (gaussianRobustOk); same result.
 * `schmidtClaimsBench(filter)` prints one JSON line per case (minimum wall times over paired repetitions, as bench/run.ts).
 */
import { findThreshold } from '../src/core/checks/threshold.js';
import type { Budget, DecisionContext } from '../src/core/claim/types.js';
import { normalVector } from '../src/core/random/samplers.js';
import { Stream } from '../src/core/random/stream.js';
import { closedForms, type ClosedFormParams } from '../src/papers/schmidt/claims/closed-forms.js';
import { linearModel, pgdLinf, pgdLinfReference } from '../src/papers/schmidt/model/linfLinear.js';
import { meanRobustOkAcrossN } from '../src/papers/schmidt/model/gaussianMeanRobustSet.js';
import { epsAtFraction, gaussianRobustOk, sigmaOf, Z99 } from '../src/papers/schmidt/model/schmidtTrials.js';
import { pairedMinTimes, round } from './timing.js';

const REPEATS = 3;
/** pairedMinTimes at this file's default repeat count. */
const pairedMinTimesR = (a: () => unknown, b: () => unknown, repeats = REPEATS): Promise<[number, number]> => pairedMinTimes(a, b, repeats);

/** A decision context as the engine builds it (with `shared`: its one-experiment-per-configuration memo). */
function context(seed: string, budget: Budget, shared: boolean): DecisionContext {
  const trials = new Map<string, unknown>();
  const experimentStream = new Stream(seed).child('experiment');
  return {
    rng: new Stream(seed),
    alpha: 1e-4,
    beta: 0.1,
    budget,
    profile: 'paper',
    constants: {},
    progress: () => {},
    ...(shared
      ? {
          experiment: {
            trial<R>(key: string, t: number, run: (r: Stream) => R): R {
              const k = `${key}#${t}`;
              if (!trials.has(k)) trials.set(k, run(experimentStream.child(key).child('trial', t)));
              return trials.get(k) as R;
            },
          },
        }
      : {}),
  };
}

export async function schmidtClaimsBench(filter = ''): Promise<void> {
  const emit = (row: Record<string, unknown>): void => console.log(JSON.stringify(row));
  const want = (name: string): boolean => name.includes(filter);

  if (want('schmidt.pgd-linf')) {
    const d = 100;
    const r = new Stream('bench/pgd');
    const w = normalVector(r.child('w'), d);
    const xs = Array.from({ length: 16 }, (_, i) => normalVector(r.child('x', i), d, 3));
    const run = (f: typeof pgdLinf) => (): number =>
      xs.reduce((s, x, i) => s + f(linearModel(w), x, 1, 0.3, { steps: 4, restarts: 2, rng: r.child('pgd', i) }).margin, 0);
    const reps = 200;
    const loop = (f: () => number) => (): void => {
      for (let k = 0; k < reps; k++) f();
    };
    const [before, after] = await pairedMinTimesR(loop(run(pgdLinfReference)), loop(run(pgdLinf)));
    emit({
      case: 'schmidt.pgd-linf',
      d,
      points: 16 * reps,
      beforeMs: round(before),
      afterMs: round(after),
      speedup: round(before / after),
      sameMargins: run(pgdLinfReference)() === run(pgdLinf)(),
    });
  }

  if (want('schmidt.closed-forms-trials')) {
    const p: ClosedFormParams = { d: 100, n: 10, sigma: 8, eps: 0.3, learner: 'mean', theta: 'hypercube', formula: 'exact' };
    const budget: Budget = { configurations: 1, trials: 300 };
    const decideAll = (shared: boolean) => (): void => {
      const ctx = context('bench/closed-forms', budget, shared);
      for (const check of closedForms.checks) check.decide(p, { ...ctx, rng: ctx.rng.child(check.name) });
    };
    const [before, after] = await pairedMinTimesR(decideAll(false), decideAll(true), 2);
    emit({
      case: 'schmidt.closed-forms-trials',
      ...p,
      checks: closedForms.checks.length,
      trials: budget.trials,
      beforeMs: round(before),
      afterMs: round(after),
      speedup: round(before / after),
    });
  }

  if (want('schmidt.nstar-search')) {
    const d = 1e5;
    const eps = epsAtFraction(d, 1);
    const sigma = sigmaOf(1, d);
    const search = (event: (n: number, rng: Stream) => boolean) => () =>
      findThreshold({ event, p0: 0.9, delta: 0.05, alpha: 1e-4, beta: 0.1, cap: 300, rng: new Stream('bench/nstar'), lo: 1, hi: 512, integer: true });
    let direct = search(() => false)();
    let fast = direct;
    const [before, after] = await pairedMinTimesR(
      () => (direct = search((n, rng) => gaussianRobustOk(rng, d, sigma, n, eps))()),
      // A fresh memo per run (gaussianRobustOkAcrossN without its cache): every trial's set of n is computed again.
      () => (fast = search(meanRobustOkAcrossN(d, sigma, eps, Z99, (rng, n) => gaussianRobustOk(rng, d, sigma, n, eps)))()),
      1,
    );
    emit({
      case: 'schmidt.nstar-search',
      d,
      eps: round(eps),
      sigma: round(sigma),
      nStar: fast.holdsAt,
      trials: fast.trials,
      probes: fast.probes.length,
      beforeMs: round(before),
      afterMs: round(after),
      speedup: round(before / after),
      sameResult: direct.holdsAt === fast.holdsAt && direct.failsAt === fast.failsAt && direct.trials === fast.trials,
    });
  }
}
