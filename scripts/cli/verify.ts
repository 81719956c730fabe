import fs from 'node:fs';
import path from 'node:path';
import { loadConstants } from '../../src/core/claim/constants.js';
import { deferLongClaims, selectClaims } from '../../src/core/claim/registry.js';
import type { Profile } from '../../src/core/claim/types.js';
import type { ProgressEvent } from '../../src/core/engine/engine.js';
import { RunInterrupted, verifyRunParallel } from '../../src/core/engine/parallelRun.js';
import { parseTimings } from '../../src/core/engine/schedule.js';
import { writeReportFiles } from '../../src/core/report/write.js';
import { checkedRegistry, PAPER_INFO, REGISTRY_MODULE } from '../../src/papers/index.js';
import { switchFlag, UsageError, type FlagValues } from './args.js';
import { defineCommand } from './command.js';
import { compareWithBaseline } from './compare.js';
import { gateExitCode } from '../../src/core/report/expectations.js';
import {
  allowInconclusiveFlag,
  compareFlag,
  implFlag,
  noCacheFlag,
  onlyFlag,
  outFlag,
  profileFlag,
  resumeFlag,
  scheduleFlag,
  seedFlag,
  shardFlag,
  workersFlag,
} from './flags.js';
import type { Io } from './io.js';
import { progressPrinter } from './progress.js';
import { openCache, resumeCommand, runSourceFingerprint } from './resume.js';

/** Exit code of a run stopped by Ctrl-C (128 + SIGINT, as a shell reports it). */
const EXIT_INTERRUPTED = 130;

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
    resume: resumeFlag(),
    'no-cache': noCacheFlag,
    schedule: scheduleFlag(),
    long: switchFlag(
      'also run the claims that state their own time at this profile (Budget.statedTime, e.g. hours at paper); without it they are listed as not run, with their time and the command that runs them',
    ),
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

/**
 * The expected task durations for longest-first scheduling: --schedule FILE, else the previous report in --out if it
 * is of the same profile, else the committed reports/timings/<profile>.json; with the file they came from.
 */
function loadSchedule(f: VerifyOptions): { timings: Map<string, number>; source: string } | undefined {
  const candidates = f.schedule ? [f.schedule] : [path.join(f.out, 'report.json'), path.join('reports', 'timings', `${f.profile}.json`)];
  for (const source of candidates) {
    if (!fs.existsSync(source)) continue;
    const timings = parseTimings(fs.readFileSync(source, 'utf8'), f.profile);
    if (timings && timings.size > 0) return { timings, source };
    if (f.schedule) throw new UsageError(`--schedule: ${source} holds no task durations of profile ${f.profile}`);
  }
  return undefined;
}

/**
 * Run the claims, write the report files, print the summary (stderr) and the comparison (stdout); the exit code.
 * While tasks run in worker threads, Ctrl-C stops the workers and prints where the resume cache is and the
 * command that resumes (exit 130). At other times (planning with the search's pilot, the final assembly, a
 * run in one thread, --no-cache) this thread computes without yielding, so a handler would only hold Ctrl-C
 * back: it then ends the process at once, and the start line has already said how to resume.
 */
