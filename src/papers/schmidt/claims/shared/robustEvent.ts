/** The event of the sample-complexity claims, as their check descriptions state it. */
export const ROBUST_EVENT_DESC = 'robust error β_ε(ŵ) ≤ 1% for ŵ = Σ y_i x_i (exact closed form; ŵ = nθ* + σ√n g)';
