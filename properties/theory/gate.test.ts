import { PAPERS } from '../../src/papers/index.js';
import { describeGate } from './gate.js';

// The theory gate: every registered paper (src/papers/index.ts), its claims verified and its controls violated at the standard profile.
for (const paper of PAPERS) describeGate(paper.id);
