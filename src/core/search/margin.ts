import type { CheckOutcome } from '../claim/types.js';
import { normalQuantile } from '../stats/normal.js';

/**
 * How far one check's pilot evidence is from violating its bound, as a z-score (lower is closer;
 * negative means the estimate is already on the wrong side): probability checks
 * (estimate − p0)/√(p0(1 − p0)/n), identities −|estimate − v|/se with se from the 95% interval,
 * other kinds Φ⁻¹(p-value) (a small p-value is strong evidence against the claim).
 */
function checkMargin(kind: string, o: CheckOutcome): number {
  const e = o.evidence;
  if (kind === 'probability' && e.target !== undefined && e.trials > 0) {
    const p0 = e.target;
    const se = Math.sqrt(Math.max(p0 * (1 - p0), 1e-12) / e.trials);
    return (e.estimate - p0) / se;
  }
  if (kind === 'identity' && e.target !== undefined) {
    const se = (e.ci[1] - e.ci[0]) / (2 * 1.959963984540054);
    return se > 0 ? -Math.abs(e.estimate - e.target) / se : e.estimate === e.target ? 0 : -Infinity;
  }
  return normalQuantile(Math.min(1 - 1e-12, Math.max(1e-300, e.pValue)));
}

/** A configuration's margin: the smallest over its checks (the check closest to failing decides). */
export function configurationMargin(kinds: readonly string[], outcomes: readonly CheckOutcome[]): number {
  return Math.min(...outcomes.map((o, i) => checkMargin(kinds[i], o)));
}
