/**
 * Refresh fixtures/counterexamples/ from a report.json: every confirmed counterexample of a negative
 * control (the shrunk configuration that made the control come out violated, confirmed on a fresh
 * stream) becomes one fixture `<claim>--<control>.json`, which properties/counterexamples.test.ts
 * replays through replayDecision on every `npm test`, forever. The fixture holds exactly what the
 * report's `replay` command holds (claim, control, profile, master seed, stream, α, threshold, impl,
 * params), the calibrated constants the claim read, and the status the replay must give.
 *
 *   npx tsx scripts/recordCounterexamples.ts [REPORT.json] [--out DIR]
 *   (defaults: reports/latest/report.json, fixtures/counterexamples; record from a smoke run:
 *    `npm run verify -- --profile smoke --out reports/latest` first)
 */
import fs from 'node:fs';
import path from 'node:path';
import { loadReport } from '../src/core/report/load.js';
import type { Counterexample, Report } from '../src/core/report/schema.js';
import type { ConstantValue, Params, Profile, Status } from '../src/core/claim/types.js';

export const COUNTEREXAMPLES_DIR = path.join('fixtures', 'counterexamples');

/** One replayable counterexample (fixtures/counterexamples/*.json). */
export interface CounterexampleFixture {
  claim: string;
  control?: string;
  /** Check that failed. */
  check: string;
  params: Params;
  profile: Profile;
  /** Master seed of the run. */
  seed: number;
  /** Decision stream tag ("control:<id>"); `confirmStream` is the fresh stream that confirmed it. */
  stream: string;
  confirmStream: string;
  /** Per-test α of the checks' sequential tests and the rejection threshold of the verdict. */
  alpha: number;
  threshold: number;
  impl?: string;
  /** The status the replay must give (a control must stay violated). */
  expected: Status;
  /** Calibrated constants the claim read in the recorded run (replays use these, not later recalibrations). */
  constants?: Record<string, ConstantValue>;
  /** The shell command that reruns it. */
  replay: string;
}

/** Split a POSIX shell command line (single quotes with '\'' escapes, backslashes, whitespace). */
export function shellWords(cmd: string): string[] {
  const out: string[] = [];
  let cur = '';
  let inWord = false;
  for (let i = 0; i < cmd.length; i++) {
    const ch = cmd[i];
    if (ch === "'") {
      const end = cmd.indexOf("'", i + 1);
      if (end < 0) throw new RangeError(`shellWords: unterminated quote at ${i} in ${JSON.stringify(cmd)}`);
      cur += cmd.slice(i + 1, end);
      i = end;
      inWord = true;
    } else if (ch === '\\' && i + 1 < cmd.length) {
      cur += cmd[++i];
      inWord = true;
    } else if (/\s/.test(ch)) {
      if (inWord) out.push(cur);
      cur = '';
      inWord = false;
    } else {
      cur += ch;
      inWord = true;
    }
  }
  if (inWord) out.push(cur);
  return out;
}

/** The flags of a `replay` command (report.json `replay`), as name → value. */
export function parseReplayCommand(cmd: string): Record<string, string> {
  const words = shellWords(cmd);
  const at = words.indexOf('replay');
  if (at < 0) throw new RangeError(`parseReplayCommand: not a replay command: ${cmd}`);
  const flags: Record<string, string> = {};
  for (let i = at + 1; i < words.length; i++) {
    if (!words[i].startsWith('--') || i + 1 >= words.length) throw new RangeError(`parseReplayCommand: expected --flag value at "${words[i]}" in ${cmd}`);
    flags[words[i].slice(2)] = words[++i];
  }
  return flags;
}

function finite(name: string, v: string | undefined, cmd: string): number {
  const n = Number(v);
  if (v === undefined || !Number.isFinite(n)) throw new RangeError(`recordCounterexamples: --${name} must be a number in ${cmd}, got ${JSON.stringify(v)}`);
  return n;
}

