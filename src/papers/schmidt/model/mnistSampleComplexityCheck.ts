import { ProbeRunner, type ProbeResult, type ThresholdSearch } from '#core/checks/threshold.js';
import type { Check, DecisionContext, Figure, Params, Profile } from '#core/claim/types.js';
import { clopperPearsonLower, clopperPearsonUpper } from '#core/stats/intervals.js';
import { mnistPool } from './mnistLearningCurve.js';
import { NStarTrials, fullPoolErrors, learningCurve, nGrid, scanUp, type Learner } from './mnistSampleComplexity.js';

/**
 * A configuration of the MNIST sample-complexity claim: a digit pair, the radius ε (of the target and of the robust
 * learner), the robust learner (`adversarial`: trained and tested at ε; the control `standard`: at radius 0) and the
 * training labels (the control shuffles them).
 */
export interface MnistNStarParams extends Params {
  pos: number;
  neg: number;
  eps: number;
  robust: 'adversarial' | 'standard';
  labels: 'true' | 'shuffled';
}

/** Settings of {@link nStarRatioCheck}. */
export interface NStarRatioSpec {
  name: string;
  describe: string;
  /** R: the claim is n*_robust(T) ≥ R·n*_standard(T). */
  ratio: number;
  /** 1 − γ: "reaches T" means P[err ≤ T] ≥ level over the training set. */
  level: number;
  /** Indifference δ of each probe's SPRT (H0: P ≥ level vs H1: P ≤ level − δ). */
  delta: number;
  /** Δ: the target is T = e_rob^pool(ε) + Δ (absolute, as a fraction). */
  margin: number;
  /** n_max of the grid G = {1, 2, 3, 4, 6, 8, …, n_max} at a profile. */
  gridMax: (profile: Profile, ctx: DecisionContext) => number;
}

const pct = (v: number): number => Math.round(1e4 * v) / 100;

/**
 * `threshold` check of n*_robust(T) ≥ R·n*_standard(T) (mnistSampleComplexity.ts defines n* on the grid G).
 * 1. n*_standard: scan G upwards with the "holds" SPRT of P[err_standard(n) ≤ T] ≥ 1 − γ; the first n that
 *    holds is n*_std (none up to n_max: the standard learner does not reach T, the claim fails).
 * 2. The ratio: the robust learner must fail ("fails" SPRT, run until its p-value ≤ α/2) at the largest grid n
 *    below R·n*_std; then n*_rob ≥ R·n*_std on G.
 * p-value: Bonferroni over the two decisive tests, 2·min(p of "standard holds at n*_std", p of "robust fails
 * there"). Sufficient when both accepted (at the cap: the one-sided Clopper–Pearson bound at level β on their
 * side, as thresholdCheck). With Budget.bisect (default true) the robust scan continues upwards for n*_rob
 * (reported). When the standard learner never holds, the top probe's test samples on to p ≤ α/2. Trials of both learners at (n, t) share the training set (common random numbers). Figures: both
 * learning curves (Budget.replicates resampled training sets per grid n, default 2) and every probe's P̂.
 */
