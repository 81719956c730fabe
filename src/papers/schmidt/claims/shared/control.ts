import type fc from 'fast-check';
import type { Claim, ConstantsTable, Control, Params, Profile } from '#core/claim/types.js';

/** Configurations of a control: the claim's arbitrary mapped by `override`. */
export function control<P extends Params>(
  id: string,
  description: string,
  arb: (profile: Profile, c: ConstantsTable) => fc.Arbitrary<P>,
  checks?: Claim<P>['checks'],
): Control<P> {
  return { id, description, arbitrary: arb, checks };
}
