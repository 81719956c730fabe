import { compareReports } from '../../src/core/report/compare.js';
import { loadReport } from '../../src/core/report/load.js';
import type { Report } from '../../src/core/report/schema.js';
import { defineCommand } from './command.js';
import { EXIT } from './exitCodes.js';
import { missingReport } from './flags.js';
import type { Io } from './io.js';

/** Print the regression table of `report` against the baseline file; EXIT.failed on a regression. */
export function compareWithBaseline(report: Report, baselinePath: string, io: Io): number {
  const cmp = compareReports(report, loadReport(baselinePath));
  io.out(cmp.table);
  return cmp.ok ? EXIT.ok : EXIT.failed;
}

const reportFile = (summary: string) => ({ name: '', summary, check: (raw: string) => missingReport(raw, false) });

export const compare = defineCommand({
  name: 'compare',
  summary: 'Regression table of a report against a baseline; exit 1 on a regression.',
  description:
    'A regression is a claim verified in the baseline and now violated, a control that now passes, or a calibrated constant outside its baseline interval. Each row carries the replay command.',
  flags: {},
  positionals: [
    { ...reportFile('the report to check (a report.json file)'), name: 'REPORT.json' },
    { ...reportFile('the baseline it is compared with, e.g. reports/baseline/report.json'), name: 'BASELINE.json' },
  ],
  examples: ['compare reports/latest/report.json reports/baseline/report.json'],
  run({ positionals: [current, baseline] }, io) {
    return compareWithBaseline(loadReport(current), baseline, io);
  },
});