export function nStarRatioCheck<P extends MnistNStarParams>(spec: NStarRatioSpec): Check<P> {
  return {
    kind: 'threshold',
    name: spec.name,
    describe: spec.describe,
    decide(p, ctx) {
      const grid = nGrid(spec.gridMax(ctx.profile, ctx));
      const pool = mnistPool(p.pos, p.neg);
      const full = fullPoolErrors(p.pos, p.neg, p.eps);
      const target = full.robust + spec.margin;
      const robustEps = p.robust === 'standard' ? 0 : p.eps;
      const trials = new NStarTrials(pool, robustEps, p.labels === 'shuffled');
      const sets = ctx.rng.child('training-sets');
      const runners: ProbeRunner[] = [];
      const total = (): number => runners.reduce((s, r) => s + r.totalTrials, 0);
      const search = (learner: Learner): ThresholdSearch => ({
        event: (n, rng) => trials.error(learner, n, rng) <= target,
        p0: spec.level,
        delta: spec.delta,
        alpha: ctx.alpha,
        beta: ctx.beta,
        cap: ctx.budget.trials,
        rng: sets,
        lo: 1,
        hi: grid[grid.length - 1],
        integer: true,
        progress: () => ctx.progress(total()),
      });
      const std = new ProbeRunner(search('standard'));
      const rob = new ProbeRunner(search('robust'));
      runners.push(std, rob);
      const stdScan = scanUp(std, grid, 0);
      // Not reached within the grid: the top probe's "holds" test samples on until its p-value is ≤ α/2 (the Bonferroni share).
      const holdAt =
        stdScan.index === null ? std.probe(grid[grid.length - 1], 'hold', ctx.alpha / 2) : stdScan.probes.find((r) => r.value === grid[stdScan.index!])!;
      const holdOk = (r: ProbeResult): boolean =>
        r.decision === 'holds' || (r.decision === 'undecided' && clopperPearsonLower(r.successes, r.trials, ctx.beta) >= spec.level - spec.delta);
      const failOk = (r: ProbeResult): boolean =>
        r.decision === 'fails' || (r.decision === 'undecided' && clopperPearsonUpper(r.successes, r.trials, ctx.beta) <= spec.level);
      let robProbe: ProbeResult | null = null;
      let nStarRobust: number | null = null;
      const robustProbes: ProbeResult[] = [];
      if (stdScan.index !== null) {
        const h = grid[stdScan.index];
        let k = stdScan.index;
        while (k + 1 < grid.length && grid[k + 1] < spec.ratio * h) k++;
        robProbe = rob.probe(grid[k], 'fail', ctx.alpha / 2);
        robustProbes.push(robProbe);
        if (!robProbe.holds && (ctx.budget.bisect ?? true)) {
          const up = scanUp(rob, grid, k + 1);
          robustProbes.push(...up.probes);
          nStarRobust = up.index === null ? null : grid[up.index];
        } else if (robProbe.holds) nStarRobust = grid[k];
      }
      ctx.progress(total());
      const nStarStandard = stdScan.index === null ? null : grid[stdScan.index];
      const pValue = Math.min(1, 2 * Math.min(holdAt.pHolds, robProbe ? robProbe.pFails : 1));
      const sufficient = nStarStandard !== null && holdOk(holdAt) && robProbe !== null && failOk(robProbe);
      const rejectedEarly = nStarStandard === null ? holdAt.decision === 'fails' : robProbe?.decision === 'holds';
      // Ratio on G: shown lower bound (n*_rob ≥ the grid value after the largest robust n that fails), and n*_rob/n*_std once found.
      const lastFail = robustProbes.filter((r) => !r.holds).reduce((m, r) => Math.max(m, r.value), 0);
      const afterLastFail = grid.find((n) => n > lastFail) ?? (4 * lastFail) / 3;
      const ratioLower = nStarStandard === null || lastFail === 0 ? 0 : afterLastFail / nStarStandard;
      const ratio = nStarStandard !== null && nStarRobust !== null ? nStarRobust / nStarStandard : NaN;
      const pair = `${p.pos}-${p.neg}`;
      const curve = learningCurve(p.pos, p.neg, robustEps, grid, ctx.budget.replicates ?? 2, ctx.rng.child('curve'), p.labels === 'shuffled');
      const series = (learner: string): string => `${learner} ${pair}${p.labels === 'shuffled' ? ' (shuffled)' : ''}`;
      const curveFigure: Figure = {
        id: 'learning-curves',
        title: 'Standard error (standard training) and ℓ∞ robust error (adversarial training) against n, one panel per ε',
        mark: 'line',
        x: 'n',
        y: 'error',
        color: 'series',
        facet: 'eps',
        xTitle: 'n (training images per class)',
        yTitle: 'test error (%)',
        logX: true,
        slides: 'Schmidt et al. 2018, §5 MNIST: standard against robust (adversarially trained) test error as the training set grows',
        rules: [{ y: pct(target), label: `target T ${pair}`, facet: p.eps }],
        caption:
          `Exact errors on the held-out split; mean over ${ctx.budget.replicates ?? 2} resampled training sets per n (errorMin–errorMax: their range). ` +
          `T = e_rob^pool(ε) + ${pct(spec.margin)} points, e_rob^pool = robust error of adversarial training on the whole pool.`,
        data: curve.flatMap((c) => [
          { eps: p.eps, pair, n: c.n, series: series('standard'), error: pct(c.standard.mean), errorMin: pct(c.standard.min), errorMax: pct(c.standard.max) },
          { eps: p.eps, pair, n: c.n, series: series('robust'), error: pct(c.robust.mean), errorMin: pct(c.robust.min), errorMax: pct(c.robust.max) },
        ]),
      };
      const probeFigure: Figure = {
        id: 'nstar-probes',
        title: `P[err ≤ T] at each probe of the n* scans (level ${spec.level})`,
        mark: 'scatter',
        x: 'n',
        y: 'estimate',
        color: 'series',
        facet: 'eps',
        xTitle: 'n (training images per class)',
        yTitle: 'P̂[err ≤ T]',
        logX: true,
        rules: [{ y: spec.level, label: '1 − γ' }],
        data: [
          ...stdScan.probes.map((r) => ({
            eps: p.eps,
            pair,
            n: r.value,
            series: series('standard'),
            estimate: r.estimate,
            trials: r.trials,
            decision: r.decision,
          })),
          ...robustProbes.map((r) => ({
            eps: p.eps,
            pair,
            n: r.value,
            series: series('robust'),
            estimate: r.estimate,
            trials: r.trials,
            decision: r.decision,
          })),
        ],
      };
      const note =
        nStarStandard === null
          ? `standard training does not reach T = ${pct(target)}% up to n = ${grid[grid.length - 1]} per class (P̂ = ${holdAt.estimate.toFixed(3)}, ${holdAt.trials} trials)`
          : `n*_standard = ${nStarStandard} (P̂ = ${holdAt.estimate.toFixed(3)}, ${holdAt.trials} trials, ${holdAt.decision}); robust at n = ${robProbe!.value}: ` +
            `P̂ = ${robProbe!.estimate.toFixed(3)} (${robProbe!.trials} trials, ${robProbe!.decision}); ` +
            (nStarRobust !== null
              ? `n*_robust = ${nStarRobust}, ratio ${ratio}`
              : `n*_robust ≥ ${afterLastFail}${(ctx.budget.bisect ?? true) ? ' (beyond the grid)' : ' (robust scan skipped)'}`);
      return {
        evidence: {
          test: 'n* on G = {1, 2, 3, 4, 6, 8, …}: upward scan, Wald SPRT per probe (common random numbers); standard holds at n*_std, robust fails below R·n*_std',
          alpha: ctx.alpha,
          beta: ctx.beta,
          delta: spec.delta,
          trials: total(),
          successes: robProbe?.successes,
          estimate: Number.isNaN(ratio) ? ratioLower : ratio,
          ci: [ratioLower, Number.isNaN(ratio) ? Infinity : ratio],
          target: spec.ratio,
          pValue,
          measured: {
            targetError: pct(target),
            poolStandardError: pct(full.standard),
            poolRobustError: pct(full.robust),
            poolStandardFitGap: full.standardGap,
            poolRobustFitGap: full.robustGap,
            gridMax: grid[grid.length - 1],
            ...(nStarStandard !== null ? { nStarStandard } : {}),
            standardProbeEstimate: holdAt.estimate,
            standardProbeTrials: holdAt.trials,
            ...(robProbe ? { robustProbeAt: robProbe.value, robustProbeEstimate: robProbe.estimate, robustProbeTrials: robProbe.trials } : {}),
            ...(nStarRobust !== null ? { nStarRobust, ratio } : {}),
            ratioLowerBound: ratioLower,
            ...Object.fromEntries(
              curve.flatMap((c) => [
                [`standardError_n${c.n}`, pct(c.standard.mean)],
                [`robustError_n${c.n}`, pct(c.robust.mean)],
              ]),
            ),
          },
          note,
        },
        sufficient,
        rejectedEarly,
        figures: [curveFigure, probeFigure],
      };
    },
  };
}
