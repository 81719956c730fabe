import fc from 'fast-check';
import { PROFILES, type Claim, type ConstantsTable, type Params } from './types.js';

const ID = /^[a-z]+\.[a-z0-9-]+$/;
const PAPERS: readonly string[] = ['bubeck', 'vardi', 'schmidt', 'engine'];
const KINDS: readonly string[] = ['probability', 'identity', 'deterministic', 'scaling', 'threshold'];

/**
 * Validate claims when they are registered (PyTorch OpInfo style: entries are data, checked once):
 * unique well-formed ids prefixed by their paper, non-empty statement and checks, budgets for every
 * profile, and a few configurations sampled from each profile's arbitrary satisfy `validate`.
 */
export function validateClaims(claims: readonly Claim<Params>[], constants: ConstantsTable = {}): void {
  const seen = new Set<string>();
  if (!Array.isArray(claims as unknown)) throw new Error(`registerClaims: claims must be an array, got ${typeof claims}`);
  claims.forEach((c, i) => {
    if (!c || typeof c !== 'object') throw new Error(`registerClaims: claim #${i} must be an object, got ${JSON.stringify(c)}`);
  });
  for (const c of claims) {
    const where = `registerClaims: claim "${c.id}"`;
    if (typeof c.id !== 'string' || !ID.test(c.id)) throw new Error(`${where}: id must match ${ID} (paper.name)`);
    if (!PAPERS.includes(c.paper)) throw new Error(`${where}: paper must be one of ${PAPERS.join(', ')}, got ${JSON.stringify(c.paper)}`);
    if (!c.id.startsWith(`${c.paper}.`)) throw new Error(`${where}: id must start with its paper "${c.paper}."`);
    if (seen.has(c.id)) throw new Error(`${where}: duplicate id`);
    seen.add(c.id);
    if (typeof c.statement !== 'string' || !c.statement.trim()) throw new Error(`${where}: statement must be a non-empty string, got ${JSON.stringify(c.statement)}`);
    const h = c.hypotheses as Partial<Claim<Params>['hypotheses']> | undefined;
    if (!h || typeof h.arbitrary !== 'function' || typeof h.validate !== 'function' || typeof h.describe !== 'function') {
      throw new Error(`${where}: hypotheses must have arbitrary, validate and describe functions`);
    }
    if (!Array.isArray(c.checks as unknown) || c.checks.length === 0) throw new Error(`${where}: needs at least one check (checks must be a non-empty array)`);
    c.checks.forEach((k, j) => {
      if (!k || typeof k.decide !== 'function' || !KINDS.includes(k.kind) || typeof k.name !== 'string' || !k.name) {
        throw new Error(`${where}: checks[${j}] must be a check built by src/verify/checks (kind one of ${KINDS.join(', ')}, a name, decide), got kind ${JSON.stringify(k?.kind)}`);
      }
    });
    if (!Array.isArray(c.controls as unknown)) throw new Error(`${where}: controls must be an array (empty only if THEOREMS.md lists none), got ${typeof c.controls}`);
    const ctl = new Set<string>();
    for (const k of c.controls) {
      if (!k || typeof k.id !== 'string' || !/^[a-z0-9-]+$/.test(k.id)) throw new Error(`${where}: control id must match /^[a-z0-9-]+$/, got ${JSON.stringify(k?.id)}`);
      if (typeof k.arbitrary !== 'function') throw new Error(`${where}: control "${k.id}" needs an arbitrary function`);
      if (ctl.has(k.id)) throw new Error(`${where}: duplicate control id "${k.id}"`);
      ctl.add(k.id);
    }
    if (!c.profiles || typeof c.profiles !== 'object') throw new Error(`${where}: profiles must give a budget for each of ${PROFILES.join(', ')}`);
    for (const p of PROFILES) {
      const b = c.profiles[p];
      if (!b) throw new Error(`${where}: missing budget for profile "${p}"`);
      if (!Number.isInteger(b.configurations) || b.configurations < 1) throw new Error(`${where}: profiles.${p}.configurations must be an integer ≥ 1, got ${b.configurations}`);
      if (!Number.isInteger(b.trials) || b.trials < 1) throw new Error(`${where}: profiles.${p}.trials must be an integer ≥ 1, got ${b.trials}`);
    }
    for (const p of PROFILES) {
      for (const params of fc.sample(c.hypotheses.arbitrary(p, constants), { seed: 1, numRuns: 3 })) {
        const why = c.hypotheses.validate({ ...params }, constants);
        if (why) throw new Error(`${where}: its ${p} arbitrary generated a configuration outside its hypotheses: ${why}`);
      }
    }
  }
}

/** Claims whose id starts with one of the prefixes (all when none given); unknown prefixes are an error. */
export function selectClaims<C extends { id: string }>(claims: readonly C[], only?: readonly string[]): C[] {
  if (!only || only.length === 0) return [...claims];
  const out = claims.filter((c) => only.some((p) => c.id === p || c.id.startsWith(p.endsWith('.') ? p : `${p}.`) || c.id.startsWith(p)));
  for (const p of only) {
    if (!claims.some((c) => c.id.startsWith(p))) {
      throw new RangeError(`--only: no claim id starts with "${p}"; known ids: ${claims.map((c) => c.id).join(', ')}`);
    }
  }
  return out;
}
