import { budgets } from '#core/claim/budgets.js';
import { overrideControl } from '#core/claim/controls.js';
import { defineClaim } from '#core/claim/definePaper.js';
import { probabilityCheck } from '#core/checks/probability.js';
import { scalingCheck } from '#core/checks/scaling.js';
import { defineSpace, int, oneOf, type PointOf, type SpaceContext } from '#core/space/index.js';
import { gradientStability } from '../model/gradientStability.js';
import { implScales, requireImpl } from '../model/mutants.js';
import { c4Of } from './shared/calibrations.js';
import { draw } from './shared/sampling.js';
import { activationOf, INPUT_LABELS, logInv, REFERENCE_STEP, SMOOTH } from './shared/space.js';

/** d and k: [300, 400] at smoke, [400, 700] otherwise. */
const size = { min: (c: SpaceContext) => (c.profile === 'smoke' ? 300 : 400), max: (c: SpaceContext) => (c.profile === 'smoke' ? 400 : 700) };

/** d, k ≥ 400 ([300, 400] at smoke), smooth σ, both laws of a, x uniform on √d·S^{d−1}, γ ∈ {0.05, 0.1, 0.2}. */
const space = defineSpace({
  d: int(size),
  k: int(size),
  activation: activationOf(SMOOTH),
  outputWeights: oneOf(['rademacher', 'gaussian']),
  input: oneOf(['sphere'], { labels: INPUT_LABELS }),
  gamma: oneOf([0.05, 0.1, 0.2]),
  ...REFERENCE_STEP,
});
type Point = PointOf<typeof space>;
const hypotheses = space.hypotheses();

const rhoBelowHalf = probabilityCheck<Point>({
  name: 'rho-below-half',
  describe: 'P(ρ(C4√log(1/γ)) ≤ ½) ≥ 1 − γ',
  target: (p) => 1 - p.gamma,
  delta: (p) => p.gamma,
  event: (p, rng, ctx, record) => {
    const { net, x } = draw(p, rng);
    const R = p.stepScale * c4Of(ctx.constants, p.activation) * Math.sqrt(logInv(p.gamma));
    const { rho } = gradientStability(net, x, R, rng.child('attack'), { gradScale: implScales(requireImpl(p.impl), p.k).gs });
    record({ rho, R });
    return rho <= 0.5;
  },
  summarise: (rows) => ({ measured: { maxRho: Math.max(...rows.map((r) => r.rho)), R: rows[0]?.R ?? NaN } }),
});
/** Bubeck et al. 2021: the gradient is stable, ρ(C4·√log(1/γ)) ≤ ½ w.p. ≥ 1 − γ, and ρ(3) shrinks like min(d, k)^{-1/2}. */
export const gradientStabilityClaim = defineClaim<Point>({
  id: 'bubeck.gradient-stability',
  paper: 'bubeck',
  statement:
    '$\\rho(R) = \\sup_{\\|\\delta\\| \\le R} \\|\\nabla f(x+\\delta) - \\nabla f(x)\\| / \\|\\nabla f(x)\\| \\le \\tfrac12$ w.p. ≥ 1 − γ for $R = ' +
    'C_4\\sqrt{\\log(1/\\gamma)}$ at d, k ≥ 400; and ρ(3) shrinks like $\\min(d, k)^{-1/2}$ (slope of log ρ in log d at d = k within ' +
    '[−0.65, −0.35]). ρ is estimated by projected gradient ascent from ±∇f and random starts: a lower estimate that can falsify.',
  hypotheses,
  constants: ['bubeck.C4.tanh', 'bubeck.C4.softplus', 'bubeck.C4.sigmoid-centred', 'bubeck.C4.gelu'],
  checks: [
    rhoBelowHalf,
    scalingCheck({
      name: 'rho-rate',
      describe: 'ρ(3) at d = k ∈ {200, 400, 800, 1600}: slope of log ρ in log d within [−0.65, −0.35]',
      grid: () => [200, 400, 800, 1600],
      replicates: (_p, ctx) => ctx.budget.sizes?.rhoReplicates ?? 2,
      sample: (p, size, rng) => {
        const q = { ...p, d: size, k: size, input: 'sphere' as const };
        const { net, x } = draw(q, rng);
        return gradientStability(net, x, 3, rng.child('attack')).rho;
      },
      range: [-0.65, -0.35],
      quantity: 'rho(3)',
      sizeName: 'd = k',
    }),
  ],
  notes:
    "Coverage by design is off at smoke and standard (Budget.design 'none': one design point costs as much as a configuration, and the full design " +
    "would multiply this claim's gate time); the paper profile runs the design, and the report's coverage table shows what the random draws " +
    'reached. ' +
    'The rate is fitted on d = k ∈ {200, …, 1600}: at d = k = 100 the curve is pre-asymptotic for Gaussian output weights (measured ρ(3) = 0.66, ' +
    '0.56, 0.41, 0.30 at d = k = 100, 200, 400, 800 for tanh, local slopes −0.24, −0.45, −0.44), and the fit over 100–800 gave −0.376 [−0.42, ' +
    '−0.33], straddling the claimed −0.35. Rademacher a matches the reference run (ρ(3) ≈ 0.57 at 100, ≈ 0.2 at 1000). At the paper profile (seed ' +
    '20261125, 6 configurations) the claim is inconclusive: GELU with Gaussian a at d = 692, k = 440 fits −0.393 [−0.440, −0.345], whose interval ' +
    'crosses the claimed −0.35 (the same pre-asymptotic curve); the other five slopes lie in [−0.53, −0.40] with intervals inside the range. Not ' +
    'widened.',
  controls: [
    overrideControl(
      'radius-20x',
      'R = 20·C4√log(1/γ): far outside the stable radius, the attack must find ρ > ½ (shows the attack can falsify)',
      hypotheses,
      { stepScale: 20 },
      [rhoBelowHalf],
    ),
  ],
  sizes: ['rhoReplicates'],
  profiles: budgets(
    { configurations: 1, trials: 25, sizes: { rhoReplicates: 4 }, controlConfigurations: 1, design: 'none' },
    { configurations: 2, trials: 40, sizes: { rhoReplicates: 6 }, controlConfigurations: 1, design: 'none' },
    { configurations: 6, trials: 200, sizes: { rhoReplicates: 5 } },
  ),
});
