import { fc, test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import { etaRelative, etaRelativeScan } from '../src/papers/bubeck/model/bubeckEta.js';
import { sampleBubeckTrial } from '../src/papers/bubeck/model/bubeckSampler.js';
import { applyImplToSample } from '../src/papers/bubeck/model/mutants.js';
import { Stream } from '../src/core/random/stream.js';
import { etaRelativeFirstOrder } from './bubeck-eta-first-order-reference.js';
import { bubeckTrialArbitrary } from './bubeck-trial-arbitrary.js';

/**
 * etaRelative's skips (first order for every σ, second order for σ′ Lipschitz: tanh, softplus, sigmoid-centred, GELU,
 * identity) against the plain grid scan: the same η_rel on every trial, for both laws of a and x, correct and broken
 * gradients (the control's √k-too-long step), coarse and fine grids.
 */
describe('η_rel with second-order skips', () => {
  const trial = fc
    .tuple(bubeckTrialArbitrary(400), fc.constantFrom({ step: 0.01, max: 20 }, { step: 0.001, max: 3 }, { step: 0.25, max: 40 }))
    .map(([c, grid]) => ({ ...c, grid }));

  test.prop([trial], { numRuns: 400 })('equals the grid scan', (c) => {
    const s = applyImplToSample(sampleBubeckTrial(c, new Stream(c.seed)), c.impl, c.k);
    const scan = etaRelativeScan(s, c.grid);
    expect(etaRelative(s, c.grid)).toBe(scan);
    expect(etaRelativeFirstOrder(s, c.grid)).toBe(scan);
  });
});
