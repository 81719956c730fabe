import { definePaper } from '#core/claim/definePaper.js';
import { etaExperiment } from './claims/eta-experiment.js';
import { gradientLowerBound } from './claims/gradient-lower-bound.js';
import { gradientMoment } from './claims/gradient-moment.js';
import { gradientStabilityClaim } from './claims/gradient-stability.js';
import { oneStepFlip } from './claims/one-step-flip.js';
import { outputMoment } from './claims/output-moment.js';
import { outputScale } from './claims/output-scale.js';
import { projection } from './claims/projection.js';
import { stepNorm } from './claims/step-norm.js';
import { IMPLS } from './model/mutants.js';

/** Bubeck et al. 2021 as a plug-in: random two-layer nets, one gradient step flips the sign. */
export const bubeck = definePaper({
  id: 'bubeck',
  title: 'Bubeck et al. 2021 — one gradient step on random two-layer nets',
  reference:
    'S. Bubeck, Y. Cherapanamjeri, G. Gidel, R. Tachet des Combes. A single gradient step finds adversarial examples on random two-layers neural ' +
    'networks. NeurIPS 34, 2021.',
  // Catalogue order: the report's order (seeds depend on claim ids only).
  claims: [outputMoment, outputScale, gradientMoment, projection, gradientLowerBound, gradientStabilityClaim, oneStepFlip, stepNorm, etaExperiment],
  impls: IMPLS,
});
