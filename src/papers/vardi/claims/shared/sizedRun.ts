import type { Stream } from '#core/random/stream.js';
import { robustNetworkTrace } from '../../model/robustNetwork.js';
import { universalPerturbation } from '../../model/universal.js';
import { certifiedRun, initialRun } from '../../training/experiment.js';
import { slidesN } from './slidesN.js';
import type { LossName } from '#core/linalg/losses.js';
import { FLOW_TOLERANCE, specOf, STEP_CAP } from './training.js';

/**
 * One net at size d with n = ⌊√d/ln d⌋ (Vardi et al. 2022, the slides' experiment): a trained, KKT-certified net
 * (or, `network: 'robust'`, the robust construction with β = (1 + c)/2 on the same kind of data), its universal
 * perturbation ‖δ_all‖, max_i η_min(i), the certified radius min(1 − β, β − c)√d of the robust network on its data, and
 * the class balance min(n₊, n₋)/n of the data.
 */
export function sizedRun(
  p: { k: number; loss: LossName; scale: number; network: string },
  d: number,
  rng: Stream,
): { deltaAll: number; maxDeltaMin: number; radius: number; certified: boolean; balance: number } {
  const n = slidesN(d);
  const spec = specOf(
    { d, n, k: p.k, loss: p.loss, scale: p.scale, trainer: 'span', stepCap: STEP_CAP, tolerance: FLOW_TOLERANCE },
    { requireSeparation: true },
  );
  if (p.network === 'robust') {
    const run = initialRun(rng, spec);
    const rob = robustNetworkTrace(run.data.K, run.data.y, d, (1 + run.summary.maxInner / d) / 2);
    const up = universalPerturbation(rob.trace);
    return { deltaAll: up.deltaAll, maxDeltaMin: up.maxDeltaMin, radius: rob.radius, certified: false, balance: run.summary.balance };
  }
  const run = certifiedRun(rng, spec);
  const up = universalPerturbation(run.trace);
  return {
    deltaAll: up.deltaAll,
    maxDeltaMin: up.maxDeltaMin,
    radius: robustNetworkTrace(run.data.K, run.data.y, d, (1 + run.summary.maxInner / d) / 2).radius,
    certified: run.certified,
    balance: run.summary.balance,
  };
}
