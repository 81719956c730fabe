import { Z99 } from '../../model/schmidtTrials.js';

/**
 * The law's prediction n_law = (√(2/π)·ε·σ + z₀.₉₉·σ²/√d)² (asymptotic variant: the first term only), our
 * sharper reading of the closed form β_ε(ŵ) of Schmidt et al. 2018 for the mean learner (‖ŵ‖₁ ≈ d·σ√n·√(2/π)).
 */
export function lawPrediction(d: number, eps: number, sigma: number, law = 'sharp'): number {
  const a = Math.sqrt(2 / Math.PI) * eps * sigma + (law === 'sharp' ? (Z99 * sigma * sigma) / Math.sqrt(d) : 0);
  return a * a;
}
