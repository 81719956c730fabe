import type { Evidence, Status } from '../claim/types.js';
import type { ClaimResult, ConfigurationResult, Report } from './schema.js';

/**
 * report.summary from the claims: verified/violated/inconclusive count gating claims only
 * (observational claims are reported, never counted); controls count every control of every
 * claim, `controlsFailedAsExpected` those whose status is `violated`.
 */
export function summariseClaims(claims: readonly ClaimResult[]): Report['summary'] {
  const counted = claims.filter((c) => !c.observational);
  const n = (s: Status): number => counted.filter((c) => c.status === s).length;
  const controls = claims.flatMap((c) => c.controls);
  return {
    verified: n('verified'),
    violated: n('violated'),
    inconclusive: n('inconclusive'),
    controlsFailedAsExpected: controls.filter((c) => c.status === 'violated').length,
    controlsTotal: controls.length,
  };
}

/**
 * Did this control actually run? A sharded run reports the controls outside its slice as
 * `inconclusive` with no evidence, no counterexample and zero time; those are "not run", not results.
 */
export function controlWasRun(k: ClaimResult['controls'][number]): boolean {
  return k.evidence !== undefined || k.counterexample !== undefined || k.durationMs > 0 || Object.keys(k.params).length > 0;
}

/**
 * A claim's headline evidence: the primary evidence of its worst configuration (smallest
 * p-value), with "worst of N configurations (T trials in all)" appended to its note.
 * `undefined` when the claim has no configuration.
 */
export function worstConfigurationEvidence(configurations: readonly ConfigurationResult[]): Evidence | undefined {
  const worstCfg = configurations.reduce<ConfigurationResult | undefined>((w, c) => (!w || c.evidence.pValue < w.evidence.pValue ? c : w), undefined);
  if (!worstCfg) return undefined;
  const totalTrials = configurations.reduce((s, c) => s + c.checks.reduce((t, k) => t + k.evidence.trials, 0), 0);
  const note = `${worstCfg.evidence.note ? worstCfg.evidence.note + '; ' : ''}worst of ${configurations.length} configurations (${totalTrials} trials in all)`;
  return { ...worstCfg.evidence, note };
}
