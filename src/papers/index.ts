import { validateClaims } from '../core/claim/registry.js';
import type { PaperDefinition, PaperInfo } from '../core/claim/definePaper.js';
import type { Claim, ConstantsTable, Params } from '../core/claim/types.js';
import { bubeck } from './bubeck/index.js';
import { engine } from './engine/index.js';
import { schmidt } from './schmidt/index.js';
import { vardi } from './vardi/index.js';

/**
 * The one list of papers, in report order. Adding a paper is one line here: everything that
 * enumerates papers (the registry, report headings, the gate, `--impl`, worker threads) reads it.
 */
/** @internal (the theory gate and scripts/check-example-paper.sh read it) */
export const PAPERS = [bubeck, vardi, schmidt, engine] as const satisfies readonly PaperDefinition[];

/** The literal union of the registered papers' ids. */
/** @public */
export type PaperId = (typeof PAPERS)[number]['id'];

/** Id, title and reference of every paper, in report order (written into each report). */
export const PAPER_INFO: readonly PaperInfo[] = PAPERS.map(({ id, title, reference }) => ({ id, title, reference }));

/** Every registered claim, in catalogue order. */
export const allClaims: readonly Claim<Params>[] = PAPERS.flatMap((p) => p.claims);

/** Names `verify --impl` accepts: the implementation overrides the papers declare. */
export const IMPLS: readonly string[] = PAPERS.flatMap((p) => p.impls ?? []);

/** Validate the registry once (ids, budgets, arbitraries inside hypotheses); throws naming the bad entry. */
export function checkedRegistry(constants: ConstantsTable): readonly Claim<Params>[] {
  validateClaims(allClaims, constants);
  return allClaims;
}

/** URL of this module: worker threads import it to look claims up by id (`verifyRunParallel({ registry })`). */
export const REGISTRY_MODULE: string = import.meta.url;
