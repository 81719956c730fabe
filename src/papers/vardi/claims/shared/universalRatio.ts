import type { Stream } from '#core/random/stream.js';
import { robustNetworkTrace } from '../../model/robustNetwork.js';
import { universalPerturbation } from '../../model/universal.js';
import { certifiedRun, initialRun } from '../../training/experiment.js';
import { specOf, type TrainedNetConfig } from './training.js';

/**
 * The scale √(d/(c²n)) of Vardi et al. 2022's universal perturbation bound ‖δ‖ ≤ C·√(d/(c²n)),
 * c the realised class balance min(n₊, n₋)/n.
 */
const universalScale = (d: number, n: number, balance: number): number => Math.sqrt(d / (balance * balance * n));

/** One run of the universal-perturbation claim: the ratio ‖δ_all‖/√(d/(c²n)) and what the report records with it. */
export interface UniversalRun {
  ratio: number;
  certified: boolean;
  /** Trained nets retrained because their end point failed the KKT certificate. */
  uncertified: number;
  maxDeltaMinOverSqrtD: number;
  robustRadiusOverSqrtD: number;
  balance: number;
}

/**
 * ‖δ_all‖ / √(d/(c²n)) of one run (Vardi et al. 2022, main theorem): a certified trained net, or (control,
 * `network: 'robust'`) the robust construction with β = (1 + c)/2 on the same kind of data (data conditioned on separation).
 */
export function universalRatio(p: TrainedNetConfig & { network: string }, rng: Stream): UniversalRun {
  const spec = specOf(p, { requireSeparation: true });
  if (p.network === 'robust') {
    const run = initialRun(rng, spec);
    const beta = (1 + run.summary.maxInner / p.d) / 2;
    const rob = robustNetworkTrace(run.data.K, run.data.y, p.d, beta);
    const up = universalPerturbation(rob.trace);
    return {
      ratio: up.deltaAll / universalScale(p.d, p.n, run.summary.balance),
      certified: false,
      uncertified: 0,
      maxDeltaMinOverSqrtD: up.maxDeltaMin / Math.sqrt(p.d),
      robustRadiusOverSqrtD: rob.radius / Math.sqrt(p.d),
      balance: run.summary.balance,
    };
  }
  const run = certifiedRun(rng, spec);
  const up = universalPerturbation(run.trace);
  const beta = (1 + run.summary.maxInner / p.d) / 2;
  const radius = robustNetworkTrace(run.data.K, run.data.y, p.d, beta).radius;
  return {
    ratio: up.deltaAll / universalScale(p.d, p.n, run.summary.balance),
    certified: run.certified,
    uncertified: run.uncertified,
    maxDeltaMinOverSqrtD: up.maxDeltaMin / Math.sqrt(p.d),
    robustRadiusOverSqrtD: radius / Math.sqrt(p.d),
    balance: run.summary.balance,
  };
}
