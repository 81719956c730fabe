import { validateClaimShape } from './registry.js';
import type { Claim, Params } from './types.js';

/** What a report needs to head a paper's section: its id, a title and the full reference. */
export interface PaperInfo {
  /** Prefix of every claim id of the paper ("bubeck" for "bubeck.one-step-flip"): lower case, digits and '-'. */
  id: string;
  /** Heading of the paper's section in every report, e.g. "Bubeck et al. 2021 — one gradient step on random two-layer nets". */
  title: string;
  /** Full reference (authors, title, venue, year). */
  reference: string;
}

/** A paper plug-in: its claims and, optionally, the names of deliberately broken implementations `verify --impl` accepts. */
export interface PaperDefinition<Id extends string = string> extends PaperInfo {
  id: Id;
  claims: readonly Claim<Params>[];
  /** Implementation overrides its claims understand (`--impl NAME`), e.g. Bubeck's broken nets; none by default. */
  impls?: readonly string[];
}

const PAPER_ID = /^[a-z][a-z0-9-]*$/;

/**
 * Declare a paper: `definePaper({ id, title, reference, claims })`. Checks once, when the module
 * loads, that the id is well formed, title and reference are non-empty and every claim belongs to
 * the paper (`claim.paper === id`, id prefixed "<id>.") and is well formed (`validateClaimShape`).
 * The claim list needs no cast: a `Claim<P>` of any parameter type P is a `Claim<Params>`.
 */
export function definePaper<const Id extends string>(def: PaperDefinition<Id>): PaperDefinition<Id> {
  const where = `definePaper: paper ${JSON.stringify(def?.id)}`;
  if (typeof def?.id !== 'string' || !PAPER_ID.test(def.id)) throw new Error(`${where}: id must match ${PAPER_ID}`);
  for (const key of ['title', 'reference'] as const) {
    if (typeof def[key] !== 'string' || !def[key].trim()) throw new Error(`${where}: ${key} must be a non-empty string, got ${JSON.stringify(def[key])}`);
  }
  if (!Array.isArray(def.claims as unknown) || def.claims.length === 0) throw new Error(`${where}: claims must be a non-empty array`);
  const seen = new Set<string>();
  for (const c of def.claims) {
    if (c?.paper !== def.id) throw new Error(`${where}: claim ${JSON.stringify(c?.id)} has paper ${JSON.stringify(c?.paper)}, expected "${def.id}"`);
    if (seen.has(c.id)) throw new Error(`${where}: duplicate claim id "${c.id}"`);
    seen.add(c.id);
    validateClaimShape(c, `${where}: claim "${c.id}"`);
  }
  if (def.impls !== undefined && (!Array.isArray(def.impls as unknown) || def.impls.some((i) => typeof i !== 'string' || !i))) {
    throw new Error(`${where}: impls must be an array of non-empty names, got ${JSON.stringify(def.impls)}`);
  }
  return Object.freeze({ ...def, claims: Object.freeze([...def.claims]) });
}

/**
 * Declare a claim (data, PyTorch OpInfo style): returns it unchanged after `validateClaimShape`
 * (id "paper.name", statement, hypotheses, checks, controls, budgets for every profile, declared
 * sizes, known failures and skips naming real checks and controls). Errors start "defineClaim:".
 */
export function defineClaim<P extends Params>(claim: Claim<P>): Claim<P> {
  validateClaimShape(claim, `defineClaim: claim ${JSON.stringify(claim?.id)}`);
  return claim;
}
