import path from 'node:path';
import { switchFlag } from './args.js';
import { defineCommand } from './command.js';
import { runVerify, verifyFlags } from './verify.js';

export const baseline = defineCommand({
  name: 'baseline',
  summary: 'Run verify at the standard profile → reports/baseline/ (the regression baseline).',
  description:
    'The same run and flags as verify (the baseline is reports/baseline/report.json, committed), with --out defaulting to reports/baseline and --allow-inconclusive always on: inconclusive results do not fail it. Refresh the baseline only deliberately: "calibrate" first if constants changed, then commit fixtures/constants.json and reports/baseline/report.json.',
  flags: {
    ...verifyFlags({ out: path.join('reports', 'baseline'), profile: 'standard' }),
    'allow-inconclusive': switchFlag("always on for baseline (accepted so that verify's flags all work here)"),
  },
  examples: ['baseline', 'baseline --workers 1'],
  run: ({ flags }, io) => runVerify('baseline', { ...flags, 'allow-inconclusive': true }, io),
});
