import fc from 'fast-check';
import { PROFILES, type Claim, type ConstantsTable, type Params } from './types.js';

const ID = /^[a-z]+\.[a-z0-9-]+$/;

/**
 * Validate claims when they are registered (PyTorch OpInfo style: entries are data, checked once):
 * unique well-formed ids prefixed by their paper, non-empty statement and checks, budgets for every
 * profile, and a few configurations sampled from each profile's arbitrary satisfy `validate`.
 */
export function validateClaims(claims: readonly Claim<Params>[], constants: ConstantsTable = {}): void {
  const seen = new Set<string>();
  for (const c of claims) {
    const where = `registerClaims: claim "${c.id}"`;
    if (!ID.test(c.id)) throw new Error(`${where}: id must match ${ID} (paper.name)`);
    if (!c.id.startsWith(`${c.paper}.`)) throw new Error(`${where}: id must start with its paper "${c.paper}."`);
    if (seen.has(c.id)) throw new Error(`${where}: duplicate id`);
    seen.add(c.id);
    if (!c.statement.trim()) throw new Error(`${where}: statement is empty`);
    if (c.checks.length === 0) throw new Error(`${where}: needs at least one check`);
    const ctl = new Set<string>();
    for (const k of c.controls) {
      if (ctl.has(k.id)) throw new Error(`${where}: duplicate control id "${k.id}"`);
      ctl.add(k.id);
    }
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
