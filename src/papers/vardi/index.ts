import { definePaper } from '#core/claim/definePaper.js';
import { etaBeyondHypothesis } from './claims/eta-beyond-hypothesis.js';
import { etaExperiment } from './claims/eta-experiment.js';
import { kktConvergence } from './claims/kkt-convergence.js';
import { robustNetworkExists } from './claims/robust-network-exists.js';
import { separation } from './claims/separation.js';
import { smallPerturbationScaling } from './claims/small-perturbation-scaling.js';
import { universalPerturbation } from './claims/universal-perturbation.js';

/**
 * Vardi, Yehudai, Shamir (NeurIPS 2022), "Gradient methods provably converge to non-robust networks", as a plug-in:
 * f_θ(x) = Σ_l a_l relu(w_l·x + b_l), data uniform on √d·S^{d−1} with labels ±1; gradient flow on the exponential or
 * logistic loss converges in direction to a KKT point of the max-margin problem, and every such KKT point has a small
 * universal perturbation, while a robust network exists. docs/theory/catalogue.md "Vardi et al. 2022". One file per claim in claims/.
 */
export const vardi = definePaper({
  id: 'vardi',
  title: 'Vardi et al. 2022 — gradient flow converges to non-robust networks',
  reference: 'G. Vardi, G. Yehudai, O. Shamir. Gradient Methods Provably Converge to Non-Robust Networks. NeurIPS 35, 2022.',
  // Report order.
  claims: [separation, robustNetworkExists, kktConvergence, universalPerturbation, smallPerturbationScaling, etaExperiment, etaBeyondHypothesis],
});
