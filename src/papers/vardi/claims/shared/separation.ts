import { jStat } from '#core/stats/jstat.js';

/**
 * Threshold t = √(2d log(n²/γ)) of the separation claim (Vardi et al. 2022): for n points uniform on
 * √d·S^{d−1}, max_{i≠j} |⟨x_i, x_j⟩| ≤ t with probability ≥ 1 − γ (union bound over the pairs).
 */
export const separationThreshold = (d: number, n: number, gamma: number): number => Math.sqrt(2 * d * Math.log((n * n) / gamma));

/**
 * P(|⟨x_1, x_2⟩| > t) for two uniform points on √d·S^{d−1}, exactly: ((⟨x,y⟩/d) + 1)/2 ~ Beta((d−1)/2, (d−1)/2),
 * so the tail is 2(1 − I_{(t/d + 1)/2}((d−1)/2, (d−1)/2)) (the pairwise law behind Vardi et al. 2022's separation bound).
 */
export function pairTailExact(d: number, t: number): number {
  const a = (d - 1) / 2;
  return 2 * (1 - jStat.ibeta((t / d + 1) / 2, a, a));
}
