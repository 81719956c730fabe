/**
 * Write reports/timings/<profile>.json from one or more report.json files of the same profile: every
 * configuration's and control's measured duration, which `verify --workers N` reads (when --out holds no report
 * of that profile) to hand the longest tasks out first (src/core/engine/schedule.ts). The file only orders the
 * tasks: a stale one costs wall time, never a different result. Shards' reports can be given together.
 *
 *   npx tsx scripts/recordTimings.ts REPORT.json [REPORT.json …]
 *   e.g. after `npm run verify -- --profile paper --workers 2 --out reports/paper`:
 *        npx tsx scripts/recordTimings.ts reports/paper/report.json
 */
import fs from 'node:fs';
import path from 'node:path';
import { timingsFileOf } from '../src/core/engine/schedule.js';
import { loadReport } from '../src/core/report/load.js';

const files = process.argv.slice(2);
if (files.length === 0 || files.includes('--help')) {
  console.error('usage: npx tsx scripts/recordTimings.ts REPORT.json [REPORT.json …]  (writes reports/timings/<profile>.json)');
  process.exit(files.length === 0 ? 2 : 0);
}
const reports = files.map((f) => loadReport(f));
const profiles = [...new Set(reports.map((r) => r.profile))];
if (profiles.length !== 1) {
  console.error(`recordTimings: the reports must share one profile, got ${profiles.join(', ')} (${files.join(', ')})`);
  process.exit(2);
}
const out = path.join('reports', 'timings', `${profiles[0]}.json`);
const file = timingsFileOf(profiles[0], reports);
fs.mkdirSync(path.dirname(out), { recursive: true });
fs.writeFileSync(`${out}.tmp`, `${JSON.stringify(file, null, 1)}\n`);
fs.renameSync(`${out}.tmp`, out);
console.error(`recordTimings: wrote ${out} (${Object.keys(file.tasks).length} tasks)`);
