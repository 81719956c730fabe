import type { Value } from '#core/space/index.js';

/**
 * The point type P of a space with, for some parameters, the values only its negative controls set (outside the space):
 * `WithControlValues<PointOf<typeof space>, { network: 'robust' }>` types `network` as `'trained' | 'robust'`.
 */
export type WithControlValues<P, C extends { [K in keyof P]?: Value }> = { [K in keyof P]: K extends keyof C ? P[K] | NonNullable<C[K]> : P[K] };
