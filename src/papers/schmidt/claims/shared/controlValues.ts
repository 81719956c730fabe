import type { Value } from '#core/space/index.js';

/**
 * The parameters of a claim whose negative controls set values outside its space (a broken
 * formula, a learner that ignores the data): the space's point type `P` with the values of `X`
 * added to those parameters' types. Distributes over the forms of a union space.
 *
 * @example
 * type ClosedFormParams = WithControlValues<PointOf<typeof closedFormSpace>, { formula: 'l2-norm' }>;
 */
export type WithControlValues<P, X extends { [K in keyof P]?: Value }> = P extends unknown
  ? { [K in keyof P]: K extends keyof X ? P[K] | NonNullable<X[K]> : P[K] }
  : never;
