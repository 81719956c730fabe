import type { Stream } from '../random/stream.js';
import { clopperPearson, clopperPearsonLower, clopperPearsonUpper } from '../stats/intervals.js';
import { Sprt } from '../stats/sprt.js';
import type { Check, DecisionContext, Figure, Params } from '../claim/types.js';

/**
 * `threshold` kind: the smallest n (or ε, c) where a property starts to hold with high probability,
 * P(E_v) ≥ p0, found by bisection with a sequential test at each probe.
 *
 * A probe at v runs trials t = 0, 1, … on the streams rng.child('trial', t) — the same streams at
 * every v (common random numbers: each probe's test is valid on its own, and neighbouring probes
 * are coupled, which makes the bisection stable) — and feeds two Wald SPRTs with the indifference
 * region (p0 − δ, p0):
 *   "holds" test  H0: P(E_v) ≥ p0       vs H1: P(E_v) ≤ p0 − δ   (p-value pHolds; rejects ⇒ fails)
 *   "fails" test  H0: P(E_v) ≤ p0 − δ   vs H1: P(E_v) ≥ p0       (p-value pFails; rejects ⇒ holds)
 * Their log-likelihood ratios are opposite; each keeps its own boundaries at (α, β), and each
 * p-value min(1, e^{−sup Λ}) is anytime-valid (Ville).
 */
export type ThresholdDirection = 'holds-above' | 'holds-below';

export interface ProbeResult {
  value: number;
  /** SPRT outcome: holds / fails, or undecided when the trial cap was reached (then classified by the estimate). */
  decision: 'holds' | 'fails' | 'undecided';
  /** Classification used by the bisection (undecided: estimate ≥ p0 − δ/2). */
  holds: boolean;
  trials: number;
  successes: number;
  estimate: number;
  pHolds: number;
  pFails: number;
}

export interface ThresholdSearch {
  /** Does the property hold on this trial at value v? Must draw its randomness from rng only. */
  event: (v: number, rng: Stream) => boolean;
  p0: number;
  delta: number;
  alpha: number;
  beta: number;
  /** Trial cap per probe. */
  cap: number;
  /** Trials use rng.child('trial', t). */
  rng: Stream;
  lo: number;
  hi: number;
  integer: boolean;
  /** Stop when hi/lo of the bracket ≤ 1 + relTol (reals; default 0.01). Integers stop at width 1. Ranges wider than 64× are first searched by doubling from lo. */
  relTol?: number;
  direction?: ThresholdDirection;
  maxProbes?: number;
  progress?: (trials: number) => void;
}

export interface ThresholdResult {
  /** Threshold estimate: the bracket end on the "holds" side (NaN if the property never held in range). */
  estimate: number;
  /** Closest probed value classified "fails" next to the threshold (null: none, e.g. it holds at lo). */
  failsAt: number | null;
  /** Closest probed value classified "holds" (null: it fails even at the end of the range). */
  holdsAt: number | null;
  probes: ProbeResult[];
  trials: number;
}

interface ProbeState {
  value: number;
  hold: Sprt;
  fail: Sprt;
  trials: number;
  successes: number;
}

/** Runs probes with a shared cache, extending a probe's trials when a stricter stopping rule needs more. */
export class ProbeRunner {
  private readonly cache = new Map<number, ProbeState>();
  totalTrials = 0;
  constructor(private readonly s: ThresholdSearch) {
    if (!(s.p0 > 0 && s.p0 <= 1)) throw new RangeError(`threshold: p0 must be in (0, 1], got ${s.p0}`);
    if (!(s.delta > 0 && s.delta < s.p0)) throw new RangeError(`threshold: delta must be in (0, p0=${s.p0}), got ${s.delta}`);
    if (!Number.isInteger(s.cap) || s.cap < 1) throw new RangeError(`threshold: cap must be an integer ≥ 1, got ${s.cap}`);
  }

  private state(v: number): ProbeState {
    let st = this.cache.get(v);
    if (!st) {
      const { p0, delta, alpha, beta } = this.s;
      st = {
        value: v,
        hold: new Sprt({ p0, delta, alpha, beta }),
        fail: new Sprt({ p0: Math.min(1, 1 - p0 + delta), delta, alpha, beta }),
        trials: 0,
        successes: 0,
      };
      this.cache.set(v, st);
    }
    return st;
  }

