import { describeGate } from './gate.js';

describeGate('schmidt');
