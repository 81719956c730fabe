import type { Budget, Profile } from '#core/claim/types.js';

/**
 * Budgets of a meta-claim per profile (smoke, standard, paper): configurations, and independent seeds
 * per configuration (`trials`); one control configuration (two at paper), shrinking capped.
 */
export function metaBudgets(configurations: [number, number, number], seeds: [number, number, number]): Record<Profile, Budget> {
  const at = (i: number): Budget => ({ configurations: configurations[i], trials: seeds[i], controlConfigurations: i === 2 ? 2 : 1 });
  return { smoke: at(0), standard: at(1), paper: at(2) };
}

/** The costly sequential claims: ≥ 1000 seeds per configuration from the standard profile on. */
export const SPRT_BUDGET = metaBudgets([1, 4, 8], [400, 1000, 10000]);