/** The fixture of one confirmed control counterexample. */
export function fixtureOf(report: Report, claimId: string, controlId: string, cx: Counterexample): CounterexampleFixture {
  const f = parseReplayCommand(cx.replay);
  const claim = report.claims.find((c) => c.id === claimId);
  const fixture: CounterexampleFixture = {
    claim: claimId,
    control: controlId,
    check: cx.check,
    params: cx.params,
    profile: (f.profile ?? report.profile) as Profile,
    seed: finite('seed', f.seed, cx.replay),
    stream: f.stream ?? `control:${controlId}`,
    confirmStream: `${f.stream ?? `control:${controlId}`}/confirm`,
    alpha: finite('alpha', f.alpha, cx.replay),
    threshold: finite('threshold', f.threshold, cx.replay),
    expected: 'violated',
    replay: cx.replay,
  };
  if (f.impl) fixture.impl = f.impl;
  if (claim?.constants && Object.keys(claim.constants).length > 0) fixture.constants = claim.constants as Record<string, ConstantValue>;
  return fixture;
}

/** Every confirmed control counterexample of a report. */
export function fixturesFromReport(report: Report): CounterexampleFixture[] {
  const out: CounterexampleFixture[] = [];
  for (const c of report.claims) {
    for (const k of c.controls) {
      if (k.status === 'violated' && k.counterexample && k.counterexample.confirmation.status === 'violated')
        out.push(fixtureOf(report, c.id, k.id, k.counterexample));
    }
  }
  return out;
}

/** File name of a fixture: `<claim>--<control>.json`. */
export const fixtureFile = (f: CounterexampleFixture): string => `${f.claim}--${f.control ?? 'claim'}.json`;

/** Write fixtures atomically (temporary file + rename each); returns the paths written. */
export function writeFixtures(fixtures: readonly CounterexampleFixture[], dir = COUNTEREXAMPLES_DIR): string[] {
  fs.mkdirSync(dir, { recursive: true });
  return fixtures.map((f) => {
    const file = path.join(dir, fixtureFile(f));
    const tmp = `${file}.tmp-${process.pid}`;
    fs.writeFileSync(tmp, `${JSON.stringify(f, null, 2)}\n`);
    fs.renameSync(tmp, file);
    return file;
  });
}

function cli(argv: string[]): number {
  let reportPath = path.join('reports', 'latest', 'report.json');
  let dir = COUNTEREXAMPLES_DIR;
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--out') {
      const v = argv[++i];
      if (!v) throw new RangeError('recordCounterexamples: --out needs a directory');
      dir = v;
    } else if (argv[i].startsWith('--')) throw new RangeError(`recordCounterexamples: unknown flag ${argv[i]}; known: --out`);
    else reportPath = fs.existsSync(argv[i]) && fs.statSync(argv[i]).isDirectory() ? path.join(argv[i], 'report.json') : argv[i];
  }
  const report = loadReport(reportPath);
  const fixtures = fixturesFromReport(report);
  const files = writeFixtures(fixtures, dir);
  const recorded = new Set(files.map((f) => path.basename(f)));
  const ran = new Set(report.claims.map((c) => c.id));
  const stale = fs.existsSync(dir) ? fs.readdirSync(dir).filter((n) => n.endsWith('.json') && !recorded.has(n) && ran.has(n.split('--')[0])) : [];
  process.stderr.write(
    `recordCounterexamples: ${files.length} confirmed control counterexamples of ${reportPath} (${report.profile} profile, seed ${report.masterSeed}) → ${dir}\n`,
  );
  for (const n of stale)
    process.stderr.write(`recordCounterexamples: ${n} was not reproduced by this report (kept: its replay test will say whether the control still fails)\n`);
  return 0;
}

const isMain = process.argv[1] && /recordCounterexamples\.[tj]s$/.test(process.argv[1]);
if (isMain) {
  try {
    process.exit(cli(process.argv.slice(2)));
  } catch (e) {
    process.stderr.write(`error: ${(e as Error).message}\n`);
    process.exit(2);
  }
}
