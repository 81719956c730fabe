/**
 * The tool's flags, shared by its commands. Paper ids, claim ids and --impl names come from the
 * registry (src/papers/index.ts), never from a paper's own modules.
 */
import fs from 'node:fs';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { PROFILES, type Params, type Profile } from '../../src/core/claim/types.js';
import { DEFAULT_SEED } from '../../src/core/random/seeds.js';
import { allClaims, IMPLS, PAPER_INFO } from '../../src/papers/index.js';
import { BadValue, switchFlag, UsageError, valueFlag, type ValueFlag } from './args.js';

const oneOf = (values: readonly string[]): string => `one of ${values.join(' | ')}`;

/** An integer in [min, max], written in decimal digits. */
function integerFlag(o: { summary: string; min: number; max: number; default: number; defaultText?: string; placeholder?: string }): ValueFlag<number> {
  return valueFlag({
    placeholder: o.placeholder ?? 'N',
    type: 'integer',
    summary: o.summary,
    allowed: `an integer in [${o.min}, ${o.max}]`,
    default: o.default,
    defaultText: o.defaultText,
    convert(raw) {
      const n = /^-?\d+$/.test(raw) ? Number(raw) : NaN;
      if (!Number.isSafeInteger(n) || n < o.min || n > o.max) throw new BadValue();
      return n;
    },
  });
}

export function profileFlag(dflt: Profile = 'standard'): ValueFlag<Profile> {
  return valueFlag({
    placeholder: 'NAME',
    type: 'string',
    summary: 'budget profile: smoke (under a minute per paper), standard (the gate), paper (the experiment sizes of the slides)',
    allowed: oneOf(PROFILES),
    default: dflt,
    convert(raw) {
      if (!(PROFILES as readonly string[]).includes(raw)) throw new BadValue();
      return raw as Profile;
    },
  });
}

export const seedFlag = (summary = 'master seed: every decision is a pure function of it, so a verdict never flips between runs'): ValueFlag<number> =>
  integerFlag({ summary, min: 0, max: Number.MAX_SAFE_INTEGER, default: DEFAULT_SEED });

const paperIds = (): string[] => PAPER_INFO.map((p) => p.id);

/** --only: claim-id prefixes, each matching at least one registered claim. */
export const onlyFlag = (): ValueFlag<string[] | undefined> =>
  valueFlag({
    placeholder: 'LIST',
    type: 'list (comma-separated)',
    summary: 'run only the claims whose id starts with one of these prefixes: a paper id, a claim id, or any prefix of one',
    allowed: `a comma-separated list of claim-id prefixes (papers: ${paperIds().join(', ')}; claim ids: run "list"), e.g. bubeck,vardi.kkt-convergence`,
    defaultText: 'every claim',
    convert(raw) {
      const list = raw
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean);
      if (list.length === 0) throw new BadValue('the list is empty');
      for (const p of list) {
        if (!allClaims.some((c) => c.id.startsWith(p)))
          throw new BadValue(`no claim id starts with "${p}"; known ids: ${allClaims.map((c) => c.id).join(', ')}`);
      }
      return list;
    },
  });

/** --impl: an implementation override a paper declares (IMPLS). */
export const implFlag = (): ValueFlag<string | undefined> =>
  valueFlag({
    placeholder: 'NAME',
    type: 'string',
    summary: 'run against a deliberately broken implementation (a mutant declared by a paper) instead of the reference one',
    allowed: IMPLS.length > 0 ? oneOf(IMPLS) : 'none (no paper declares an implementation override)',
    defaultText: 'the reference implementation',
    convert(raw) {
      if (!IMPLS.includes(raw)) throw new BadValue();
      return raw;
    },
  });

export const workersFlag = (): ValueFlag<number> =>
  integerFlag({
    summary: 'worker threads for the independent tasks (configurations, controls); 0 or 1 runs in this thread; the report is the same for every N',
    min: 0,
    max: 64,
    default: availableParallelism(),
    defaultText: `the number of cores (${availableParallelism()} here)`,
  });

export const shardFlag = (): ValueFlag<{ index: number; count: number } | undefined> =>
  valueFlag({
    placeholder: 'i/N',
    type: 'string',
    summary: 'run the i-th of N deterministic slices of the claim × configuration space (merge them with "report merge")',
    allowed: 'i/N with 1 ≤ i ≤ N',
    defaultText: 'the whole run',
    convert(raw) {
      const m = /^(\d+)\/(\d+)$/.exec(raw);
      const index = m ? Number(m[1]) : NaN;
      const count = m ? Number(m[2]) : NaN;
      if (!m || count < 1 || index < 1 || index > count) throw new BadValue();
      return { index, count };
    },
  });

