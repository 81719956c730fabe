import { scalingCheck } from '#core/checks/scaling.js';
import type { Check, DecisionContext, Figure, FigureCurve } from '#core/claim/types.js';
import type { Stream } from '#core/random/stream.js';
import { cases, type SpaceContext } from '#core/space/index.js';

/** Log-spaced integer grid from lo to hi with `points` sizes: round(lo·(hi/lo)^{i/(points−1)}), i = 0 … points−1. */
function logGrid(lo: number, hi: number, points: number): number[] {
  if (points < 2) return [lo];
  return Array.from({ length: points }, (_, i) => Math.round(lo * Math.pow(hi / lo, i / (points - 1))));
}

/** One run at size d: the quantity whose slope is tested, and the robust network's certified radius on the same data. */
export interface SizedSample {
  value: number;
  radius: number;
}

/** How an o(√d) claim draws its figure (the slides' figures (a) and (b) of Vardi et al. 2022). */
export interface SlopeFigureSpec<P> {
  title: string;
  slides: string;
  /** Axis title of the quantity, with its unit. */
  yTitle: string;
  /** Legend label of the quantity's points for configuration p (e.g. "‖δ‖, trained net (k = 50, exp loss)"). */
  series: (p: P) => string;
}

/** The calibrated C of ‖δ‖ ≤ C·√(d/(c²n)) (fixtures/constants.json). */
const C_NAME = 'vardi.C';
const RADIUS_SERIES = 'certified radius of the robust net (same data)';
/** Points per theory curve: log-spaced over the grid's [dMin, dMax] (n = ⌊√d/ln d⌋ steps with d). */
const CURVE_POINTS = 33;

/**
 * The theory of the slides' figures (a), (b) over [dMin, dMax]: √d (the inputs' norm, the scale a robust
 * net needs) and the main theorem's bound C·√(d/(c²n)) at n = √d/ln d (the runs' ⌊√d/ln d⌋ without the floor,
 * so the curve is smooth) and c = ½ (balanced classes), with C = vardi.C calibrated (absent from the table:
 * only √d).
 */
function theoryCurves(dMin: number, dMax: number, ctx: DecisionContext): FigureCurve[] {
  const ds = [...new Set(logGrid(dMin, dMax, CURVE_POINTS))];
  const curves: FigureCurve[] = [{ label: '√d (= ‖x‖, the input norm)', points: ds.map((d) => ({ x: d, y: Math.sqrt(d) })) }];
  const c = ctx.constants[C_NAME]?.value;
  if (c !== undefined)
    curves.push({
      label: `C·√(d/(c²n)), c = ½, C = ${c.toPrecision(3)} (calibrated)`,
      points: ds.map((d) => ({ x: d, y: c * Math.sqrt(d / (0.25 * (Math.sqrt(d) / Math.log(d)))) })),
    });
  return curves;
}

/**
 * The o(√d) claims of Vardi et al. 2022 (n = ⌊√d/ln d⌋): the OLS slope of log(quantity) on log d over the
 * claim's log-spaced d-grid [dMin, dMax] (`points` sizes) lies in [−1, ½), each size repeated
 * `budget.replicates` times (else `defaultReplicates`). Its figure is the slides' figure: the quantity and the
 * robust network's certified radius on the same data against d (log-log), with √d and C·√(d/(c²n)) drawn in.
 */
export function sqrtDSlopeCheck<P extends Record<string, number | string | boolean> & { dMin: number; dMax: number; points: number }>(
  name: string,
  describe: string,
  quantity: string,
  sample: (p: P, d: number, rng: Stream) => SizedSample,
  defaultReplicates: number,
  figure: SlopeFigureSpec<P>,
): Check<P> {
  // The radii of the runs of the decision in progress (decide is synchronous: one decision at a time per thread).
  let radii: Array<{ d: number; radius: number }> = [];
  const check = scalingCheck<P>({
    name,
    describe,
    grid: (p) => logGrid(p.dMin, p.dMax, p.points),
    sample: (p, d, rng) => {
      const s = sample(p, d, rng);
      radii.push({ d, radius: s.radius });
      return s.value;
    },
    replicates: (_p, ctx) => ctx.budget.replicates ?? defaultReplicates,
    range: [-1, 0.5],
    quantity,
    sizeName: 'd',
  });
  return {
    ...check,
    decide(p, ctx) {
      radii = [];
      const outcome = check.decide(p, ctx);
      const fit = outcome.evidence.slope;
      const rows = (outcome.figures ?? []).find((f) => f.id === name)?.data ?? [];
      // The slope goes into the series' label: the caption is shared by every configuration of the claim.
      const series = `${figure.series(p)}${fit ? `, slope ${fit.value.toFixed(2)} [${fit.ci[0].toFixed(2)}, ${fit.ci[1].toFixed(2)}]` : ''}`;
      const fig: Figure = {
        id: name,
        title: figure.title,
        caption:
          `Points: the quantity of each configuration (legend: its net and the OLS slope of log ${quantity} on log d with its 95% interval; the ` +
          `claim: < ½), and the certified radius of the robust one-neuron-per-sample net on the same data. Dashed: √d and the theorem's ` +
          'bound C·√(d/(c²n)) at c = ½ with C calibrated (vardi.C, fixtures/constants.json; for a draw with class balance c < ½ the bound is ½/c ' +
          'times larger; drawn with n = √d/ln d, the runs use ⌊√d/ln d⌋ ≥ 2). Every grid size is repeated per replicate.',
        slides: figure.slides,
        mark: 'scatter',
        x: 'd',
        y: 'size',
        color: 'series',
        xTitle: 'dimension d',
        yTitle: figure.yTitle,
        logX: true,
        logY: true,
        curves: theoryCurves(p.dMin, p.dMax, ctx),
        data: [...rows.map((r) => ({ d: r.d, size: r[quantity], series })), ...radii.map((r) => ({ d: r.d, size: r.radius, series: RADIUS_SERIES }))],
      };
      return { ...outcome, figures: [...(outcome.figures ?? []).filter((f) => f.id !== name), fig] };
    },
  };
}

/** The log-spaced d-grid of an o(√d) claim: `points` sizes from dMin to dMax. */
export type DGrid = { dMin: number; dMax: number; points: number };

/** The d-grid as a space declaration: one row (dMin, dMax, points) per profile, drawn and validated jointly. */
export const dGrid = (byProfile: (c: SpaceContext) => DGrid) => cases((c) => [byProfile(c)], { keys: ['dMin', 'dMax', 'points'] });
