import { decideRate } from '#core/checks/probability.js';
import { defineClaim } from '#core/claim/definePaper.js';
import type { Budget, Check, Claim, Params, Profile, Status } from '#core/claim/types.js';
import { verifyRun } from '#core/engine/engine.js';
import { defineSpace, int, oneOf, type PointOf } from '#core/space/index.js';

/**
 * Synthetic claims of known truth for the engine's coverage and search (engine.search-*): "P(E) ≥ 0.9"
 * over the box q, r ∈ [0, 1000] × flag ∈ {a, b, c, d}, where E has probability 0.97 except on a
 * known part of the box: a corner (q, r ≤ 100: 1% of the box), one edge (q = 1000), one level
 * (flag = d), a narrow interior band (|q − 620| ≲ 40, the rate dipping smoothly towards it), or
 * nowhere with the rate exactly at the bound (`boundary`: the worst case for false alarms).
 */
export const TARGET_SHAPES = ['corner', 'edge', 'level', 'band', 'boundary'] as const;
export type TargetShape = (typeof TARGET_SHAPES)[number];

const FLAG_LEVELS = ['a', 'b', 'c', 'd'] as const;
const box = defineSpace({ q: int({ min: 0, max: 1000 }), r: int({ min: 0, max: 1000 }), flag: oneOf(FLAG_LEVELS) });
type BoxPoint = PointOf<typeof box>;
const P0 = 0.9;
const FLAGS: ReadonlySet<unknown> = new Set(FLAG_LEVELS);
const inRange = (v: unknown): boolean => Number.isInteger(v) && (v as number) >= 0 && (v as number) <= 1000 && !Object.is(v, -0);
/** Is `p` exactly a point of the box (q, r integers in [0, 1000], flag one of its levels, no other key)? */
const isBoxPoint = (p: Readonly<Record<string, unknown>>): boolean => Object.keys(p).length === 3 && inRange(p.q) && inRange(p.r) && FLAGS.has(p.flag);
const boxSpaceHypotheses = box.hypotheses();
/**
 * The box's hypotheses, with `validate` answering null at once for a point of the box and asking the
 * space otherwise: the same answers (the box has no constraints), without the space's general
 * validation (hull of every range over the profiles) on each of the inner runs' many decisions.
 */
const boxHypotheses: typeof boxSpaceHypotheses = {
  ...boxSpaceHypotheses,
  validate: (p, constants) => (isBoxPoint(p) ? null : boxSpaceHypotheses.validate(p, constants)),
};

/** P(E) at a point of the box for each shape (see TARGET_SHAPES); the claim P(E) ≥ 0.9 is false exactly where the rate is below 0.8 = p0 − δ. */
function targetRate(shape: TargetShape, p: BoxPoint): number {
  switch (shape) {
    case 'corner':
      return p.q <= 100 && p.r <= 100 ? 0.6 : 0.97;
    case 'edge':
      return p.q === 1000 ? 0.6 : 0.97;
    case 'level':
      return p.flag === 'd' ? 0.6 : 0.97;
    case 'band':
      return 0.97 - 0.5 / (1 + ((p.q - 620) / 30) ** 2);
    case 'boundary':
      return P0;
  }
}

/**
 * `probability` kind for a synthetic Bernoulli(rate) event, decided by the engine's own rule
 * (`decideRate`: Wald SPRT of H0: p = 0.9 vs H1: p = 0.8, or the exact fixed-sample test), with the
 * outcomes read in sequence from the decision's stream (no per-trial sub-streams: these trials cost
 * nanoseconds, so that the meta-claims can afford hundreds of inner runs).
 */
function bernoulliCheck(shape: TargetShape): Check<BoxPoint> {
  return {
    kind: 'probability',
    name: 'rate',
    describe: 'P(E) ≥ 0.9 (δ = 0.1)',
    decide: (p, ctx) => {
      const rate = targetRate(shape, p);
      return decideRate(ctx, P0, 0.1, () => ctx.rng.uniform() < rate);
    },
  };
}

/** The inner budget: 4 random points beyond the design, 2000 trials, and the targeted search (pilot of 300 trials, 8 moves, 2 picks). */
const INNER: Budget = { configurations: 4, trials: 2000, shrinkCalls: 10, search: { pilotTrials: 300, steps: 8, starts: 3, picks: 2 } };
const innerClaims = new Map<string, Claim<BoxPoint>>();

/** The synthetic claim of `shape` (cached), its search widened to `steps` moves and `picks` picks when given. */
function targetClaim(shape: TargetShape, search: Partial<NonNullable<Budget['search']>> = {}): Claim<BoxPoint> {
  const key = `${shape}/${JSON.stringify(search)}`;
  let c = innerClaims.get(key);
  if (!c) {
    const b: Budget = { ...INNER, search: { ...INNER.search!, ...search } };
    const profiles: Record<Profile, Budget> = { smoke: b, standard: b, paper: b };
    c = defineClaim<BoxPoint>({
      id: `probe.${shape}`,
      paper: 'probe',
      statement: `P(E) ≥ 0.9 on the box (${shape})`,
      hypotheses: boxHypotheses,
      checks: [bernoulliCheck(shape)],
      controls: [],
      profiles,
    });
    innerClaims.set(key, c);
  }
  return c;
}

/** How the inner run plans: by design with the targeted search (the engine's default for declared spaces), uniform draws only (the old plan), or with the search's picks decided on their own pilot data (no fresh stream). */
export type InnerPlan = 'design-search' | 'uniform' | 'reuse-pilot';

/**
 * The engine on the synthetic claim of `shape` for one master seed, planned as `plan`, at family-wise
 * level `alpha`: the claim's status, whether Holm rejected any configuration of the family (before
 * shrinking and confirmation: the false alarm the level α bounds), and the number of configurations.
 */
export function innerStatus(
  shape: TargetShape,
  plan: InnerPlan,
  masterSeed: number,
  alpha: number,
  search: Partial<NonNullable<Budget['search']>> = {},
): { status: Status; rejected: boolean; configurations: number } {
  const claim: Claim<Params> = targetClaim(shape, search);
  const r = verifyRun({
    claims: [claim],
    profile: 'smoke',
    masterSeed,
    constants: {},
    alpha,
    skipControls: true,
    design: plan !== 'uniform',
    reusePilot: plan === 'reuse-pilot',
  });
  const c = r.claims[0];
  return { status: c.status, rejected: c.configurations.some((k) => k.status === 'violated'), configurations: c.configurations.length };
}
