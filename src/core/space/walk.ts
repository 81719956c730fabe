import type { ConstantsTable, Profile } from '../claim/types.js';
import { assign, evaluate, isFree, labelOf, SpaceError, type Entry, type Values } from './evaluate.js';
import { shown } from './format.js';
import type { Descriptor, Row, Value } from './param.js';

/**
 * Picks a free parameter's value (a row for `cases`) from its descriptor, evaluated on the actual
 * earlier values `partial`.
 */
export type Chooser = (descriptor: Descriptor, partial: Readonly<Values>) => Value | Row;

/** The first level, row or range minimum: the choice `structure` evaluates dependent parameters at. */
export const firstChoice: Chooser = (d) => (d.kind === 'int' || d.kind === 'real' ? (d.min as number) : (d.levels as readonly (Value | Row)[])[0]);

/** One point built in declaration order: each free value from `choose`, the others computed; with every descriptor and the keys it read. */
export interface Walked {
  point: Values;
  descriptors: Descriptor[];
  reads: ReadonlySet<string>[];
}

/**
 * Walks the entries in order, evaluating each descriptor on the values chosen so far, asking
 * `choose` for free ones and computing fixed and derived ones. Throws when `choose` leaves the domain.
 */
export function walk(entries: readonly Entry[], profile: Profile, constants: ConstantsTable, choose: Chooser): Walked {
  const point: Values = {};
  const descriptors: Descriptor[] = [];
  const reads: ReadonlySet<string>[] = [];
  for (const e of entries) {
    const { desc, reads: r } = evaluate(e, profile, constants, point);
    descriptors.push(desc);
    reads.push(r);
    const v = isFree(e) ? choose(desc, { ...point }) : (desc.value as Value);
    if (!e.spec.accepts(v, [desc]))
      throw new SpaceError(`complete: ${labelOf(e)} must be ${e.spec.requirement([desc])}, got ${shown(v, e.spec.kind === 'cases' ? e.keys : undefined)}`);
    assign(e, v, point);
  }
  return { point, descriptors, reads };
}
