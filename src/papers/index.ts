import { validateClaims } from '../core/claim/registry.js';
import type { Claim, ConstantsTable, Params } from '../core/claim/types.js';
import { bubeckClaims } from './bubeck/claims.js';
import { engineClaims } from './engine/claims.js';
import { schmidtClaims } from './schmidt/claims.js';
import { vardiClaims } from './vardi/claims.js';

/** Every registered claim, in catalogue order (THEOREMS.md). */
export const allClaims: Claim<Params>[] = [...(bubeckClaims as unknown as Claim<Params>[]), ...(vardiClaims as Claim<Params>[]), ...(schmidtClaims as Claim<Params>[]), ...engineClaims];

/** Validate the registry once (ids, budgets, arbitraries inside hypotheses); throws naming the bad entry. */
export function checkedRegistry(constants: ConstantsTable): Claim<Params>[] {
  validateClaims(allClaims, constants);
  return allClaims;
}

/** URL of this module: worker threads import it to look claims up by id (`verifyRunParallel({ registry })`). */
export const REGISTRY_MODULE: string = import.meta.url;
