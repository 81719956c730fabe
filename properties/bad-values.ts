import { fc } from '@fast-check/vitest';
import { expect } from 'vitest';

/** Shared by the bad-input tests: capture an error message, check what it names, generators of bad values. */

/** The message of the error `f` throws ('no error' if none). */
export function errorOf(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    return (e as Error).message;
  }
  return 'no error';
}

/** The message contains every fragment (API/flag, parameter, value, allowed range). */
export function expectNames(message: string, ...fragments: string[]): void {
  for (const s of fragments) expect(message, `error message should name ${JSON.stringify(s)}`).toContain(s);
}

export const nonFinite = fc.constantFrom(NaN, Infinity, -Infinity);
export const nonInteger = fc.double({ min: -1e6, max: 1e6, noNaN: true }).filter((x) => !Number.isInteger(x));
/** Not an integer ≥ min: NaN, ±∞, fractions, integers below min. */
export const badCount = (min: number): fc.Arbitrary<number> => fc.oneof(nonFinite, nonInteger, fc.integer({ min: -1e6, max: min - 1 }));
/** Not a finite number ≥ 0 (strictly > 0 when `strict`). */
export const badNonNegative = (strict: boolean): fc.Arbitrary<number> =>
  fc.oneof(nonFinite, fc.double({ min: -1e6, max: -1e-9, noNaN: true }), ...(strict ? [fc.constant(0)] : []));
/** Outside the open interval (0, 1). */
export const outsideUnit = fc.oneof(nonFinite, fc.double({ min: -10, max: 0, noNaN: true }), fc.double({ min: 1, max: 10, noNaN: true }));