  /**
   * Run (or continue) the probe at v until the chosen test decides or the cap is reached. With
   * `strictP`, a test that rejected keeps sampling until its anytime-valid p-value is ≤ strictP (Wald's
   * boundary only guarantees p ≤ α/(1 − β)); valid by Ville's inequality.
   */
  probe(v: number, until: 'hold' | 'fail' = 'hold', strictP?: number): ProbeResult {
    const st = this.state(v);
    const test = until === 'hold' ? st.hold : st.fail;
    const more = (): boolean => test.decision === 'continue' || (strictP !== undefined && test.decision === 'reject-h0' && test.pValue() > strictP);
    while (more() && st.trials < this.s.cap) {
      const ok = this.s.event(v, this.s.rng.child('trial', st.trials));
      st.hold.observe(ok);
      st.fail.observe(!ok);
      st.trials++;
      this.totalTrials++;
      if (ok) st.successes++;
      if (this.totalTrials % 50 === 0) this.s.progress?.(this.totalTrials);
    }
    return this.result(st, until);
  }

  /** The decision of the test that stopped the probe ('any': the "holds" test if it decided, else the "fails" test). */
  private result(st: ProbeState, until: 'hold' | 'fail' | 'any'): ProbeResult {
    const est = st.trials ? st.successes / st.trials : NaN;
    const useHold = until === 'hold' || (until === 'any' && st.hold.decision !== 'continue');
    let decision: ProbeResult['decision'] = 'undecided';
    if (useHold && st.hold.decision !== 'continue') decision = st.hold.decision === 'accept-h0' ? 'holds' : 'fails';
    if (!useHold && st.fail.decision !== 'continue') decision = st.fail.decision === 'accept-h0' ? 'fails' : 'holds';
    const holds = decision === 'undecided' ? est >= this.s.p0 - this.s.delta / 2 : decision === 'holds';
    return { value: st.value, decision, holds, trials: st.trials, successes: st.successes, estimate: est, pHolds: st.hold.pValue(), pFails: st.fail.pValue() };
  }

  /** Every probe run so far, by value. */
  all(): ProbeResult[] {
    return [...this.cache.values()].sort((a, b) => a.value - b.value).map((st) => this.result(st, 'any'));
  }
}

/**
 * Bisection for the threshold, geometric in v (lo > 0). holds-above: the smallest v with P(E_v) ≥ p0;
 * holds-below: the largest. Probes already in `runner` (e.g. the claim's bound probes) seed the bracket.
 */
export function findThreshold(s: ThresholdSearch, runner = new ProbeRunner(s)): ThresholdResult {
  if (!(s.lo > 0 && s.hi >= s.lo)) throw new RangeError(`findThreshold: need 0 < lo ≤ hi, got [${s.lo}, ${s.hi}]`);
  const above = (s.direction ?? 'holds-above') === 'holds-above';
  const relTol = s.relTol ?? 0.01;
  const maxProbes = s.maxProbes ?? 60;
  const snap = (v: number): number => (s.integer ? Math.round(v) : v);
  // In "holds-above" orientation: holds for large v. For holds-below, compare reversed.
  const isHoldsSide = (a: number, b: number): boolean => (above ? a > b : a < b);
  let probes = 0;
  const bracket = (): { f: number | null; h: number | null } => {
    const rs = runner.all().filter((r) => r.value >= s.lo && r.value <= s.hi);
    let h: number | null = null;
    for (const r of rs) if (r.holds && (h === null || isHoldsSide(h, r.value))) h = r.value;
    let f: number | null = null;
    for (const r of rs) if (!r.holds && (h === null || isHoldsSide(h, r.value)) && (f === null || isHoldsSide(r.value, f))) f = r.value;
    return { f, h };
  };
  const farHolds = above ? s.hi : s.lo;
  const farFails = above ? s.lo : s.hi;
  let { f, h } = bracket();
  // Galloping (wide ranges): from lo, probe lo, 2·lo, 4·lo, … until the classification changes, so no
  // probe goes far beyond the threshold (trials at large n can cost O(n)). holds-above: until it holds;
  // holds-below: until it fails.
  if (s.hi / s.lo > 64 && (above ? h === null : f === null)) {
    const start = above ? f : h;
    let v = start === null ? s.lo : Math.min(s.hi, start * 2);
    while (probes < maxProbes) {
      runner.probe(snap(v));
      probes++;
      // Stop on the bracket's own classification of the probes (the one the bisection uses below),
      // not on the single probe's: a probe near the boundary can be classified differently once the
      // other test has sampled it, and stopping on it left no "holds" end (holdsAt = null).
      ({ f, h } = bracket());
      if ((above ? h !== null : f !== null) || v >= s.hi) break;
      v = Math.min(s.hi, v * 2);
    }
    ({ f, h } = bracket());
    if (h === null) return { estimate: NaN, failsAt: f, holdsAt: null, probes: runner.all(), trials: runner.totalTrials };
  }
  if (h === null) {
    runner.probe(snap(farHolds));
    probes++;
    ({ f, h } = bracket());
    if (h === null) return { estimate: NaN, failsAt: snap(farHolds), holdsAt: null, probes: runner.all(), trials: runner.totalTrials };
  }
  if (f === null && h !== snap(farFails)) {
    runner.probe(snap(farFails));
    probes++;
    ({ f, h } = bracket());
  }
  while (f !== null && h !== null && probes < maxProbes) {
    const a = Math.min(f, h);
    const b = Math.max(f, h);
    if (s.integer ? b - a <= 1 : b / a <= 1 + relTol) break;
    let mid = Math.sqrt(a * b);
    if (s.integer) mid = Math.min(b - 1, Math.max(a + 1, Math.round(mid)));
    runner.probe(mid);
    probes++;
    ({ f, h } = bracket());
  }
  return { estimate: h ?? NaN, failsAt: f, holdsAt: h, probes: runner.all(), trials: runner.totalTrials };
}

