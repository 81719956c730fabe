import { budgets } from '#core/claim/budgets.js';
import { overrideControl } from '#core/claim/controls.js';
import { defineClaim } from '#core/claim/definePaper.js';
import { deterministicCheck } from '#core/checks/deterministic.js';
import { probabilityCheck } from '#core/checks/probability.js';
import { sharedTrial } from '#core/checks/experiment.js';
import type { DecisionContext, Figure } from '#core/claim/types.js';
import { defineSpace, fixed, int, oneOf, type PointOf, type SpaceContext } from '#core/space/index.js';
import { quantile } from '#core/stats/moments.js';
import { etaRelative } from '../model/bubeckEta.js';
import { rayOf } from './shared/sampling.js';
import { activationOf, INPUT_LABELS, REFERENCE_STEP, type Trial } from './shared/space.js';

/** The slides' width d = k: 200 at smoke, 400 at standard, 1000 at the paper profile. */
const width = (c: SpaceContext): number => (c.profile === 'smoke' ? 200 : c.profile === 'standard' ? 400 : 1000);

/** d = k = the slides' width by profile; tanh, softplus and ReLU; both laws of a and of x; γ unused. */
const space = defineSpace({
  d: int({ min: width, max: width }),
  k: int({ min: width, max: width }),
  activation: activationOf(['tanh', 'softplus', 'relu']),
  outputWeights: oneOf(['rademacher', 'gaussian']),
  input: oneOf(['sphere', 'gaussian'], { labels: INPUT_LABELS }),
  gamma: fixed(0.05, { describe: false }),
  ...REFERENCE_STEP,
});
const hypotheses = space.hypotheses();

/**
 * η_rel = min{η on the grid 0.01, …, 20: sign f(x − η f(x)∇f/‖∇f‖²) ≠ sign f(x)} of one trial (the slides of
 * Bubeck et al. 2021); recorded as 21 when none flips.
 */
const etaRow = (p: Trial, ctx: DecisionContext, t: number, record: (r: Record<string, number>) => void): number => {
  // One η sample set per configuration: every check reads trial t of the same experiment (sharedTrial).
  const e = sharedTrial(ctx, 'eta', t, (rng) => etaRelative(rayOf(p, rng)));
  record({ etaRel: Number.isFinite(e) ? e : 21 });
  return e;
};
/** Trials per configuration drawn in the figure (the engine keeps 5000 rows per figure: 12 cells × 400 fit at every profile). */
const FIGURE_TRIALS = 400;
const VARIANT_LABELS: Record<string, string> = { tanh: 'tanh', softplus: 'softplus', relu: 'ReLU' };

/**
 * The slides' η_rel histogram, one panel per variant: σ ∈ {tanh, softplus, ReLU} with a_l ~ U{±1}, and
 * "Gaussian a" (a_l ~ N(0, 1), every σ); each panel pools both input laws. At most FIGURE_TRIALS trials per
 * configuration, evenly spaced.
 */
function etaFigure(e: number[], p: Trial): Figure {
  const stride = Math.max(1, Math.ceil(e.length / FIGURE_TRIALS));
  const variant = p.outputWeights === 'gaussian' ? 'Gaussian a' : (VARIANT_LABELS[p.activation] ?? p.activation);
  return {
    id: 'eta-rel',
    title: 'η_rel, the step (in units of the linearisation’s) at which the sign of f flips, one panel per variant',
    caption:
      `d = k = ${p.d}; each panel pools x uniform on the sphere and x ~ N(0, I); “Gaussian a” pools tanh, softplus and ReLU with a_l ~ N(0, 1). ` +
      'The dotted line η = 1 is where the linearisation (1 − η)·f(x) crosses zero; the slides find the flip at η ≈ 1 almost always. ' +
      `At most ${FIGURE_TRIALS} trials per configuration drawn.`,
    slides: 'Bubeck et al., the η_rel experiment',
    mark: 'histogram',
    x: 'etaRel',
    xTitle: 'η_rel at the sign flip',
    yTitle: 'trials',
    facet: 'variant',
    facetOrder: ['tanh', 'softplus', 'ReLU', 'Gaussian a'],
    xDomain: [0.9, 1.3],
    binStep: 0.01,
    rules: [{ x: 1, label: 'η = 1' }],
    data: e.filter((_, i) => i % stride === 0).map((v) => ({ etaRel: v, variant })),
  };
}

