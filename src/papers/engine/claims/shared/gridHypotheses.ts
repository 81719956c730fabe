import fc from 'fast-check';
import type { Hypotheses, Params } from '#core/claim/types.js';

export function oneOf<T extends string | number>(name: string, v: unknown, allowed: readonly T[]): string | null {
  return allowed.includes(v as T) ? null : `${name} must be one of ${allowed.join(', ')}, got ${JSON.stringify(v)}`;
}

export function within(name: string, v: unknown, lo: number, hi: number, integer = false): string | null {
  const ok = typeof v === 'number' && v >= lo && v <= hi && (!integer || Number.isInteger(v));
  return ok ? null : `${name} must be ${integer ? 'an integer' : 'a number'} in [${lo}, ${hi}], got ${JSON.stringify(v)}`;
}

/** Hypotheses from a table of allowed values per parameter (constantFrom each, unbiased; validate = membership). */
export function gridHypotheses<P extends Params>(grid: { [K in keyof P]: readonly P[K][] }, extraValidate?: (p: P) => string | null): Hypotheses<P> {
  const keys = Object.keys(grid) as Array<keyof P & string>;
  return {
    describe: () => Object.fromEntries(keys.map((k) => [k, grid[k].join(' | ')])),
    // Unbiased: fast-check's small-value bias would draw the first grid values again and again.
    arbitrary: () =>
      fc.noBias(
        fc.record(Object.fromEntries(keys.map((k) => [k, fc.constantFrom(...grid[k])])) as { [K in keyof P]: fc.Arbitrary<P[K]> }),
      ) as unknown as fc.Arbitrary<P>,
    validate: (p) => {
      for (const k of keys) {
        const why = oneOf(k, p[k], grid[k] as readonly (string | number)[]);
        if (why) return why;
      }
      return extraValidate ? extraValidate(p) : null;
    },
  };
}
