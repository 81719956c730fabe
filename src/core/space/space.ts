import type fc from 'fast-check';
import type { ConstantsTable, Hypotheses, Params, Profile } from '../claim/types.js';
import type { Descriptor, SpaceContext } from './param.js';
import type { Chooser } from './walk.js';

/** A condition on a whole point (e.g. n ≤ d): null when it holds, else the reason (naming the parameters and values). */
export interface Constraint<P extends Params = Params> {
  name: string;
  check(p: P, ctx: SpaceContext<P>): string | null;
}

/**
 * A claim's hypothesis space, declared once: everything a claim and the engine need is derived from it.
 * An omitted `constants` argument is `{}`: every constant at its fallback (`ctx.constant(name, fallback)`).
 */
export interface Space<P extends Params = Params> {
  /**
   * Points of the space at `profile`: static parameters in one fc.record, dependent ones in `.chain`s,
   * derived ones by `.map`, constraints as `.filter`; keys in declaration order.
   */
  arbitrary(profile: Profile, constants?: ConstantsTable): fc.Arbitrary<P>;
  /**
   * Report text per parameter: `[64, 512]`, `[0.01, 10] (log)`, `tanh | softplus`, `= reference`, the formula of a derived one;
   * a dependent range shows its hull over the earlier levels and range ends.
   */
  describe(profile: Profile, constants?: ConstantsTable): Record<string, string>;
  /**
   * Null when `p` lies in the space of at least one profile (ranges: hull over the profiles; levels: their union),
   * its derived values match and its constraints hold; else the reason, starting with the parameter.
   */
  validate(p: Readonly<Record<string, unknown>>, constants?: ConstantsTable): string | null;
  /**
   * The ordered descriptors at `profile`; dependent ones are evaluated at the first level (or minimum) of the earlier ones.
   */
  structure(profile: Profile, constants?: ConstantsTable): Descriptor[];
  /**
   * Builds one point: walks the parameters in order, asks `choose` for each free one (its descriptor
   * evaluated on the actual earlier values), computes fixed and derived ones; throws when a choice leaves
   * its domain or a constraint fails (with the constraint's message).
   */
  complete(profile: Profile, constants: ConstantsTable, choose: Chooser): P;
  /** The space as a claim's `hypotheses` (the existing {@link Hypotheses} interface), with `space` pointing back. */
  hypotheses(): SpaceHypotheses<P>;
}

/** {@link Hypotheses} derived from a space. */
export interface SpaceHypotheses<P extends Params = Params> extends Hypotheses<P> {
  readonly space: Space<P>;
}

/** The point type of a space: `PointOf<typeof bubeckSpace>`. */
export type PointOf<S> = S extends Space<infer P extends Params> ? P : never;

/** The {@link Hypotheses} of `space`; `describe` uses the constants' fallbacks (the interface passes none). */
export function hypothesesOf<P extends Params>(space: Space<P>): SpaceHypotheses<P> {
  return {
    space,
    describe: (profile) => space.describe(profile),
    arbitrary: (profile, constants) => space.arbitrary(profile, constants),
    validate: (p, constants) => space.validate(p, constants),
  };
}