/** A directory to write into (created if missing). */
export const outFlag = (dflt: string, summary: string): ValueFlag<string> =>
  valueFlag({
    placeholder: 'DIR',
    type: 'path',
    summary,
    allowed: 'a non-empty directory path',
    default: dflt,
    convert(raw) {
      if (raw.trim() === '') throw new BadValue();
      return raw;
    },
  });

/** Why `p` is not a readable report (a file, or a directory holding report.json), or undefined. */
export function missingReport(p: string, allowDir: boolean): string | undefined {
  if (!fs.existsSync(p)) return 'does not exist';
  if (fs.statSync(p).isDirectory())
    return allowDir && fs.existsSync(path.join(p, 'report.json'))
      ? undefined
      : allowDir
        ? 'is a directory without report.json'
        : 'is a directory, not a report.json file';
  return undefined;
}

export const compareFlag = (): ValueFlag<string | undefined> =>
  valueFlag({
    placeholder: 'FILE',
    type: 'path',
    summary: 'after the run, compare its report with this baseline report.json (regression table on stdout; a regression exits 1)',
    allowed: 'an existing report.json file',
    defaultText: 'no comparison',
    convert(raw) {
      const why = missingReport(raw, false);
      if (why) throw new BadValue(`the file ${why}`);
      return raw;
    },
  });

/** --schedule: where the expected task durations come from (src/core/engine/schedule.ts). */
export const scheduleFlag = (): ValueFlag<string | undefined> =>
  valueFlag({
    placeholder: 'FILE',
    type: 'path',
    summary:
      'with --workers ≥ 2, hand out the longest tasks first, their durations read from this earlier report.json or task-timings file of the same profile (the order changes the wall time, never a result)',
    allowed: 'an existing report.json or task-timings file',
    defaultText: "<out>/report.json if it is of the same profile, else reports/timings/<profile>.json, else the plan's order",
    convert(raw) {
      const why = missingReport(raw, false);
      if (why) throw new BadValue(`the file ${why}`);
      return raw;
    },
  });

/** --resume: the resume cache's directory (src/core/engine/taskCache.ts). */
export const resumeFlag = (): ValueFlag<string | undefined> =>
  valueFlag({
    placeholder: 'DIR',
    type: 'path',
    summary:
      'the resume cache: each task (a configuration or a control) is written there as it finishes, and a task already there is not run again, so an interrupted run started again gives the report an uninterrupted run gives (entries are keyed by the task, its seed, profile and α and a hash of the source that decides it)',
    allowed: 'a directory path (created if missing), not an existing file',
    defaultText: '<out>/.cache',
    convert(raw) {
      if (raw.trim() === '') throw new BadValue();
      if (fs.existsSync(raw) && !fs.statSync(raw).isDirectory()) throw new BadValue('it is a file, not a directory');
      return raw;
    },
  });

export const noCacheFlag = switchFlag('use no resume cache: decide every task afresh and write nothing to a cache (not with --resume)');

export const allowInconclusiveFlag = switchFlag('exit 0 instead of 3 when the only unmet expectations are inconclusive results');

export const probabilityFlag = (summary: string): ValueFlag<number> =>
  valueFlag({
    placeholder: 'P',
    type: 'number',
    summary,
    allowed: 'a number in (0, 1)',
    required: true,
    convert(raw) {
      const n = raw.trim() === '' ? NaN : Number(raw);
      if (!(n > 0 && n < 1)) throw new BadValue();
      return n;
    },
  });

export const claimFlag = (): ValueFlag<string> =>
  valueFlag({
    placeholder: 'ID',
    type: 'string',
    summary: 'the claim whose decision to rerun',
    allowed: `a registered claim id (run "list"; papers: ${paperIds().join(', ')})`,
    required: true,
    convert(raw) {
      if (!allClaims.some((c) => c.id === raw)) throw new BadValue(`known: ${allClaims.map((c) => c.id).join(', ')}`);
      return raw;
    },
  });

/** --params: a JSON object of scalar parameters. */
export const paramsFlag = (): ValueFlag<Params> =>
  valueFlag({
    placeholder: 'JSON',
    type: 'JSON',
    summary: 'the configuration to decide, as the replay command of the report gives it',
    allowed: 'a JSON object of parameters (each a number, string or boolean)',
    required: true,
    convert(raw) {
      let v: unknown;
      try {
        v = JSON.parse(raw);
      } catch (e) {
        throw new BadValue(`not valid JSON (${(e as Error).message})`);
      }
      if (typeof v !== 'object' || v === null || Array.isArray(v))
        throw new BadValue(`it is ${Array.isArray(v) ? 'an array' : v === null ? 'null' : `a ${typeof v}`}, not an object`);
      for (const [k, x] of Object.entries(v)) {
        if (!['number', 'string', 'boolean'].includes(typeof x))
          throw new UsageError(`--params.${k} must be a number, string or boolean, got ${JSON.stringify(x)}`);
      }
      return v as Params;
    },
  });
