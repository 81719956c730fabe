/**
 * Holm–Bonferroni step-down: sort p-values ascending p_(1) ≤ … ≤ p_(m); reject H_(i) for
 * i < the first i with p_(i) > α/(m − i + 1). Returns, per input, whether it is rejected,
 * its Holm-adjusted p-value max_{j≤i} min(1, (m − j + 1) p_(j)), and the threshold it faced.
 */
export interface HolmResult {
  rejected: boolean[];
  adjusted: number[];
  thresholds: number[];
}

export function holm(pValues: readonly number[], alpha: number): HolmResult {
  if (!(alpha > 0 && alpha < 1)) throw new RangeError(`holm: alpha must be in (0, 1), got ${alpha}`);
  for (const p of pValues) {
    if (!(p >= 0 && p <= 1)) throw new RangeError(`holm: every p-value must be in [0, 1], got ${p}`);
  }
  const m = pValues.length;
  const order = pValues.map((p, i) => [p, i] as const).sort((x, y) => x[0] - y[0] || x[1] - y[1]);
  const rejected = new Array<boolean>(m).fill(false);
  const adjusted = new Array<number>(m).fill(1);
  const thresholds = new Array<number>(m).fill(alpha / Math.max(1, m));
  let stillRejecting = true;
  let running = 0;
  order.forEach(([p, idx], rank) => {
    const thr = alpha / (m - rank);
    thresholds[idx] = thr;
    running = Math.max(running, Math.min(1, (m - rank) * p));
    adjusted[idx] = running;
    if (stillRejecting && p <= thr) rejected[idx] = true;
    else stillRejecting = false;
  });
  return { rejected, adjusted, thresholds };
}
