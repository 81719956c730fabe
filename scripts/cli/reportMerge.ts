import fs from 'node:fs';
import path from 'node:path';
import { loadReport } from '../../src/core/report/load.js';
import { mergeReports } from '../../src/core/report/merge.js';
import { writeReportFiles } from '../../src/core/report/write.js';
import { switchFlag } from './args.js';
import { defineCommand } from './command.js';
import { gateExitCode } from '../../src/core/report/expectations.js';
import { allowInconclusiveFlag, missingReport, outFlag } from './flags.js';

export const reportMerge = defineCommand({
  name: 'report merge',
  summary: 'Merge shard reports into one, re-applying Holm across the union.',
  description: 'The inputs are the reports of verify --shard i/N runs of one run (same seed, profile, α). Exit code as for verify, of the merged report.',
  flags: {
    out: outFlag(path.join('reports', 'merged'), 'directory for the merged report files (created if missing)'),
    'allow-partial': switchFlag('merge even when some shards of the run are missing'),
    'allow-inconclusive': allowInconclusiveFlag,
  },
  positionals: [
    {
      name: 'DIR',
      summary: 'a shard report directory holding report.json, or a report.json file; one or more',
      variadic: true,
      check: (raw) => missingReport(raw, true),
    },
  ],
  examples: ['report merge reports/shard-* --out reports/latest'],
  async run({ flags: f, positionals: dirs }, io) {
    const sources = dirs.map((d) => (fs.existsSync(d) && fs.statSync(d).isDirectory() ? path.join(d, 'report.json') : d));
    const reports = sources.map((s) => loadReport(s));
    const merged = mergeReports(reports, { sources, allowPartial: f['allow-partial'], warn: (m) => io.err(`report merge: warning: ${m}`) });
    const files = await writeReportFiles(merged, f.out);
    io.err(`report merge: ${reports.length} shards → ${files.join(', ')}`);
    return gateExitCode(merged, f['allow-inconclusive']);
  },
});
