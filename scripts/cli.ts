#!/usr/bin/env node
/**
 * robustness-proofs command line.
 *   list                                   claims, their kinds and controls
 *   verify [--only P[,P…]] [--profile smoke|standard|paper] [--seed N] [--out DIR]
 *          [--shard i/N] [--compare BASELINE.json] [--impl NAME] [--allow-inconclusive]
 *          [--workers N]   worker threads (default: available cores; 0 or 1 = this thread; same report for every N)
 *   replay --claim ID [--control ID] --profile P --seed N --stream S --alpha A --threshold T --params JSON
 *   calibrate [--only P] [--profile P] [--seed N]   re-estimate constants → fixtures/constants.json
 *   report merge DIR… [--out DIR] [--allow-partial]   merge shard reports (Holm across the union)
 *   compare REPORT.json BASELINE.json      regression table; non-zero exit on a regression
 *   baseline                               verify at the standard profile → reports/baseline/report.json
 */
import fs from 'node:fs';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { Stream } from '../src/core/random/stream.js';
import { allClaims, checkedRegistry, IMPLS, PAPER_INFO, REGISTRY_MODULE } from '../src/papers/index.js';

import { loadConstants, saveConstants } from '../src/core/claim/constants.js';
import { replayDecision, type ProgressEvent } from '../src/core/engine/engine.js';
import { verifyRunParallel } from '../src/core/engine/parallelRun.js';
import { selectClaims } from '../src/core/claim/registry.js';
import { DEFAULT_SEED } from '../src/core/engine/seeds.js';
import { PROFILES, type ConstantsTable, type Params, type Profile } from '../src/core/claim/types.js';
import type { Report } from '../src/core/report/schema.js';
import { writeReportFiles } from '../src/core/report/write.js';
import { gateExitCode } from '../src/core/report/expectations.js';

class UsageError extends Error {}

interface Flags {
  [k: string]: string | boolean | string[];
  _: string[];
}

const BOOLEAN_FLAGS = new Set(['allow-inconclusive', 'skip-controls', 'allow-partial']);

function parseFlags(argv: string[]): Flags {
  const out: Flags = { _: [] };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a.startsWith('--')) {
      const eq = a.indexOf('=');
      const name = eq > 0 ? a.slice(2, eq) : a.slice(2);
      if (BOOLEAN_FLAGS.has(name)) {
        out[name] = true;
        continue;
      }
      const value = eq > 0 ? a.slice(eq + 1) : argv[++i];
      if (value === undefined) throw new UsageError(`--${name}: a value is required`);
      out[name] = value;
    } else out._.push(a);
  }
  return out;
}

function str(f: Flags, name: string): string | undefined {
  const v = f[name];
  return typeof v === 'string' ? v : undefined;
}

function profileFlag(f: Flags, dflt: Profile = 'standard'): Profile {
  const v = str(f, 'profile') ?? dflt;
  if (!(PROFILES as readonly string[]).includes(v)) throw new UsageError(`--profile: must be one of ${PROFILES.join(', ')}, got "${v}"`);
  return v as Profile;
}

function intFlag(f: Flags, name: string, dflt: number, min: number, max = Number.MAX_SAFE_INTEGER): number {
  const v = str(f, name);
  if (v === undefined) return dflt;
  const n = /^-?\d+$/.test(v) ? Number(v) : NaN;
  if (!Number.isInteger(n) || n < min || n > max) throw new UsageError(`--${name}: must be an integer in [${min}, ${max}], got "${v}"`);
  return n;
}

function probFlag(f: Flags, name: string): number {
  const v = str(f, name);
  const n = Number(v);
  if (v === undefined || !(n > 0 && n < 1)) throw new UsageError(`--${name}: must be a number in (0, 1), got "${v ?? ''}"`);
  return n;
}

