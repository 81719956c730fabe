import { PROFILES, type Params } from '../claim/types.js';
import { spaceArbitrary } from './arbitrary.js';
import { describeSpace } from './describe.js';
import { contextOf, entriesOf, SpaceError } from './evaluate.js';
import type { InferParams, ParamSpec, SpaceContext } from './param.js';
import { hypothesesOf, type Constraint, type Space } from './space.js';
import { validatePoint } from './validate.js';
import { firstChoice, walk } from './walk.js';

/** Options of {@link defineSpace}. */
export interface SpaceOptions<P extends Params> {
  /**
   * Conditions on whole points (drawn points are filtered by them; keep them rarely false).
   * @defaultValue []
   */
  constraints?: readonly Constraint<P>[];
}

/**
 * A hypothesis space, declared once: `params` in declaration order (a domain may read only the
 * parameters declared before it, through `ctx.p`). The point type is inferred ({@link InferParams}).
 * The definition is checked at once, at every profile with every constant at its fallback.
 *
 * @example
 * const space = defineSpace({
 *   gamma: oneOf((c) => (c.profile === 'smoke' ? [0.05, 0.1] : [0.02, 0.05, 0.1, 0.2])),
 *   k: int({ min: (c: SpaceContext<{ gamma: number }>) => Math.ceil(c.constant('bubeck.C1', 1) * Math.log(1 / c.p.gamma) ** 3), max: 400 }),
 *   activation: oneOf(['tanh', 'softplus']),
 *   impl: fixed('reference'),
 * });
 */
export function defineSpace<S extends Record<string, ParamSpec>>(params: S, options: SpaceOptions<NoInfer<InferParams<S>>> = {}): Space<InferParams<S>> {
  type P = InferParams<S>;
  const entries = entriesOf(params);
  const constraints = options.constraints ?? [];
  for (const profile of PROFILES) walk(entries, profile, {}, firstChoice);
  const space: Space<P> = {
    arbitrary: (profile, constants = {}) => spaceArbitrary(entries, constraints, profile, constants) as unknown as ReturnType<Space<P>['arbitrary']>,
    describe: (profile, constants = {}) => describeSpace(entries, profile, constants),
    validate: (p, constants = {}) => validatePoint(entries, constraints, p, constants),
    structure: (profile, constants = {}) => walk(entries, profile, constants, firstChoice).descriptors,
    complete: (profile, constants, choose) => {
      const p = walk(entries, profile, constants, choose).point as P;
      for (const c of constraints) {
        const reason = c.check(p, contextOf(profile, constants, p) as SpaceContext<P>);
        if (reason !== null) throw new SpaceError(`complete: constraint "${c.name}": ${reason}`);
      }
      return p;
    },
    hypotheses: () => hypothesesOf(space),
  };
  return space;
}
