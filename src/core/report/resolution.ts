import type { Evidence, Status } from '../claim/types.js';
import { formatNumber } from './format.js';

/**
 * What a check's verdict excludes, in words (report.json `resolution`, shown by every renderer).
 * Probability checks (SPRT of H0: p = p0 against H1: p = p0 − δ, or the fixed-sample binomial test;
 * mirrored for an `at-most` bound, H1: p = p0 + δ):
 * `verified` excludes P ≤ p0 − δ with power 1 − β and does not reject P ≥ p0 — it says nothing
 * finer than δ; `violated` rejects P ≥ p0 at the Holm-corrected level; `inconclusive` leaves P in
 * (p0 − δ, p0). Identity checks: the tolerance is a power requirement (the 95% interval must be
 * that narrow for the t-test to count as able to fail), not an acceptance band. Other kinds: none.
 */
export function resolutionOf(kind: string, status: Status, e: Evidence): string | undefined {
  const f = (x: number): string => formatNumber(x, 4);
  if (kind === 'probability' && e.target !== undefined && e.delta !== undefined) {
    const p0 = e.target;
    const power = e.beta !== undefined ? f(1 - e.beta) : 'the design power';
    if (e.direction === 'at-most') {
      const p1 = Math.min(1, p0 + e.delta);
      if (status === 'verified') return `P ≥ ${f(p1)} excluded with power ${power}; P ≤ ${f(p0)} not rejected (resolution δ = ${f(e.delta)})`;
      if (status === 'violated') return `P ≤ ${f(p0)} rejected (p-value ${f(e.pValue)}); estimate ${f(e.estimate)}`;
      return `neither excluded: P may lie in the indifference region (${f(p0)}, ${f(p1)}) at this budget`;
    }
    const p1 = Math.max(0, p0 - e.delta);
    if (status === 'verified') return `P ≤ ${f(p1)} excluded with power ${power}; P ≥ ${f(p0)} not rejected (resolution δ = ${f(e.delta)})`;
    if (status === 'violated') return `P ≥ ${f(p0)} rejected (p-value ${f(e.pValue)}); estimate ${f(e.estimate)}`;
    return `neither excluded: P may lie in the indifference region (${f(p1)}, ${f(p0)}) at this budget`;
  }
  if (kind === 'identity' && e.delta !== undefined) {
    const half = (e.ci[1] - e.ci[0]) / 2;
    const band = `the tolerance ${f(e.delta)} is a power requirement on the 95% interval's half-width (${f(half)}), not an acceptance band`;
    if (status === 'verified') return `E = ${f(e.target ?? NaN)} not rejected by the t-test; ${band}`;
    if (status === 'violated') return `E = ${f(e.target ?? NaN)} rejected by the t-test (p-value ${f(e.pValue)}); ${band}`;
    return `the interval is wider than the tolerance: a deviation of that size could have gone unnoticed; ${band}`;
  }
  return undefined;
}

/** The resolution line of a claim: that of its first check with the claim's own status (its worst), else of its first check. */
export function claimResolution(c: {
  status: Status;
  configurations: ReadonlyArray<{ checks: ReadonlyArray<{ status: Status; resolution?: string }> }>;
}): string | undefined {
  const all = c.configurations.flatMap((k) => k.checks);
  return (all.find((k) => k.status === c.status && k.resolution) ?? all.find((k) => k.resolution))?.resolution;
}
