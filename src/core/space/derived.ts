import type { Params } from '../claim/types.js';
import { distinct, isValue, same, shown } from './format.js';
import type { ParamSpec, SpaceContext, Value } from './param.js';

/** Options of {@link derived}. */
export interface DerivedOptions {
  /** The formula, as reports and messages show it, e.g. `'n = ⌊√d/ln d⌋'`. */
  formula: string;
  /** Report text replacing the formula, or `false` to leave the parameter out of `describe`. */
  describe?: string | false;
}

/**
 * A parameter computed from the profile, the constants and earlier parameters (e.g. n = ⌊√d/ln d⌋);
 * validation checks it equals the formula's value (numbers within a relative 1e-9).
 */
export function derived<T extends Value, Prev extends Params = Params>(
  compute: (ctx: SpaceContext<Prev>) => T,
  options: DerivedOptions,
): ParamSpec<T, 'derived'> {
  const values = (h: readonly { value?: Value }[]): Value[] => distinct(h.map((d) => d.value as Value));
  return {
    kind: 'derived',
    describe: options.describe,
    resolve: (ctx) => {
      const value = compute(ctx as SpaceContext<Prev>);
      if (!isValue(value)) throw new Error(`${options.formula} must be a finite number, a string or a boolean, got ${String(value)}`);
      return { kind: 'derived', value, formula: options.formula };
    },
    accepts: (v, h) => h.some((d) => same(d.value, v)),
    requirement: (h) =>
      `${values(h)
        .map((v) => shown(v))
        .join(' or ')} (${options.formula})`,
    text: () => options.formula,
  };
}