export interface ThresholdSpec<P extends Params> {
  name: string;
  describe: string;
  /** One trial at value v: does the property hold? */
  event: (p: P, v: number, rng: Stream, ctx: DecisionContext) => boolean;
  /** p0: "holds w.h.p." means P(E_v) ≥ p0. */
  target: (p: P, ctx: DecisionContext) => number;
  delta: number | ((p: P) => number);
  /** Search range for the bisection (integers: n). */
  search: (p: P, ctx: DecisionContext) => { lo: number; hi: number; integer: boolean; relTol?: number };
  /**
   * The claim, for the holds-above integer case: the property fails w.h.p. at ⌊lower⌋ (if ≥ 1) and holds
   * w.h.p. at ⌈upper⌉, i.e. lower ≤ n* ≤ upper up to rounding to integers. Either may be omitted.
   */
  bounds: (p: P, ctx: DecisionContext) => { lower?: number; upper?: number };
  /** Whether to run the bisection for n* (reported) beyond the bound probes (default: budget.bisect, true when absent). */
  bisect?: (p: P, ctx: DecisionContext) => boolean;
  /** Extra measured values (e.g. the law's prediction) for the report. */
  measured?: (p: P, r: ThresholdResult, ctx: DecisionContext) => Record<string, number>;
}

/**
 * `threshold` check: probes the claimed bounds (⌈upper⌉ must hold: pHolds; ⌊lower⌋ must fail: pFails),
 * then bisects for n* and reports the bracket. p-value: Bonferroni over the bound tests. Sufficient when
 * every bound test accepted its claim side (or, at the cap, the one-sided Clopper–Pearson bound at level β
 * lies on it: lower ≥ p0 − δ for "holds", upper ≤ p0 for "fails").
 */
