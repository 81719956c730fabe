#!/usr/bin/env node
/**
 * `node scripts/mutation-summary.mjs REPORT.json…`: one table of mutation scores per folder and file
 * from Stryker JSON reports (e.g. several runs over batches of files, reports/tmp/mutation/*.json).
 * A file present in several reports is counted from the report that tested the most of its mutants
 * (a batch run's report also lists other files it knows from its incremental file, untested, as
 * "no coverage"); ties go to the last report given. Score = (killed + timed out)
 * / (killed + timed out + survived + no coverage), Stryker's definition; `--survivors` lists them.
 */
import fs from 'node:fs';

const args = process.argv.slice(2);
const listSurvivors = args.includes('--survivors');
const files = new Map();
const tested = (v) => v.mutants.filter((m) => ['Killed', 'Timeout', 'Survived'].includes(m.status)).length;
for (const f of args.filter((a) => !a.startsWith('--'))) {
  const report = JSON.parse(fs.readFileSync(f, 'utf8'));
  for (const [name, v] of Object.entries(report.files ?? {})) {
    const have = files.get(name);
    if (!have || tested(v) >= tested(have)) files.set(name, v);
  }
}
if (files.size === 0) {
  process.stderr.write('usage: node scripts/mutation-summary.mjs REPORT.json… [--survivors]\n');
  process.exit(2);
}

const count = (mutants) => {
  const c = { killed: 0, timeout: 0, survived: 0, noCoverage: 0 };
  for (const m of mutants) {
    if (m.status === 'Killed') c.killed++;
    else if (m.status === 'Timeout') c.timeout++;
    else if (m.status === 'Survived') c.survived++;
    else if (m.status === 'NoCoverage') c.noCoverage++;
  }
  const total = c.killed + c.timeout + c.survived + c.noCoverage;
  return { ...c, total, score: total ? (100 * (c.killed + c.timeout)) / total : NaN };
};
const row = (name, c) => `| ${name} | ${c.total} | ${c.killed} | ${c.timeout} | ${c.survived} | ${c.noCoverage} | ${c.score.toFixed(1)}% |`;

const byFolder = new Map();
for (const [name, v] of [...files.entries()].sort()) {
  const folder = name.split('/').slice(0, 2).join('/');
  if (!byFolder.has(folder)) byFolder.set(folder, []);
  byFolder.get(folder).push([name, v]);
}
console.log('| file | mutants | killed | timed out | survived | no coverage | score |');
console.log('|---|---|---|---|---|---|---|');
for (const [folder, list] of byFolder) {
  console.log(row(`**${folder}**`, count(list.flatMap(([, v]) => v.mutants))));
  for (const [name, v] of list) console.log(row(name, count(v.mutants)));
}
if (listSurvivors) {
  for (const [name, v] of files) {
    const src = v.source.split('\n');
    for (const m of v.mutants.filter((x) => x.status === 'Survived' || x.status === 'NoCoverage')) {
      const line = m.location.start.line;
      console.log(`${name}:${line} ${m.status} ${m.mutatorName} ${JSON.stringify(m.replacement ?? '').slice(0, 60)} | ${src[line - 1].trim().slice(0, 100)}`);
    }
  }
}
