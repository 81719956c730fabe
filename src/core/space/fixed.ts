import { distinct, isValue, shown } from './format.js';
import type { ParamSpec, Value } from './param.js';

/** Options of {@link fixed}. */
export interface FixedOptions {
  /** Report text replacing `= value`, or `false` to leave the parameter out of `describe`. */
  describe?: string | false;
}

/** A constant parameter (e.g. `impl: fixed('reference')`); its type is the literal. */
export function fixed<const T extends Value>(value: T, options: FixedOptions = {}): ParamSpec<T, 'fixed'> {
  if (!isValue(value)) throw new Error(`fixed: value must be a finite number, a string or a boolean, got ${String(value)}`);
  return {
    kind: 'fixed',
    describe: options.describe,
    resolve: () => ({ kind: 'fixed', value }),
    accepts: (v) => v === value,
    requirement: () => shown(value),
    text: (h) =>
      `= ${distinct(h.map((d) => d.value))
        .map(String)
        .join(' | ')}`,
  };
}
