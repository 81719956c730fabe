import { requireConstant } from '#core/claim/constants.js';
import type { DecisionContext, Figure, FigureCurve } from '#core/claim/types.js';
import { normalCdf, normalPdf } from '#core/stats/normal.js';
import { gaussianRobustError, gaussianStandardError, linearStats } from '../../model/errors.js';
import { sampleGaussianMeanSum } from '../../model/gaussianModel.js';
import { onesTheta, sigmaOf } from '../../model/schmidtTrials.js';
import { C } from './constantNames.js';
import { gridCells } from './gridCells.js';
import { lawPrediction } from './lawPrediction.js';

/** The ε-grid's fraction f of ε = ¼·d^{−(1−f)/4} (gridCells), recovered from (d, ε) and snapped to {0, ½, 1}. */
function fractionOf(d: number, eps: number): number {
  const f = 1 + (4 * Math.log(4 * eps)) / Math.log(d);
  return [0, 0.5, 1].reduce((best, g) => (Math.abs(g - f) < Math.abs(best - f) ? g : best), 0);
}

const PANEL: Record<string, string> = { 0: 'ε = ¼·d^(−1/4)', 0.5: 'ε = ¼·d^(−1/8)', 1: 'ε = ¼' };
/** Points per theory curve, log-spaced over the profile's d-grid. */
const CURVE_POINTS = 25;

function logSpaced(lo: number, hi: number, points: number): number[] {
  return Array.from({ length: points }, (_, i) => lo * Math.pow(hi / lo, i / (points - 1)));
}

/**
 * The slides' n* against d (Schmidt et al. 2018, eq. 17), one panel per ε-path ε = ¼·d^{−(1−f)/4}: the measured
 * n* of this cell beside the bracket c_lo ε²√d/log d … max(1, c_hi ε²√d) (a band), the ε²√d law with its
 * constant from the closed form, (2/π)c1²·ε²√d, and our sharper law (√(2/π)εσ + z₀.₉₉σ²/√d)², σ = c1 d^{1/4};
 * c1, c_lo, c_hi calibrated. The curves span the profile's d-grid.
 */
export function nStarFigure(p: { d: number; eps: number }, nStar: number, ctx: DecisionContext): Figure {
  const c1 = requireConstant(ctx.constants, C.c1);
  const cLo = requireConstant(ctx.constants, C.cLo);
  const cHi = requireConstant(ctx.constants, C.cHi);
  const f = fractionOf(p.d, p.eps);
  const panel = PANEL[f];
  const ds = gridCells(ctx.profile).map((c) => c.d);
  const grid = logSpaced(Math.min(...ds), Math.max(...ds), CURVE_POINTS);
  const epsOf = (d: number): number => 0.25 * Math.pow(d, -(1 - f) / 4);
  const law = (d: number): number => epsOf(d) * epsOf(d) * Math.sqrt(d);
  const curves: FigureCurve[] = [
    {
      label: `bracket c_lo·ε²√d/log d … max(1, c_hi·ε²√d) of eq. (17), c_lo = ${cLo.toPrecision(3)}, c_hi = ${cHi.toPrecision(3)} (calibrated)`,
      facet: panel,
      points: grid.map((d) => ({ x: d, y: (cLo * law(d)) / Math.log(d), y2: Math.max(1, cHi * law(d)) })),
    },
    {
      label: `ε²√d law, (2/π)·c1²·ε²√d, c1 = ${c1.toPrecision(3)} (calibrated)`,
      facet: panel,
      points: grid.map((d) => ({ x: d, y: (2 / Math.PI) * c1 * c1 * law(d) })),
    },
    {
      label: 'our law (√(2/π)·ε·σ + z₀.₉₉·σ²/√d)², σ = c1·d^(1/4)',
      facet: panel,
      points: grid.map((d) => ({ x: d, y: lawPrediction(d, epsOf(d), sigmaOf(c1, d)) })),
    },
  ];
  return {
    id: 'nstar-against-d',
    title: 'n*, the samples the mean learner needs for robust error ≤ 1% w.h.p., against d (log-log), one panel per ε-path',
    caption:
      `n* by bisection with an SPRT per probe (level 1 − γ, γ = 0.1), σ = c1·d^(1/4). Shaded: the bracket of eq. (17) that the claim tests; ` +
      'dashed: the ε²√d law with the constant of the closed form, and our sharper law (schmidt.sample-complexity-law). On the path ε = ¼·d^(−1/4) ' +
      'one sample suffices (ε²√d = 1/16).',
    slides: 'Schmidt et al., robust sample complexity n ≈ ε²√d (eq. 17)',
    mark: 'scatter',
    x: 'd',
    y: 'nStar',
    xTitle: 'dimension d',
    yTitle: 'n* (samples)',
    logX: true,
    logY: true,
    facet: 'ε',
    facetOrder: [PANEL[1], PANEL[0.5], PANEL[0]],
    curves,
    color: 'measured',
    data: Number.isFinite(nStar) ? [{ d: p.d, nStar, ε: panel, measured: 'n* (bisection)' }] : [],
  };
}

