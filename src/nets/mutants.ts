import type { GradientRay } from '../attacks/oneStep.js';

/**
 * Deliberately broken implementations, selectable by name through the `impl` parameter of a
 * configuration, so that the gate can be shown to catch them (negative controls) and a
 * counterexample replays from the command line. "reference" is the correct implementation.
 *
 * - grad-missing-inv-sqrt-k: ∇f computed without the k^{-1/2} factor (∇f_b = √k·∇f), f correct.
 * - forward-missing-inv-sqrt-k: f and ∇f both without k^{-1/2} (f_b = √k·f).
 */
export const IMPLS = ['reference', 'grad-missing-inv-sqrt-k', 'forward-missing-inv-sqrt-k'] as const;
export type Impl = (typeof IMPLS)[number];

export function requireImpl(name: string): Impl {
  if (!(IMPLS as readonly string[]).includes(name)) throw new RangeError(`impl: unknown implementation "${name}"; known: ${IMPLS.join(', ')}`);
  return name as Impl;
}

/** Output and gradient scale factors (f_b = fs·f, ∇f_b = gs·∇f) of an implementation on a width-k net. */
export function implScales(impl: Impl, k: number): { fs: number; gs: number } {
  switch (impl) {
    case 'reference':
      return { fs: 1, gs: 1 };
    case 'grad-missing-inv-sqrt-k':
      return { fs: 1, gs: Math.sqrt(k) };
    case 'forward-missing-inv-sqrt-k':
      return { fs: Math.sqrt(k), gs: Math.sqrt(k) };
  }
}

/** The gradient ray as the implementation `impl` would compute it: f_b(x + t∇f_b) = fs·f(x + t·gs·∇f). */
export function applyImpl(ray: GradientRay, impl: Impl, k: number): GradientRay {
  if (impl === 'reference') return ray;
  const { fs, gs } = implScales(impl, k);
  return { f: fs * ray.f, gradNormSq: gs * gs * ray.gradNormSq, fAlong: (t) => fs * ray.fAlong(gs * t) };
}
