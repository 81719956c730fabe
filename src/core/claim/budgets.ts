import type { Budget, Profile } from './types.js';

/** A claim's trial budgets, one per profile (smoke < 1 min per paper, standard = the gate, paper = the slides' sizes). */
export function budgets(smoke: Budget, standard: Budget, paper: Budget): Record<Profile, Budget> {
  return { smoke, standard, paper };
}
