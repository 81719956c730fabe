import { describeGate } from './gate.js';

// The suite's statistics tested on itself: false alarms, power, coverage, Holm, SPRT savings (src/papers/engine/claims.ts).
describeGate('engine');
