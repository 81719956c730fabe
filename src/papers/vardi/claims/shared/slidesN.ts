/**
 * The slides' sample size n = ⌊√d / ln d⌋ (at least 2): the regime of Vardi, Yehudai, Shamir
 * (NeurIPS 2022) in which the separation hypothesis n ≤ (d+1)/(3(max|⟨x_i,x_j⟩| + 1)) usually holds.
 */
export const slidesN = (d: number): number => Math.max(2, Math.floor(Math.sqrt(d) / Math.log(d)));