export async function runVerify(name: string, f: VerifyOptions, io: Io): Promise<number> {
  if (f['no-cache'] && f.resume !== undefined)
    throw new UsageError(`--resume and --no-cache exclude each other, got --resume ${JSON.stringify(f.resume)} and --no-cache`);
  const constants = loadConstants();
  const { profile, seed, shard, impl, workers } = f;
  const { run: claims, notRun } = deferLongClaims(selectClaims(checkedRegistry(constants), f.only), profile, {
    long: f.long,
    only: f.only,
    command: (id) => `npm run ${name} -- --profile ${profile} --only ${id}`,
  });
  for (const n of notRun) io.err(`${name}: not run: ${n.id} ${n.reason}`);
  if (claims.length === 0)
    throw new UsageError(
      `--only: every selected claim states its own time at profile ${profile} (${notRun.map((n) => n.id).join(', ')}): add --long, or name the claim's id in --only`,
    );
  io.err(
    `${name}: ${claims.length} claims, profile ${profile}, seed ${seed}${shard ? `, shard ${shard.index}/${shard.count}` : ''}${impl ? `, impl ${impl}` : ''}, ${workers > 1 ? `${workers} worker threads` : 'one thread'}`,
  );
  const cache = openCache(f);
  if (cache) io.err(`${name}: resume cache ${cache.dir} (if interrupted, resume with: ${resumeCommand(name, f, cache.dir)})`);
  const schedule = workers > 1 ? loadSchedule(f) : undefined;
  if (schedule) io.err(`${name}: longest tasks first, durations from ${schedule.source} (${schedule.timings.size} tasks)`);
  const controller = new AbortController();
  let interrupts = 0;
  const onInterrupt = (): void => {
    if (++interrupts > 1) process.exit(EXIT_INTERRUPTED);
    io.err(`${name}: interrupt: stopping the workers (Ctrl-C again to quit at once)`);
    controller.abort();
  };
  const print = progressPrinter(io);
  let listening = false;
  const onProgress = (e: ProgressEvent): void => {
    print(e);
    // The task phase starts with the `tasks` event and ends with the last task: listen for Ctrl-C in between.
    // The listener is added once and removed once: removing a signal's last listener closes Node's watcher of
    // it, and a SIGINT caught but not yet dispatched when it closes is lost (it was, under load, when the
    // listener was removed and added again at every task).
    if (!cache || workers <= 1 || (e.phase !== 'tasks' && e.phase !== 'task')) return;
    const inTasks = e.configsDone < e.configsTotal;
    if (inTasks && !listening) process.on('SIGINT', onInterrupt);
    else if (!inTasks && listening) process.off('SIGINT', onInterrupt);
    listening = inTasks;
  };
  let report;
  // The heartbeat while the workers run (this thread is idle then; during planning it computes and the timer waits).
  const heartbeat = setInterval(() => print.tick(), 1000);
  heartbeat.unref();
  try {
    report = await verifyRunParallel({
      claims,
      profile,
      masterSeed: seed,
      constants,
      shard,
      impl,
      skipControls: f['skip-controls'],
      onProgress,
      toolVersion: toolVersion(),
      toolSource: runSourceFingerprint(),
      workers,
      registry: REGISTRY_MODULE,
      papers: PAPER_INFO,
      cache,
      signal: controller.signal,
      ...(schedule ? { timings: schedule.timings } : {}),
    });
  } catch (e) {
    if (!(e instanceof RunInterrupted) || !cache) throw e;
    io.err(`${name}: interrupted: ${e.tasksDone} of ${e.tasksTotal} tasks are cached in ${cache.dir}; resume with: ${resumeCommand(name, f, cache.dir)}`);
    return EXIT_INTERRUPTED;
  } finally {
    clearInterval(heartbeat);
    process.off('SIGINT', onInterrupt);
  }
  if (notRun.length > 0) report = { ...report, notRun };
  const files = await writeReportFiles(report, f.out);
  const s = report.summary;
  io.err(
    `${name}: ${s.verified} verified, ${s.violated} violated, ${s.inconclusive} inconclusive; controls ${s.controlsFailedAsExpected}/${s.controlsTotal} violated as expected; ${(report.durationMs / 1000).toFixed(1)}s`,
  );
  if (cache) {
    const c = cache.stats;
    io.err(
      `${name}: resume cache ${cache.dir}: ${c.hits} entries read, ${c.written} written${c.corrupt.length ? `; ${c.corrupt.length} unreadable entries ignored and re-run (${c.corrupt.slice(0, 3).join(', ')}${c.corrupt.length > 3 ? ', …' : ''})` : ''}${c.notStored.length ? `; ${c.notStored.length} results not stored (${c.notStored[0]})` : ''}`,
    );
  }
  io.err(`${name}: wrote ${files.join(', ')}`);
  let code: number = gateExitCode(report, f['allow-inconclusive']);
  if (f.compare) code = Math.max(code, compareWithBaseline(report, f.compare, io));
  return code;
}

export const verify = defineCommand({
  name: 'verify',
  summary: 'Run the claims; write report.json, report.md, junit.xml and index.html.',
  description:
    "Each claim is checked on its planned configurations (its canonical settings, a design over every level and range end, the targeted search where its budget asks for one, then random draws) at the profile's budget, with its negative controls, on the fixed master seed; Holm across the run. One line per claim on stderr as it finishes, and a heartbeat during long runs.\n\nExit 0 every claim verified and every control violated (known failures as recorded), 1 a claim violated, a control not violated, a known failure changed or a regression against --compare, 3 inconclusive only (0 with --allow-inconclusive), 130 interrupted by Ctrl-C.\n\nResuming: every finished task (a configuration or a control) is written to the resume cache (--resume DIR, default <out>/.cache) and is not run again by a later run with the same flags, so a run interrupted (Ctrl-C, a kill, a crash) and started again gives the report the uninterrupted run gives, timings aside. Holm, the statuses and the shrinking of violated claims are always recomputed. An entry is keyed by its task, the seed, profile, α, constants, Node's version and a hash of src/core, src/papers/index.ts, package(-lock).json and the claim's paper folder: an edit there starts its tasks afresh; a damaged entry is ignored and re-run. --no-cache decides everything afresh; deleting the directory clears it.",
  flags: verifyFlags({ out: path.join('reports', 'latest'), profile: 'standard' }),
  examples: [
    'verify --only bubeck --profile smoke --out /tmp/r',
    'verify --only bubeck --profile smoke --out /tmp/r --resume /tmp/r/.cache',
    'verify --shard 1/4 --out reports/shard-1',
    'verify --compare reports/baseline/report.json',
  ],
  run: ({ flags }, io) => runVerify('verify', flags, io),
});
