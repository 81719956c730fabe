import { definePaper } from '../../core/claim/definePaper.js';
import { schmidtClaims } from './claims.js';

/** Schmidt et al. 2018 as a plug-in: ℓ∞-robust generalisation needs more data. */
export const schmidt = definePaper({
  id: 'schmidt',
  title: 'Schmidt et al. 2018 — robust generalisation needs more data',
  reference: 'L. Schmidt, S. Santurkar, D. Tsipras, K. Talwar, A. Madry. Adversarially Robust Generalization Requires More Data. NeurIPS 31, 2018.',
  claims: schmidtClaims,
});
