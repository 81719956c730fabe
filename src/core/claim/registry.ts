import fc from 'fast-check';
import { PROFILES, type Claim, type ConstantsTable, type Params } from './types.js';

const ID = /^[a-z][a-z0-9-]*\.[a-z0-9-]+$/;
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
    if (seen.has(c.id)) throw new Error(`${where}: duplicate id`);
    seen.add(c.id);
    validateClaimShape(c, where);
    for (const p of PROFILES) {
      for (const params of fc.sample(c.hypotheses.arbitrary(p, constants), { seed: 1, numRuns: 3 })) {
        const why = c.hypotheses.validate({ ...params }, constants);
        if (why) throw new Error(`${where}: its ${p} arbitrary generated a configuration outside its hypotheses: ${why}`);
      }
    }
  }
}

/**
 * The checks of one claim that need no constants (defineClaim, definePaper and registerClaims run
 * them): a well-formed id prefixed by its paper, a non-empty statement, hypotheses functions,
 * checks built by src/core/checks, controls with unique ids, budgets for every profile with the
 * claim's declared sizes, and known failures and skips that name real checks and controls.
 * Throws an Error starting with `where`.
 */
export function validateClaimShape(c: Claim<Params>, where: string): void {
  if (!c || typeof c !== 'object') throw new Error(`${where} must be an object, got ${JSON.stringify(c)}`);
  if (typeof c.id !== 'string' || !ID.test(c.id)) throw new Error(`${where}: id must match ${ID} (paper.name)`);
  if (typeof c.paper !== 'string' || !/^[a-z][a-z0-9-]*$/.test(c.paper))
    throw new Error(`${where}: paper must be a paper id (lower case, digits, '-'), got ${JSON.stringify(c.paper)}`);
  if (!c.id.startsWith(`${c.paper}.`)) throw new Error(`${where}: id must start with its paper "${c.paper}."`);
  if (typeof c.statement !== 'string' || !c.statement.trim())
    throw new Error(`${where}: statement must be a non-empty string, got ${JSON.stringify(c.statement)}`);
  const h = c.hypotheses as Partial<Claim<Params>['hypotheses']> | undefined;
  if (!h || typeof h.arbitrary !== 'function' || typeof h.validate !== 'function' || typeof h.describe !== 'function') {
    throw new Error(`${where}: hypotheses must have arbitrary, validate and describe functions`);
  }
  if (!Array.isArray(c.checks as unknown) || c.checks.length === 0) throw new Error(`${where}: needs at least one check (checks must be a non-empty array)`);
  c.checks.forEach((k, j) => {
    if (!k || typeof k.decide !== 'function' || !KINDS.includes(k.kind) || typeof k.name !== 'string' || !k.name) {
      throw new Error(
        `${where}: checks[${j}] must be a check built by src/core/checks (kind one of ${KINDS.join(', ')}, a name, decide), got kind ${JSON.stringify(k?.kind)}`,
      );
    }
  });
  if (!Array.isArray(c.controls as unknown))
    throw new Error(`${where}: controls must be an array (empty only if docs/theory/catalogue.md lists none), got ${typeof c.controls}`);
  const ctl = new Set<string>();
  for (const k of c.controls) {
    if (!k || typeof k.id !== 'string' || !/^[a-z0-9-]+$/.test(k.id))
      throw new Error(`${where}: control id must match /^[a-z0-9-]+$/, got ${JSON.stringify(k?.id)}`);
    if (typeof k.arbitrary !== 'function') throw new Error(`${where}: control "${k.id}" needs an arbitrary function`);
    if (ctl.has(k.id)) throw new Error(`${where}: duplicate control id "${k.id}"`);
    ctl.add(k.id);
  }
  if (!c.profiles || typeof c.profiles !== 'object') throw new Error(`${where}: profiles must give a budget for each of ${PROFILES.join(', ')}`);
  for (const p of PROFILES) {
    const b = c.profiles[p];
    if (!b) throw new Error(`${where}: missing budget for profile "${p}"`);
    if (!Number.isInteger(b.configurations) || b.configurations < 1)
      throw new Error(`${where}: profiles.${p}.configurations must be an integer ≥ 1, got ${b.configurations}`);
    if (!Number.isInteger(b.trials) || b.trials < 1) throw new Error(`${where}: profiles.${p}.trials must be an integer ≥ 1, got ${b.trials}`);
    if (b.statedTime !== undefined && !(b.statedTime.cpuSeconds > 0 && typeof b.statedTime.measured === 'string' && b.statedTime.measured.trim()))
      throw new Error(
        `${where}: profiles.${p}.statedTime must give cpuSeconds > 0 and a non-empty measured (how it was measured), got ${JSON.stringify(b.statedTime)}`,
      );
  }
  const checkNames = new Set(c.checks.map((k) => k.name));
  const controlIds = new Set(c.controls.map((k) => k.id));
  const named = (what: string, keys: Iterable<string>, known: Set<string>, kind: string): void => {
    for (const k of keys)
      if (!known.has(k)) throw new Error(`${where}: ${what} names ${kind} "${k}", which the claim does not have (known: ${[...known].join(', ') || 'none'})`);
  };
  named('knownFailures.checks', Object.keys(c.knownFailures?.checks ?? {}), checkNames, 'check');
  named('knownFailures.controls', Object.keys(c.knownFailures?.controls ?? {}), controlIds, 'control');
  named('skip.checks', Object.keys(c.skip?.checks ?? {}), checkNames, 'check');
  named('skip.controls', Object.keys(c.skip?.controls ?? {}), controlIds, 'control');
  for (const [k, kf] of Object.entries(c.knownFailures?.checks ?? {})) {
    if (kf?.status !== 'violated' && kf?.status !== 'inconclusive')
      throw new Error(`${where}: knownFailures.checks["${k}"].status must be violated | inconclusive, got ${JSON.stringify(kf?.status)}`);
    if (typeof kf.reason !== 'string' || !kf.reason.trim()) throw new Error(`${where}: knownFailures.checks["${k}"] needs a reason`);
  }
  for (const [k, kf] of Object.entries(c.knownFailures?.controls ?? {})) {
    if (kf?.status !== 'verified' && kf?.status !== 'inconclusive')
      throw new Error(`${where}: knownFailures.controls["${k}"].status must be verified | inconclusive, got ${JSON.stringify(kf?.status)}`);
    if (typeof kf.reason !== 'string' || !kf.reason.trim()) throw new Error(`${where}: knownFailures.controls["${k}"] needs a reason`);
  }
  for (const [k, why] of [...Object.entries(c.skip?.checks ?? {}), ...Object.entries(c.skip?.controls ?? {})]) {
    if (typeof why !== 'string' || !why.trim()) throw new Error(`${where}: skip of "${k}" needs a reason`);
  }
  if (c.skip?.checks && Object.keys(c.skip.checks).length >= c.checks.length)
    throw new Error(`${where}: skip.checks skips every check; record a knownFailure instead`);
  const sizes = new Set(c.sizes ?? []);
  for (const p of PROFILES) {
    const given = Object.keys(c.profiles[p].sizes ?? {});
    for (const g of given)
      if (!sizes.has(g)) throw new Error(`${where}: profiles.${p}.sizes.${g} is not declared in the claim's sizes (${[...sizes].join(', ') || 'none'})`);
    for (const g of sizes) {
      const v = c.profiles[p].sizes?.[g];
      if (!Number.isInteger(v) || (v as number) < 1) throw new Error(`${where}: profiles.${p}.sizes.${g} must be an integer ≥ 1, got ${v}`);
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

/** A selected claim a run left out, and why (report `notRun`). */
export interface NotRunClaim {
  id: string;
  paper: string;
  /** Its stated CPU-seconds at the run's profile (Budget.statedTime). */
  cpuSeconds: number;
  reason: string;
}

/** A duration in the largest fitting unit, to 2 significant digits: "40 s", "12 min", "3.4 h". */
function roughDuration(seconds: number): string {
  const v = (x: number): string => (x >= 10 ? Math.round(x).toString() : x.toPrecision(2));
  return seconds < 120 ? `${v(seconds)} s` : seconds < 7200 ? `${v(seconds / 60)} min` : `${v(seconds / 3600)} h`;
}

/**
 * Splits the selected claims at `profile` into the ones to run and the ones that state their own time there
 * (Budget.statedTime): those run only with `long`, or when `only` names their id exactly; otherwise each is
 * returned with the reason and the command that runs it (`command(id)`).
 */
export function deferLongClaims<C extends { id: string; paper: string; profiles: Record<string, { statedTime?: { cpuSeconds: number; measured: string } }> }>(
  claims: readonly C[],
  profile: string,
  opts: { long: boolean; only?: readonly string[]; command: (id: string) => string },
): { run: C[]; notRun: NotRunClaim[] } {
  const run: C[] = [];
  const notRun: NotRunClaim[] = [];
  for (const c of claims) {
    const stated = c.profiles[profile]?.statedTime;
    if (!stated || opts.long || opts.only?.includes(c.id)) run.push(c);
    else
      notRun.push({
        id: c.id,
        paper: c.paper,
        cpuSeconds: stated.cpuSeconds,
        reason: `states its own time at profile ${profile}: ≈ ${roughDuration(stated.cpuSeconds)} of CPU (${stated.measured}); run it with: ${opts.command(c.id)}`,
      });
  }
  return { run, notRun };
}
