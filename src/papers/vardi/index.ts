import { definePaper } from '../../core/claim/definePaper.js';
import { vardiClaims } from './claims.js';

/** Vardi et al. 2022 as a plug-in: gradient flow on sphere data converges to non-robust KKT points. */
export const vardi = definePaper({
  id: 'vardi',
  title: 'Vardi et al. 2022 — gradient flow converges to non-robust networks',
  reference: 'G. Vardi, G. Yehudai, O. Shamir. Gradient Methods Provably Converge to Non-Robust Networks. NeurIPS 35, 2022.',
  claims: vardiClaims,
});
