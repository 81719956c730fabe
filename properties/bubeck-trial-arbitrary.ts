import { fc } from '@fast-check/vitest';

/**
 * A Bubeck trial's parameters with the seed of its stream: d, k in [1, maxDim], every activation (the constant one
 * included), both laws of a and of x, and the reference and broken implementations. Shared by the bit-for-bit tests
 * of the fast samplers and searches against their references.
 */
export const bubeckTrialArbitrary = (maxDim: number) =>
  fc.record({
    seed: fc.integer({ min: 0, max: 1e6 }),
    d: fc.integer({ min: 1, max: maxDim }),
    k: fc.integer({ min: 1, max: maxDim }),
    activation: fc.constantFrom('tanh', 'softplus', 'sigmoid-centred', 'gelu', 'relu', 'identity', 'constant'),
    outputWeights: fc.constantFrom('rademacher' as const, 'gaussian' as const),
    input: fc.constantFrom('sphere' as const, 'gaussian' as const),
    impl: fc.constantFrom('reference' as const, 'grad-missing-inv-sqrt-k' as const, 'forward-missing-inv-sqrt-k' as const),
  });