function shardFlag(f: Flags): { index: number; count: number } | undefined {
  const v = str(f, 'shard');
  if (v === undefined) return undefined;
  const m = /^(\d+)\/(\d+)$/.exec(v);
  const index = m ? Number(m[1]) : NaN;
  const count = m ? Number(m[2]) : NaN;
  if (!m || count < 1 || index < 1 || index > count) throw new UsageError(`--shard: must be i/N with 1 ≤ i ≤ N, got "${v}"`);
  return { index, count };
}

function onlyFlag(f: Flags): string[] | undefined {
  const v = str(f, 'only');
  if (v === undefined) return undefined;
  const list = v.split(',').map((s) => s.trim()).filter(Boolean);
  if (list.length === 0) throw new UsageError(`--only: must be a comma-separated list of claim-id prefixes, got "${v}"`);
  return list;
}

function implFlag(f: Flags): string | undefined {
  const v = str(f, 'impl');
  if (v !== undefined && !(IMPLS as readonly string[]).includes(v)) throw new UsageError(`--impl: must be one of ${IMPLS.join(', ')}, got "${v}"`);
  return v;
}

function progressPrinter(): (e: ProgressEvent) => void {
  let last = 0;
  return (e) => {
    const now = Date.now();
    const secs = (e.elapsedMs / 1000).toFixed(1);
    if (e.phase === 'done') {
      process.stderr.write(`  ${e.status === 'verified' ? '✓' : e.status === 'violated' ? '✗' : '?'} ${e.claim}: ${e.status}  (${e.configsDone} configurations, ${e.trials} trials, ${secs}s)\n`);
      last = now;
    } else if (now - last > 5000) {
      process.stderr.write(
        e.phase === 'task'
          ? `    … ${e.configsDone}/${e.configsTotal} tasks done (last: ${e.claim}), ${secs}s\n`
          : `    … ${e.claim} [${e.phase}] configuration ${Math.min(e.configsDone + 1, e.configsTotal)}/${e.configsTotal}, ${e.trials} trials, ${secs}s\n`,
      );
      last = now;
    }
  };
}

function toolVersion(): string {
  try {
    return (JSON.parse(fs.readFileSync('package.json', 'utf8')) as { version: string }).version;
  } catch {
    return '0.0.0';
  }
}

/** Exit code of a verify run (gateExitCode): 0 every expectation met; 1 a claim violated, a control passed or a known failure changed; 3 inconclusive only. */
export function exitCodeOf(report: Report, allowInconclusive: boolean): number {
  return gateExitCode(report, allowInconclusive);
}

function cmdList(): number {
  for (const c of allClaims) {
    console.log(`${c.id}  [${[...new Set(c.checks.map((k) => k.kind))].join('+')}]${c.observational ? ' (observation)' : ''}`);
    console.log(`    ${c.statement}`);
    for (const k of c.controls) console.log(`    control ${k.id}: ${k.description}`);
  }
  return 0;
}

async function cmdVerify(f: Flags, defaults: { profile?: Profile; out?: string } = {}): Promise<number> {
  const profile = profileFlag(f, defaults.profile);
  const seed = intFlag(f, 'seed', DEFAULT_SEED, 0);
  const out = str(f, 'out') ?? defaults.out ?? path.join('reports', 'latest');
  const shard = shardFlag(f);
  const impl = implFlag(f);
  const constants = loadConstants();
  const claims = selectClaims(checkedRegistry(constants), onlyFlag(f));
  const workers = intFlag(f, 'workers', availableParallelism(), 0, 64);
  process.stderr.write(`verify: ${claims.length} claims, profile ${profile}, seed ${seed}${shard ? `, shard ${shard.index}/${shard.count}` : ''}${impl ? `, impl ${impl}` : ''}, ${workers > 1 ? `${workers} worker threads` : 'one thread'}\n`);
  const report = await verifyRunParallel({ claims, profile, masterSeed: seed, constants, shard, impl, skipControls: f['skip-controls'] === true, onProgress: progressPrinter(), toolVersion: toolVersion(), workers, registry: REGISTRY_MODULE, papers: PAPER_INFO });
  const files = await writeReportFiles(report, out);
  const s = report.summary;
  process.stderr.write(`verify: ${s.verified} verified, ${s.violated} violated, ${s.inconclusive} inconclusive; controls ${s.controlsFailedAsExpected}/${s.controlsTotal} violated as expected; ${(report.durationMs / 1000).toFixed(1)}s\n`);
  process.stderr.write(`verify: wrote ${files.join(', ')}\n`);
  let code = exitCodeOf(report, f['allow-inconclusive'] === true);
  const baseline = str(f, 'compare');
  if (baseline) code = Math.max(code, await compareFiles(report, baseline));
  return code;
}

