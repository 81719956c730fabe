import { describeGate } from './gate.js';

describeGate('bubeck');
