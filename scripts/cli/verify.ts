import fs from 'node:fs';
import path from 'node:path';
import { loadConstants } from '../../src/core/claim/constants.js';
import { selectClaims } from '../../src/core/claim/registry.js';
import type { Profile } from '../../src/core/claim/types.js';
import { verifyRunParallel } from '../../src/core/engine/parallelRun.js';
import { writeReportFiles } from '../../src/core/report/write.js';
import { checkedRegistry, PAPER_INFO, REGISTRY_MODULE } from '../../src/papers/index.js';
import { switchFlag, type FlagValues } from './args.js';
import { defineCommand } from './command.js';
import { compareWithBaseline } from './compare.js';
import { gateExitCode } from '../../src/core/report/expectations.js';
import { allowInconclusiveFlag, compareFlag, implFlag, onlyFlag, outFlag, profileFlag, seedFlag, shardFlag, workersFlag } from './flags.js';
import type { Io } from './io.js';
import { progressPrinter } from './progress.js';

/** The flags of verify (and baseline, with its own output directory). */
export function verifyFlags(o: { out: string; profile: Profile }) {
  return {
    only: onlyFlag(),
    profile: profileFlag(o.profile),
    seed: seedFlag(),
    out: outFlag(o.out, 'directory for report.json, report.md, junit.xml and index.html (created if missing)'),
    shard: shardFlag(),
    compare: compareFlag(),
    impl: implFlag(),
    'allow-inconclusive': allowInconclusiveFlag,
    'skip-controls': switchFlag('do not run the negative controls (faster; the report then lacks their evidence)'),
    workers: workersFlag(),
  };
}

export type VerifyOptions = FlagValues<ReturnType<typeof verifyFlags>>;

function toolVersion(): string {
  try {
    return (JSON.parse(fs.readFileSync('package.json', 'utf8')) as { version: string }).version;
  } catch {
    return '0.0.0';
  }
}

/** Run the claims, write the report files, print the summary (stderr) and the comparison (stdout); the exit code. */
export async function runVerify(name: string, f: VerifyOptions, io: Io): Promise<number> {
  const constants = loadConstants();
  const claims = selectClaims(checkedRegistry(constants), f.only);
  const { profile, seed, shard, impl, workers } = f;
  io.err(
    `${name}: ${claims.length} claims, profile ${profile}, seed ${seed}${shard ? `, shard ${shard.index}/${shard.count}` : ''}${impl ? `, impl ${impl}` : ''}, ${workers > 1 ? `${workers} worker threads` : 'one thread'}`,
  );
  const report = await verifyRunParallel({
    claims,
    profile,
    masterSeed: seed,
    constants,
    shard,
    impl,
    skipControls: f['skip-controls'],
    onProgress: progressPrinter(io),
    toolVersion: toolVersion(),
    workers,
    registry: REGISTRY_MODULE,
    papers: PAPER_INFO,
  });
  const files = await writeReportFiles(report, f.out);
  const s = report.summary;
  io.err(
    `${name}: ${s.verified} verified, ${s.violated} violated, ${s.inconclusive} inconclusive; controls ${s.controlsFailedAsExpected}/${s.controlsTotal} violated as expected; ${(report.durationMs / 1000).toFixed(1)}s`,
  );
  io.err(`${name}: wrote ${files.join(', ')}`);
  let code: number = gateExitCode(report, f['allow-inconclusive']);
  if (f.compare) code = Math.max(code, compareWithBaseline(report, f.compare, io));
  return code;
}

export const verify = defineCommand({
  name: 'verify',
  summary: 'Run the claims; write report.json, report.md, junit.xml and index.html.',
  description:
    "Each claim is checked on its planned configurations (its canonical settings, a design over every level and range end, the targeted search where its budget asks for one, then random draws) at the profile's budget, with its negative controls, on the fixed master seed; Holm across the run. One line per claim on stderr as it finishes, and a heartbeat during long runs.\n\nExit 0 every claim verified and every control violated (known failures as recorded), 1 a claim violated, a control not violated, a known failure changed or a regression against --compare, 3 inconclusive only (0 with --allow-inconclusive).",
  flags: verifyFlags({ out: path.join('reports', 'latest'), profile: 'standard' }),
  examples: ['verify --only bubeck --profile smoke --out /tmp/r', 'verify --shard 1/4 --out reports/shard-1', 'verify --compare reports/baseline/report.json'],
  run: ({ flags }, io) => runVerify('verify', flags, io),
});
