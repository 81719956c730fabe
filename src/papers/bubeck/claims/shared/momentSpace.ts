import { boxHypotheses } from './hypotheses.js';
import { SMOOTH } from './space.js';

export const momentHyp = boxHypotheses(() => ({
  d: [2, 64],
  k: [1, 64],
  activations: [...SMOOTH, 'relu', 'identity'],
  outputWeights: ['rademacher', 'gaussian'],
}));
