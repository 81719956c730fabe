import { budgets } from '#core/claim/budgets.js';
import { overrideControl } from '#core/claim/controls.js';
import { defineClaim } from '#core/claim/definePaper.js';
import { probabilityCheck } from '#core/checks/probability.js';
import { binomial } from '#core/random/samplers.js';
import { defineSpace, fixed, int, real, type PointOf, type SpaceContext } from '#core/space/index.js';
import { hoeffdingT, hoeffdingTail } from '../model/bounds.js';

/** The regime where the bound says something: its tail 2e^{−2nt²} between 0.05 and ½. */
const TAIL = { min: 0.05, max: 0.5 };

/**
 * The hypotheses, declared once: n on a log scale (larger at the standard and paper profiles), p
 * a real rounded to 3 digits, t a range that depends on the drawn n (the regime above), and the
 * exponent constant c = 2 of the theorem as a fixed parameter — typed `number`, so the control
 * below can set it to 8.
 */
const space = defineSpace({
  n: int({ min: 10, max: (c) => (c.profile === 'smoke' ? 500 : 5000), scale: 'log' }),
  p: real({ min: 0.05, max: 0.95, digits: 3 }),
  t: real({
    min: (c: SpaceContext<{ n: number }>) => hoeffdingT(c.p.n, TAIL.max),
    max: (c: SpaceContext<{ n: number }>) => hoeffdingT(c.p.n, TAIL.min),
    digits: 4,
    describe: '[√(ln 4/(2n)), √(ln 40/(2n))]: the bound 2e^{−2nt²} in [0.05, ½]',
  }),
  c: fixed<number>(2),
});
type P = PointOf<typeof space>;
const hypotheses = space.hypotheses();

/**
 * One trial: X̄_n = Binomial(n, p)/n drawn exactly; the event is |X̄_n − p| < t. A tie
 * |X̄_n − p| = t is a deviation (the theorem's ≥), with a 1e-12 margin for the rounding of k/n − p.
 */
const withinT = probabilityCheck<P>({
  name: 'deviation-below-t',
  describe: 'P(|X̄_n − p| < t) ≥ 1 − 2·exp(−c·n·t²) for X̄_n = Binomial(n, p)/n (exact draws)',
  target: (q) => 1 - hoeffdingTail(q.n, q.t, q.c),
  delta: (q) => hoeffdingTail(q.n, q.t, q.c) / 4,
  event: (q, rng) => Math.abs(binomial(rng, q.n, q.p) / q.n - q.p) < q.t - 1e-12,
});

export const hoeffding = defineClaim<P>({
  id: 'toy.hoeffding',
  paper: 'toy',
  statement:
    'Hoeffding’s inequality: for X_1, …, X_n iid Bernoulli(p), P(|X̄_n − p| ≥ t) ≤ 2·exp(−2nt²) for every t > 0; tested where the bound lies in ' +
    '[0.05, ½] (t between √(ln 4/(2n)) and √(ln 40/(2n))).',
  hypotheses,
  checks: [withinT],
  controls: [
    overrideControl(
      'exponent-8',
      'the bound 2·exp(−8nt²) at p = ½: the constant 2 is sharp there (the CLT gives P(|X̄_n − ½| ≥ t) ≈ 2Φ(−2t√n)), so 8 is false',
      hypotheses,
      { c: 8, p: 0.5 },
    ),
  ],
  profiles: budgets({ configurations: 4, trials: 4000 }, { configurations: 24, trials: 20_000 }, { configurations: 60, trials: 50_000, fixedSample: true }),
  notes:
    'The indifference δ is a quarter of the bound’s tail b: verified means a deviation probability ≥ 1.25·b is excluded with power 1 − β. Hoeffding ' +
    'is loose for Bernoulli laws (most of all away from p = ½), so the SPRT accepts most configurations within a few hundred trials.',
});
