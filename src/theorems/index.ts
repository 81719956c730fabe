import { validateClaims } from '../verify/registry.js';
import type { Claim, ConstantsTable, Params } from '../verify/types.js';
import { bubeckClaims } from './bubeck.js';
import { engineClaims } from './engine.js';
import { schmidtClaims } from './schmidt.js';
import { vardiClaims } from './vardi.js';

/** Every registered claim, in catalogue order (THEOREMS.md). */
export const allClaims: Claim<Params>[] = [...(bubeckClaims as unknown as Claim<Params>[]), ...(vardiClaims as Claim<Params>[]), ...(schmidtClaims as Claim<Params>[]), ...engineClaims];

/** Validate the registry once (ids, budgets, arbitraries inside hypotheses); throws naming the bad entry. */
export function checkedRegistry(constants: ConstantsTable): Claim<Params>[] {
  validateClaims(allClaims, constants);
  return allClaims;
}
