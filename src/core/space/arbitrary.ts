import fc from 'fast-check';
import type { ConstantsTable, Profile } from '../claim/types.js';
import { assign, contextOf, evaluate, isFree, Missing, ordered, type Entry, type Values } from './evaluate.js';
import type { Row, Value } from './param.js';
import type { Constraint } from './space.js';

/**
 * The arbitrary of a space, in rounds: every free parameter whose domain is known is drawn in one
 * fc.record (the first round holds all static ones); fixed and derived ones are computed as soon
 * as their inputs are known; parameters whose domain reads a value of the current round wait for
 * the next, drawn in a `.chain`. The last round ends in a `.map`, then constraints filter.
 * Points keep the declaration's key order.
 */
export function spaceArbitrary(
  entries: readonly Entry[],
  constraints: readonly Constraint[],
  profile: Profile,
  constants: ConstantsTable,
): fc.Arbitrary<Values> {
  const known = (e: Entry, values: Values): boolean => e.keys.every((k) => k in values);

  /** Computes every fixed and derived entry whose inputs are known, in order; returns the free entries ready to draw. */
  const settle = (values: Values): { ready: Record<string, fc.Arbitrary<Value | Row>>; waiting: boolean } => {
    const ready: Record<string, fc.Arbitrary<Value | Row>> = {};
    let waiting = false;
    for (const e of entries) {
      if (known(e, values)) continue;
      try {
        const { desc } = evaluate(e, profile, constants, values);
        if (isFree(e)) ready[e.name] = e.spec.draw!(desc) as fc.Arbitrary<Value | Row>;
        else assign(e, desc.value as Value, values);
      } catch (err) {
        if (!(err instanceof Missing)) throw err;
        waiting ||= isFree(e);
      }
    }
    return { ready, waiting };
  };

  const round = (before: Values): fc.Arbitrary<Values> => {
    const values = { ...before };
    const { ready, waiting } = settle(values);
    const merged = (drawn: Record<string, Value | Row>): Values => {
      const next = { ...values };
      for (const e of entries) if (e.name in drawn) assign(e, drawn[e.name], next);
      return next;
    };
    const record = fc.record(ready);
    if (waiting) return record.chain((drawn) => round(merged(drawn)));
    return record.map((drawn) => {
      const next = merged(drawn);
      settle(next);
      return ordered(entries, next);
    });
  };

  const arb = round({});
  if (constraints.length === 0) return arb;
  return arb.filter((p) => constraints.every((c) => c.check(p, contextOf(profile, constants, p)) === null));
}
