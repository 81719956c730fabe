import { PROFILES, type ConstantsTable, type Params } from '../claim/types.js';
import { assign, contextOf, evaluate, labelOf, valueIn, type Entry, type Values } from './evaluate.js';
import { shown } from './format.js';
import type { Resolved, Row, Value } from './param.js';
import type { Constraint } from './space.js';

/** Entry `e`'s domains over the profiles, on the earlier values (profiles whose evaluation fails are left out, unless all fail). */
function hullOf(e: Entry, constants: ConstantsTable, values: Values): Resolved[] {
  const errors: unknown[] = [];
  const hull = PROFILES.flatMap((profile) => {
    try {
      return [evaluate(e, profile, constants, values).desc];
    } catch (err) {
      errors.push(err);
      return [];
    }
  });
  if (hull.length === 0) throw errors[0];
  return hull;
}

/**
 * Null when `p` lies in the space of at least one profile: no unknown keys; each parameter, in
 * declaration order, in the hull of its domains over the profiles (on p's earlier values); the
 * constraints hold at some profile. Else the first reason.
 */
export function validatePoint(
  entries: readonly Entry[],
  constraints: readonly Constraint[],
  p: Readonly<Record<string, unknown>>,
  constants: ConstantsTable,
): string | null {
  if (typeof p !== 'object' || p === null) return `a point must be an object, got ${String(p)}`;
  const declared = new Set(entries.flatMap((e) => e.keys));
  const unknown = Object.keys(p).filter((k) => !declared.has(k));
  if (unknown.length > 0)
    return `unknown parameter${unknown.length > 1 ? 's' : ''} ${unknown.map((k) => `"${k}"`).join(', ')} (the space declares ${[...declared].join(', ')})`;
  const values: Values = {};
  for (const e of entries) {
    const hull = hullOf(e, constants, values);
    const v = valueIn(e, p);
    const must = e.spec.requirement(hull);
    if (v === undefined) return `${labelOf(e)} is missing (must be ${must})`;
    if (!e.spec.accepts(v, hull)) return `${labelOf(e)} must be ${must}, got ${shown(v, e.spec.kind === 'cases' ? e.keys : undefined)}`;
    assign(e, v as Value | Row, values);
  }
  for (const c of constraints) {
    const reasons = PROFILES.map((profile) => c.check(p as Params, contextOf(profile, constants, p)));
    if (reasons.every((r) => r !== null)) return reasons[0];
  }
  return null;
}
