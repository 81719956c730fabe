import type { GradientRay } from './oneStep.js';
import type { EtaSample } from './bubeckEta.js';

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

/**
 * A trial as implementation `impl` computes it, in the fields the η search and the one-step attack
 * read: f_b = fs·f (a scaled by fs), ∇f_b = gs·∇f (so W∇f_b = gs·W∇f, ‖∇f_b‖² = gs²‖∇f‖²), and
 * its gradient ray f_b(x + t∇f_b) = fs·f(x + t·gs·∇f).
 */
export function applyImplToSample<S extends EtaSample & GradientRay>(s: S, impl: Impl, k: number): EtaSample & GradientRay {
  if (impl === 'reference') return s;
  const { fs, gs } = implScales(impl, k);
  return {
    f: fs * s.f,
    gradNormSq: gs * gs * s.gradNormSq,
    u: s.u,
    a: Float64Array.from(s.a, (v) => fs * v),
    stepPre: Float64Array.from(s.stepPre, (v) => gs * v),
    act: s.act,
    fAlong: (t) => fs * s.fAlong(gs * t),
  };
}
