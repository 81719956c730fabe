import type { Check, Control, Hypotheses, Params } from './types.js';

/**
 * A negative control drawn from a claim's own hypotheses: every configuration the hypotheses'
 * arbitrary draws, with `override` applied — fixed values (`{ activation: 'constant' }`) merged
 * over it, or a function of it — and optionally its own checks (default: the claim's).
 */
export function overrideControl<P extends Params>(
  id: string,
  description: string,
  base: Hypotheses<P>,
  override: Partial<P> | ((p: P) => P),
  checks?: Check<P>[],
): Control<P> {
  const apply = typeof override === 'function' ? override : (p: P): P => ({ ...p, ...override }) as P;
  return { id, description, checks, arbitrary: (profile, c) => base.arbitrary(profile, c).map((p) => apply({ ...p })) };
}