/** The slides' experiment of Bubeck et al. 2021: η_rel ≈ 1 (median in [0.9, 1.25], P(η_rel ≤ 2) ≥ 0.95), and η_rel = 1 for σ(z) = z. */
export const etaExperiment = defineClaim<PointOf<typeof space>>({
  id: 'bubeck.eta-experiment',
  paper: 'bubeck',
  statement:
    "The slides' experiment: $\\eta_{\\mathrm{rel}} = \\min\\{\\eta \\in \\{0.01, 0.02, \\dots, 20\\} : \\operatorname{sign} f(x - \\eta " +
    'f(x)\\nabla f/\\|\\nabla f\\|^2) \\ne \\operatorname{sign} f(x)\\}$; at d = k = 1000 (paper profile; 400 standard, 200 smoke): median ' +
    '$\\eta_{\\mathrm{rel}} \\in [0.9, 1.25]$ and $P(\\eta_{\\mathrm{rel}} \\le 2) \\ge 0.95$, for tanh, softplus, ReLU and Gaussian $a_l$; ' +
    'for $\\sigma(z) = z$, $\\eta_{\\mathrm{rel}} = 1$ exactly.',
  hypotheses,
  checks: [
    probabilityCheck({
      name: 'eta-le-2',
      describe: 'P(η_rel ≤ 2) ≥ 0.95',
      target: () => 0.95,
      delta: () => 0.05,
      event: (p, _rng, ctx, record, t) => etaRow(p, ctx, t, record) <= 2,
      summarise: (rows, p) => {
        const e = rows.map((r) => r.etaRel);
        return {
          measured: { medianEtaRel: quantile(e, 0.5), p95EtaRel: quantile(e, 0.95) },
          figures: [etaFigure(e, p)],
        };
      },
    }),
    probabilityCheck({
      name: 'median-le-1.25',
      describe: 'P(η_rel ≤ 1.25) ≥ ½ (median ≤ 1.25)',
      target: () => 0.5,
      delta: () => 0.1,
      event: (p, _rng, ctx, record, t) => etaRow(p, ctx, t, record) <= 1.25,
    }),
    probabilityCheck({
      name: 'median-ge-0.9',
      describe: 'P(η_rel ≥ 0.9) ≥ ½ (median ≥ 0.9)',
      target: () => 0.5,
      delta: () => 0.1,
      event: (p, _rng, ctx, record, t) => etaRow(p, ctx, t, record) >= 0.9,
    }),
    deterministicCheck({
      name: 'linear-exact',
      describe: 'for σ(z) = z at the same d, k (and implementation): η_rel = 1 exactly (the grid point η = 1 is the first that flips)',
      check: (p, rng) => {
        const e = etaRelative(rayOf({ ...p, activation: 'identity' }, rng));
        return { ok: e === 1, measured: Math.abs(e - 1), bound: 0, detail: `η_rel = ${e}` };
      },
    }),
  ],
  controls: [
    overrideControl('grad-missing-inv-sqrt-k', '∇f without k^{-1/2}: the linear case flips at η = √k, not 1', hypotheses, { impl: 'grad-missing-inv-sqrt-k' }),
    overrideControl('constant-activation', 'σ ≡ 1: ∇f = 0, no η flips', hypotheses, { activation: 'constant' }),
  ],
  // The slides' own setting: tanh, Rademacher a, x uniform on the sphere (d = k = the profile's width).
  canonical: () => [{ activation: 'tanh', outputWeights: 'rademacher', input: 'sphere' }],
  profiles: budgets(
    { configurations: 2, trials: 150, controlConfigurations: 1 },
    { configurations: 4, trials: 300, controlConfigurations: 1 },
    { configurations: 12, trials: 10000, fixedSample: true },
  ),
  notes:
    'Each trial draws a fresh net and input (100 nets × 100 inputs at the paper profile is 10⁴ trials per configuration). The three probability ' +
    'checks are statistics of one experiment: trial t computes η_rel once (sharedTrial), so the paper profile computes 12 × 10⁴ η values for its 12 ' +
    'cells, not 4 × that. With coverage by design every cell (σ × a-law × x-law) is run at every profile, the slides’ own (tanh, Rademacher, ' +
    'sphere) first.',
});
