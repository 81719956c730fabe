import type { ConstantsTable, Profile } from '../claim/types.js';
import type { Descriptor, ParamSpec, Row, SpaceContext, Value } from './param.js';

/** A declared parameter: its name, declaration, the keys it sets in a point, and the keys declared before it. */
export interface Entry {
  readonly name: string;
  readonly spec: ParamSpec;
  readonly keys: readonly string[];
  readonly earlier: ReadonlySet<string>;
}

/** Values of a point under construction (the columns of `cases` spread). */
export type Values = Record<string, Value>;

/** An error in a space's definition (already prefixed with the API's name). */
export class SpaceError extends Error {}

/** Thrown while building draws when a domain reads an earlier parameter that is not drawn yet. */
export class Missing {
  constructor(readonly key: string) {}
}

/** The ordered entries of `params` (rejects a key set twice). */
export function entriesOf(params: Readonly<Record<string, ParamSpec>>): Entry[] {
  const seen = new Set<string>();
  return Object.entries(params).map(([name, spec]) => {
    if (!spec || typeof spec.resolve !== 'function')
      throw new SpaceError(`defineSpace: parameter "${name}" must be declared with int, real, oneOf, fixed, derived or cases`);
    const earlier = new Set(seen);
    const keys = spec.kind === 'cases' ? (spec.keys as readonly string[]) : [name];
    for (const k of keys) {
      if (seen.has(k)) throw new SpaceError(`defineSpace: parameter "${k}" is declared twice`);
      seen.add(k);
    }
    return { name, spec, keys, earlier };
  });
}

/** The context of a constraint or a domain; `p` is returned as is. */
export function contextOf(profile: Profile, constants: ConstantsTable, p: object): SpaceContext {
  return { profile, constants, p: p as Readonly<Record<string, Value>>, constant: (name, fallback) => constants[name]?.value ?? fallback };
}

/**
 * Evaluates entry `e`'s domain on the earlier `values`: its descriptor and the keys it read.
 * Reading a later or an undeclared key is a definition error; an earlier key absent from `values` throws {@link Missing}.
 */
export function evaluate(e: Entry, profile: Profile, constants: ConstantsTable, values: Readonly<Values>): { desc: Descriptor; reads: ReadonlySet<string> } {
  const reads = new Set<string>();
  const p = new Proxy(values, {
    get(target, key) {
      if (typeof key !== 'string') return undefined;
      if (!e.earlier.has(key)) throw new SpaceError(`defineSpace: parameter "${e.name}" reads "${key}", which is not declared before it`);
      reads.add(key);
      if (!(key in target)) throw new Missing(key);
      return target[key];
    },
    has: (target, key) => typeof key === 'string' && e.earlier.has(key) && key in target,
    ownKeys: (target) => Object.keys(target).filter((k) => e.earlier.has(k)),
  });
  try {
    const r = e.spec.resolve(contextOf(profile, constants, p));
    return { desc: { name: e.name, ...r, dependent: reads.size > 0 }, reads };
  } catch (err) {
    if (err instanceof Missing || err instanceof SpaceError) throw err;
    throw new SpaceError(`defineSpace: parameter "${e.name}": ${err instanceof Error ? err.message : String(err)}`);
  }
}

/** Whether the entry is drawn (or chosen), rather than computed. */
export const isFree = (e: Entry): boolean => e.spec.kind !== 'fixed' && e.spec.kind !== 'derived';

/** Sets entry `e`'s value (a row for `cases`) in `values`. */
export function assign(e: Entry, v: Value | Row, values: Values): void {
  if (e.spec.kind === 'cases') for (const k of e.keys) values[k] = (v as Row)[k];
  else values[e.name] = v as Value;
}

/** Entry `e`'s value in point `p` (the row of its columns for `cases`); undefined when a key is missing. */
export function valueIn(e: Entry, p: Readonly<Record<string, unknown>>): unknown {
  if (!e.keys.every((k) => Object.prototype.hasOwnProperty.call(p, k) && p[k] !== undefined)) return undefined;
  return e.spec.kind === 'cases' ? Object.fromEntries(e.keys.map((k) => [k, p[k]])) : p[e.name];
}

/** How messages name entry `e`: `k`, or `cell (d, eps)` for a group. */
export const labelOf = (e: Entry): string => (e.spec.kind === 'cases' ? `${e.name} (${e.keys.join(', ')})` : e.name);

/** `values` in declaration order. */
export function ordered(entries: readonly Entry[], values: Readonly<Values>): Values {
  const out: Values = {};
  for (const e of entries) for (const k of e.keys) out[k] = values[k];
  return out;
}