async function compareFiles(report: Report, baselinePath: string): Promise<number> {
  const { loadReport } = await import('../src/core/report/load.js');
  const { compareReports } = await import('../src/core/report/compare.js');
  const cmp = compareReports(report, loadReport(baselinePath));
  process.stdout.write(cmp.table + '\n');
  return cmp.ok ? 0 : 1;
}

function cmdReplay(f: Flags): number {
  const id = str(f, 'claim');
  if (!id) throw new UsageError('replay: --claim ID is required');
  const claim = allClaims.find((c) => c.id === id);
  if (!claim) throw new UsageError(`replay: unknown claim "${id}"; known: ${allClaims.map((c) => c.id).join(', ')}`);
  const raw = str(f, 'params');
  if (!raw) throw new UsageError('replay: --params JSON is required');
  let params: Params;
  try {
    params = JSON.parse(raw) as Params;
  } catch (e) {
    throw new UsageError(`replay: --params is not valid JSON (${(e as Error).message})`);
  }
  if (typeof params !== 'object' || params === null || Array.isArray(params)) {
    throw new UsageError(`replay: --params must be a JSON object of parameters, got ${JSON.stringify(params)}`);
  }
  for (const [k, v] of Object.entries(params)) {
    if (!['number', 'string', 'boolean'].includes(typeof v)) throw new UsageError(`replay: --params.${k} must be a number, string or boolean, got ${JSON.stringify(v)}`);
  }
  const r = replayDecision(claim, params, {
    controlId: str(f, 'control'),
    stream: str(f, 'stream') ?? 'main',
    profile: profileFlag(f),
    masterSeed: intFlag(f, 'seed', DEFAULT_SEED, 0),
    alpha: probFlag(f, 'alpha'),
    threshold: probFlag(f, 'threshold'),
    constants: loadConstants(),
    impl: implFlag(f),
  });
  console.log(JSON.stringify({ claim: id, control: str(f, 'control'), params, status: r.status, checks: r.outcomes }, null, 2));
  return r.status === 'violated' ? 1 : 0;
}

function cmdCalibrate(f: Flags): number {
  const profile = profileFlag(f);
  const seed = intFlag(f, 'seed', DEFAULT_SEED, 0);
  const claims = selectClaims(allClaims, onlyFlag(f));
  let table: ConstantsTable = loadConstants();
  const root = new Stream(`calibration/${seed}`);
  for (const c of claims) {
    for (const cal of c.calibrations ?? []) {
      const t0 = performance.now();
      const est = cal.estimate(root.child(cal.name), profile, table);
      const value = { value: est.value, ci: est.ci, calibratedOn: { seed: `calibration/${seed}`, profile, method: est.method }, description: cal.description };
      table = saveConstants({ [cal.name]: value });
      process.stderr.write(`calibrate: ${cal.name} = ${est.value.toPrecision(5)} [${est.ci.map((x) => x.toPrecision(4)).join(', ')}] (${((performance.now() - t0) / 1000).toFixed(1)}s)\n`);
    }
  }
  return 0;
}

