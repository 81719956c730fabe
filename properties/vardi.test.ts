import { describeGate } from './gate.js';

describeGate('vardi');
