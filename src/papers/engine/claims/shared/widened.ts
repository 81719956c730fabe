/**
 * `P` with the keys of `W` retyped as in `W`: a space's point type with the factors its controls set
 * outside the space (a broken rule, a smaller cap) widened to every value they take.
 */
export type Widened<P, W> = Omit<P, keyof W> & W;
