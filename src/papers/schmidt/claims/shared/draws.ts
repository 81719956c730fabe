import fc from 'fast-check';

/** d = round(10^(k/4)) for k ∈ [4·lo, 4·hi]: a quarter-decade grid of dimensions. */
export const dExpArb = (lo: number, hi: number): fc.Arbitrary<number> =>
  fc.integer({ min: Math.round(lo * 4), max: Math.round(hi * 4) }).map((k) => Math.round(Math.pow(10, k / 4)));
/** Uniform on [min, max] on a grid of 10⁶ steps (fc.double is uniform over float encodings, i.e. crowded near 0); shrinks towards min. */
export const unit = (min = 0, max = 1): fc.Arbitrary<number> => fc.integer({ min: 0, max: 1_000_000 }).map((k) => min + ((max - min) * k) / 1_000_000);
