import { definePaper } from '#core/claim/definePaper.js';
import { bernoulliLinearVsThreshold } from './claims/bernoulli-linear-vs-threshold.js';
import { bernoulliSingleSample } from './claims/bernoulli-single-sample.js';
import { closedForms } from './claims/closed-forms.js';
import { gaussianRobustLower } from './claims/gaussian-robust-lower.js';
import { gaussianRobustUpper } from './claims/gaussian-robust-upper.js';
import { gaussianSingleSample } from './claims/gaussian-single-sample.js';
import { mnistNetwork } from './claims/mnist-network.js';
import { mnistSampleComplexity } from './claims/mnist-sample-complexity.js';
import { mnistThresholding } from './claims/mnist-thresholding.js';
import { sampleComplexityLaw } from './claims/sample-complexity-law.js';
import { sampleComplexity } from './claims/sample-complexity.js';

/**
 * Schmidt et al. 2018 as a plug-in: ℓ∞-robust generalisation needs more data. Gaussian model
 * x ~ N(yθ*, σ²I), ‖θ*‖₂ = √d; Bernoulli model on {±1}^d; linear classifiers f_w = sgn⟨w, ·⟩; ℓ∞
 * perturbations of radius ε. Errors are exact (closed forms, exact binomials) and the data are drawn
 * through sufficient statistics, so d up to 10⁶ is cheap. Claims in report order.
 */
export const schmidt = definePaper({
  id: 'schmidt',
  title: 'Schmidt et al. 2018 — robust generalisation needs more data',
  reference: 'L. Schmidt, S. Santurkar, D. Tsipras, K. Talwar, A. Madry. Adversarially Robust Generalization Requires More Data. NeurIPS 31, 2018.',
  claims: [
    closedForms,
    gaussianSingleSample,
    gaussianRobustUpper,
    gaussianRobustLower,
    sampleComplexity,
    sampleComplexityLaw,
    bernoulliSingleSample,
    bernoulliLinearVsThreshold,
    mnistThresholding,
    mnistSampleComplexity,
    mnistNetwork,
  ],
});
