/** Flat JSON parameters (the claim types' `Params`, restated here so that random/ depends on nothing). */
type Params = Readonly<Record<string, number | string | boolean>>;

/** Canonical JSON of a configuration: keys sorted, so equal params give equal strings (and streams). */
export function canonicalJson(params: Params): string {
  const keys = Object.keys(params).sort();
  return JSON.stringify(Object.fromEntries(keys.map((k) => [k, params[k]])));
}

/** 32-bit FNV-1a hash of a string, as a non-negative integer (fast-check seeds). */
export function hash32(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** The master seed `npm test` runs on (fixed so verdicts never flip between runs). */
export const DEFAULT_SEED = 20261125;