/** Draws of ŵ per n in the error figure (each an exact closed-form error of the learned classifier). */
const ERROR_DRAWS = 4;

/**
 * E|n + s·Z| for Z ~ N(0, 1): the folded normal mean n(1 − 2Φ(−n/s)) + 2s·φ(n/s), so E‖ŵ‖₁ = d·E|n + σ√n Z| for
 * ŵ = nθ* + σ√n g, θ* = 1.
 */
function foldedMean(n: number, s: number): number {
  return n * (1 - 2 * normalCdf(-n / s)) + 2 * s * normalPdf(n / s);
}

/**
 * Standard and ℓ∞ robust error of the mean learner against n at one cell (Schmidt et al. 2018: one sample
 * suffices for standard accuracy, robust accuracy needs n ≈ ε²√d): per n, the mean over ERROR_DRAWS draws of
 * ŵ of the exact errors β(ŵ), β_ε(ŵ); dashed, the plug-in closed forms Φ(−nd/(σ‖ŵ‖₂)) and
 * Φ((ε E‖ŵ‖₁ − nd)/(σ‖ŵ‖₂)) with ‖ŵ‖₂ = √(d(n² + σ²n)); dotted, 1% and the cell's measured n*. One panel per d.
 */
export function errorsAgainstNFigure(p: { d: number; eps: number }, nStar: number, ctx: DecisionContext): Figure {
  const c1 = requireConstant(ctx.constants, C.c1);
  const sigma = sigmaOf(c1, p.d);
  const cHi = requireConstant(ctx.constants, C.cHi);
  // n from 1 to 4·n* (the bracket's upper end 4·c_hi ε²√d when bisection found none), at least 8.
  const nMax = Math.max(8, Number.isFinite(nStar) ? 4 * nStar : Math.ceil(4 * Math.max(1, cHi * p.eps * p.eps * Math.sqrt(p.d))));
  const ns = [...new Set(logSpaced(1, nMax, 14).map((n) => Math.round(n)))];
  const theta = onesTheta(p.d);
  const rng = ctx.rng.child('figure-errors-against-n');
  const panel = p.d;
  const data: Figure['data'] = [];
  for (const [i, n] of ns.entries()) {
    let std = 0;
    let rob = 0;
    for (let r = 0; r < ERROR_DRAWS; r++) {
      const s = linearStats(sampleGaussianMeanSum(rng.child('n', i).child('draw', r), theta, sigma, n), theta);
      std += gaussianStandardError(s, sigma);
      rob += gaussianRobustError(s, sigma, p.eps);
    }
    data.push({ n, error: std / ERROR_DRAWS, kind: 'standard error β(ŵ)', d: panel });
    data.push({ n, error: rob / ERROR_DRAWS, kind: `robust error β_ε(ŵ), ε = ${p.eps}`, d: panel });
  }
  const dense = logSpaced(1, nMax, 40);
  const norm2 = (n: number): number => Math.sqrt(p.d * (n * n + sigma * sigma * n));
  return {
    id: 'errors-against-n',
    title: 'Standard and ℓ∞ robust error of the mean learner against the number of samples n, one panel per d',
    caption:
      `ε = ${p.eps}, σ = c1·d^(1/4) (c1 = ${c1.toPrecision(3)}, calibrated), ŵ = Σ yᵢxᵢ. Points: the exact errors of the learned classifier, ` +
      `averaged over ${ERROR_DRAWS} draws of the training set per n; dashed: the closed form with ‖ŵ‖₁, ‖ŵ‖₂ at their means. One sample already ` +
      'gives a small standard error; the robust error reaches 1% only near n*.',
    slides: 'Schmidt et al., standard vs robust error against n',
    mark: 'line',
    x: 'n',
    y: 'error',
    color: 'kind',
    xTitle: 'training samples n',
    yTitle: 'error (probability)',
    logX: true,
    facet: 'd',
    curves: [
      {
        label: 'closed form Φ(−nd/(σ‖ŵ‖₂)), standard',
        facet: panel,
        points: dense.map((n) => ({ x: n, y: normalCdf((-n * p.d) / (sigma * norm2(n))) })),
      },
      {
        label: 'closed form Φ((ε·E‖ŵ‖₁ − nd)/(σ‖ŵ‖₂)), robust',
        facet: panel,
        points: dense.map((n) => ({ x: n, y: normalCdf((p.eps * p.d * foldedMean(n, sigma * Math.sqrt(n)) - n * p.d) / (sigma * norm2(n))) })),
      },
    ],
    rules: [{ y: 0.01, label: '1%' }, ...(Number.isFinite(nStar) ? [{ x: nStar, label: `n* = ${nStar}`, facet: panel }] : [])],
    data,
  };
}