export function thresholdCheck<P extends Params>(spec: ThresholdSpec<P>): Check<P> {
  return {
    kind: 'threshold',
    name: spec.name,
    describe: spec.describe,
    decide(p, ctx) {
      const p0 = spec.target(p, ctx);
      const d0 = typeof spec.delta === 'number' ? spec.delta : spec.delta(p);
      const delta = Math.min(d0, p0 / 2);
      const range = spec.search(p, ctx);
      const search: ThresholdSearch = {
        event: (v, rng) => spec.event(p, v, rng, ctx),
        p0,
        delta,
        alpha: ctx.alpha,
        beta: ctx.beta,
        cap: ctx.budget.trials,
        rng: ctx.rng,
        lo: range.lo,
        hi: range.hi,
        integer: range.integer,
        relTol: range.relTol,
        progress: ctx.progress,
      };
      const runner = new ProbeRunner(search);
      const { lower, upper } = spec.bounds(p, ctx);
      const tests: Array<{ side: 'upper' | 'lower'; at: number; pValue: number; ok: boolean; rejected: boolean; probe: ProbeResult }> = [];
      if (upper !== undefined) {
        const at = range.integer ? Math.max(range.lo, Math.ceil(upper - 1e-9)) : upper;
        const r = runner.probe(at, 'hold', ctx.alpha / (lower !== undefined ? 2 : 1));
        const ok = r.decision === 'holds' || (r.decision === 'undecided' && clopperPearsonLower(r.successes, r.trials, ctx.beta) >= p0 - delta);
        tests.push({ side: 'upper', at, pValue: r.pHolds, ok, rejected: r.decision === 'fails', probe: r });
      }
      if (lower !== undefined) {
        const at = range.integer ? Math.floor(lower + 1e-9) : lower;
        if (at >= range.lo) {
          const r = runner.probe(at, 'fail', ctx.alpha / (upper !== undefined ? 2 : 1));
          const ok = r.decision === 'fails' || (r.decision === 'undecided' && clopperPearsonUpper(r.successes, r.trials, ctx.beta) <= p0);
          tests.push({ side: 'lower', at, pValue: r.pFails, ok, rejected: r.decision === 'holds', probe: r });
        }
      }
      const doBisect = spec.bisect ? spec.bisect(p, ctx) : (ctx.budget.bisect ?? true);
      const res: ThresholdResult = doBisect
        ? findThreshold(search, runner)
        : { estimate: NaN, failsAt: null, holdsAt: null, probes: runner.all(), trials: runner.totalTrials };
      ctx.progress(runner.totalTrials);
      const m = tests.length;
      const pValue = m === 0 ? 1 : Math.min(1, m * Math.min(...tests.map((t) => t.pValue)));
      const lo = res.failsAt === null ? range.lo : range.integer ? res.failsAt + 1 : res.failsAt;
      // A property that fails even at the range end has its threshold beyond it: [hi (+1 for integers), ∞).
      const hi = res.holdsAt ?? Infinity;
      const worst = tests.reduce<(typeof tests)[number] | null>((w, t) => (!w || t.pValue < w.pValue ? t : w), null);
      const figure: Figure = {
        id: spec.name,
        title: `${spec.name}: P(property) at each probe (target ${p0})`,
        mark: 'scatter',
        x: 'v',
        y: 'estimate',
        logX: true,
        rules: [{ y: p0, label: 'p0' }],
        data: res.probes.map((r) => ({ v: r.value, estimate: r.estimate, trials: r.trials, decision: r.decision })),
      };
      const bracketNote = doBisect ? (res.holdsAt === null ? `property fails even at ${range.hi}` : `threshold in [${lo}, ${hi}]`) : 'bisection skipped';
      return {
        evidence: {
          test: 'threshold: bisection, Wald SPRT per probe (common random numbers); bound probes tested',
          alpha: ctx.alpha,
          beta: ctx.beta,
          delta,
          trials: res.trials,
          successes: worst?.probe.successes,
          estimate: res.estimate,
          ci: doBisect ? [lo, hi] : worst ? clopperPearson(worst.probe.successes, Math.max(1, worst.probe.trials), 0.95) : [NaN, NaN],
          target: p0,
          pValue,
          measured: {
            ...(upper !== undefined ? { upperBound: upper } : {}),
            ...(lower !== undefined ? { lowerBound: lower } : {}),
            ...Object.fromEntries(
              tests.flatMap((t) => [
                [`${t.side}ProbeAt`, t.at],
                [`${t.side}ProbeEstimate`, t.probe.estimate],
                [`${t.side}ProbeTrials`, t.probe.trials],
              ]),
            ),
            ...(res.failsAt !== null ? { failsAt: res.failsAt } : {}),
            ...(res.holdsAt !== null ? { holdsAt: res.holdsAt } : {}),
            probes: res.probes.length,
            ...(spec.measured ? spec.measured(p, res, ctx) : {}),
          },
          note: `${tests.map((t) => `${t.side} bound ${t.side === 'upper' ? 'holds at' : 'fails at'} ${t.at}: ${t.probe.decision} (P̂ = ${t.probe.estimate.toFixed(3)}, ${t.probe.trials} trials)`).join('; ')}${tests.length ? '; ' : ''}${bracketNote}`,
        },
        sufficient: tests.every((t) => t.ok),
        rejectedEarly: tests.some((t) => t.rejected),
        figures: [figure],
      };
    },
  };
}
