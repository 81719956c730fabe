/** x rounded to 6 decimals (short, replayable parameter values). */
export const round6 = (x: number): number => Math.round(x * 1e6) / 1e6;
/** x rounded up to 6 decimals (values bounded below by a hypothesis, e.g. τ = c·d^{−1/4}). */
export const ceil6 = (x: number): number => Math.ceil(x * 1e6) / 1e6;