async function cmdReport(f: Flags): Promise<number> {
  const [sub, ...dirs] = f._;
  if (sub !== 'merge') throw new UsageError(`report: unknown subcommand "${sub ?? ''}"; known: merge`);
  if (dirs.length === 0) throw new UsageError('report merge: give at least one shard report directory (or report.json)');
  const { loadReport } = await import('../src/core/report/load.js');
  const { mergeReports } = await import('../src/core/report/merge.js');
  const sources = dirs.map((d) => (fs.existsSync(d) && fs.statSync(d).isDirectory() ? path.join(d, 'report.json') : d));
  const reports = sources.map((s) => loadReport(s));
  const merged = mergeReports(reports, { sources, allowPartial: f['allow-partial'] === true });
  const out = str(f, 'out') ?? path.join('reports', 'merged');
  const files = await writeReportFiles(merged, out);
  process.stderr.write(`report merge: ${reports.length} shards → ${files.join(', ')}\n`);
  return exitCodeOf(merged, f['allow-inconclusive'] === true);
}

async function cmdCompare(f: Flags): Promise<number> {
  const [cur, base] = f._;
  if (!cur || !base) throw new UsageError('compare: usage `compare REPORT.json BASELINE.json`');
  const { loadReport } = await import('../src/core/report/load.js');
  return compareFiles(loadReport(cur), base);
}

/** Flags each command accepts, and whether it takes positional arguments. */
const VERIFY_FLAGS = ['only', 'profile', 'seed', 'out', 'shard', 'compare', 'impl', 'allow-inconclusive', 'skip-controls', 'workers'];
const COMMAND_FLAGS: Record<string, { flags: string[]; positional: boolean }> = {
  list: { flags: [], positional: false },
  verify: { flags: VERIFY_FLAGS, positional: false },
  baseline: { flags: VERIFY_FLAGS, positional: false },
  replay: { flags: ['claim', 'control', 'profile', 'seed', 'stream', 'alpha', 'threshold', 'params', 'impl'], positional: false },
  calibrate: { flags: ['only', 'profile', 'seed'], positional: false },
  report: { flags: ['out', 'allow-partial', 'allow-inconclusive'], positional: true },
  compare: { flags: [], positional: true },
};

/** Unknown flags (a typo such as --sed would otherwise run with the default) and stray arguments are usage errors. */
function checkFlags(cmd: string, f: Flags): void {
  const spec = COMMAND_FLAGS[cmd];
  if (!spec) return;
  for (const name of Object.keys(f)) {
    if (name !== '_' && !spec.flags.includes(name)) {
      throw new UsageError(`${cmd}: unknown flag --${name}; ${spec.flags.length ? `known: ${spec.flags.map((n) => `--${n}`).join(', ')}` : 'it takes no flags'}`);
    }
  }
  if (!spec.positional && f._.length > 0) throw new UsageError(`${cmd}: unexpected argument "${f._[0]}" (flags are --name value)`);
}

export async function main(argv: string[]): Promise<number> {
  const [cmd, ...rest] = argv;
  const f = parseFlags(rest);
  checkFlags(cmd ?? '', f);
  switch (cmd) {
    case 'list':
      return cmdList();
    case 'verify':
      return cmdVerify(f);
    case 'replay':
      return cmdReplay(f);
    case 'calibrate':
      return cmdCalibrate(f);
    case 'report':
      return cmdReport(f);
    case 'compare':
      return cmdCompare(f);
    case 'baseline':
      return cmdVerify({ ...f, 'allow-inconclusive': true }, { profile: 'standard', out: path.join('reports', 'baseline') });
    default:
      throw new UsageError(`unknown command "${cmd ?? ''}"; commands: list, verify, replay, calibrate, report merge, compare, baseline`);
  }
}

const isMain = process.argv[1] && /cli\.[tj]s$/.test(process.argv[1]);
if (isMain) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (e: unknown) => {
      process.stderr.write(`${e instanceof UsageError ? 'usage error' : 'error'}: ${(e as Error).message}\n`);
      process.exit(2);
    },
  );
}
