import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Claim, ConstantsTable, Params } from '../claim/types.js';
import { decodeValue, encodeValue, stableStringify, type Encoded } from './cacheCodec.js';
import type { DecideOptions } from './decide.js';

/**
 * The resume cache: a directory with one file per decided task, written as the task finishes, so that
 * a run killed partway and started again (`verify --resume DIR`) decides only what is missing and
 * gives the same report.
 *
 * A task is one phase-1 decision (claim × configuration on the `main` stream), one negative control
 * (search, shrink, confirm) or one pilot decision of the targeted search. Its entry holds the task's
 * own result only: Holm across configurations, the claims' statuses and the shrinking of violated
 * claims are always recomputed from cached and fresh results alike. The key is the canonical JSON of
 * every input the result is a function of: the kind, the claim, the stream and parameters (or the
 * control), the master seed, the profile, the α and β the decision used (α/m depends on the whole
 * run's family), the implementation override, the calibrated constants, Node's version and
 * architecture, and `codeHash(claim)` (a hash of the source that decides it, see codeHash.ts); the
 * file name is `<kind>-<sha256 of the key>.json`.
 *
 * Entries are written to a temporary file in the same directory and renamed into place, so a process
 * killed mid-write (SIGKILL) leaves the previous state, never half an entry. An entry is a header line
 * (format, key, SHA-256 of the body) and the body (cacheCodec's lossless JSON); one that cannot be
 * read, whose key is not the one asked for, whose checksum fails or whose value has the wrong shape is
 * ignored (counted in `stats.corrupt`) and the task is decided again.
 */

/** Version of the entry layout and key; bump when either changes (old entries are then never read). */
const CACHE_FORMAT = 1;

const ENTRY_NAME = /^(main|control|pilot)-[0-9a-f]{64}\.json$/;
const TEMP_NAME = /^\..+\.(\d+)\.[0-9a-f]+\.tmp$/;

export type TaskKind = 'main' | 'control' | 'pilot';

/** A task's cache key: its canonical text and the entry's file name. */
export interface TaskKey {
  kind: TaskKind;
  text: string;
  file: string;
}

/** What the decision of a task reads besides the task itself (DecideOptions without callbacks and budget). */
export type TaskInputs = Pick<DecideOptions, 'masterSeed' | 'profile' | 'alpha' | 'beta' | 'constants' | 'impl'>;

/** Counts of one run's use of the cache. */
export interface TaskCacheStats {
  /** Tasks whose result was read from the cache. */
  hits: number;
  /** Tasks not in the cache (decided, then written). */
  misses: number;
  /** Entries written. */
  written: number;
  /** Entries that could not be trusted (unreadable, wrong key, bad checksum, wrong shape): ignored, the task re-run. */
  corrupt: string[];
  /** Results that could not be stored (not encodable, or the write failed), with the reason: the run goes on without them. */
  notStored: string[];
}

const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export class TaskCache {
  readonly dir: string;
  readonly stats: TaskCacheStats = { hits: 0, misses: 0, written: 0, corrupt: [], notStored: [] };
  private readonly codeHash: (claim: Claim<Params>) => string;
  private readonly constantsDigest = new WeakMap<ConstantsTable, string>();

  /**
   * Open (and create) the cache directory `dir`; `codeHash(claim)` is the hash of the source that
   * decides the claim's tasks (computed once per paper by the caller). Temporary files left by a
   * killed writer (whose process is gone) are removed.
   */
  constructor(dir: string, codeHash: (claim: Claim<Params>) => string) {
    this.dir = dir;
    this.codeHash = codeHash;
    mkdirSync(dir, { recursive: true });
    for (const name of readdirSync(dir)) {
      const m = TEMP_NAME.exec(name);
      if (m && !isAlive(Number(m[1]))) rmSync(join(dir, name), { force: true });
    }
  }

  /** Number of entries in the directory (any run's). */
  entries(): number {
    return readdirSync(this.dir).filter((n) => ENTRY_NAME.test(n)).length;
  }

  /** The key of task `kind` of `claim` decided with `inputs`; `detail` names the task (stream, params, control, budget). */
  key(kind: TaskKind, claim: Claim<Params>, inputs: TaskInputs, detail: Record<string, unknown>): TaskKey {
    let constants = this.constantsDigest.get(inputs.constants);
    if (constants === undefined) {
      constants = sha256(stableStringify(encodeValue(inputs.constants)));
      this.constantsDigest.set(inputs.constants, constants);
    }
    const key = {
      format: CACHE_FORMAT,
      kind,
      claim: claim.id,
      code: this.codeHash(claim),
      masterSeed: inputs.masterSeed,
      profile: inputs.profile,
      alpha: inputs.alpha,
      beta: inputs.beta,
      impl: inputs.impl ?? null,
      constants,
      node: process.version,
      arch: process.arch,
      ...detail,
    };
    const text = stableStringify(encodeValue(key));
    return { kind, text, file: `${kind}-${sha256(text)}.json` };
  }

  /** The cached result of `key`, or undefined (not cached, or an entry that cannot be trusted: then counted in `stats.corrupt`). */
  get<T>(key: TaskKey, isValid: (value: unknown) => value is T): T | undefined {
    let raw: string;
    try {
      raw = readFileSync(join(this.dir, key.file), 'utf8');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') this.stats.corrupt.push(key.file);
      else this.stats.misses++;
      return undefined;
    }
    try {
      const nl = raw.indexOf('\n');
      const header = JSON.parse(raw.slice(0, nl < 0 ? raw.length : nl)) as { format?: unknown; key?: Encoded; sha256?: unknown };
      const body = raw.slice(nl + 1);
      if (nl < 0 || header.format !== CACHE_FORMAT || header.key === undefined || stableStringify(header.key) !== key.text || header.sha256 !== sha256(body))
        throw new Error('bad header');
      const value = decodeValue(JSON.parse(body) as Encoded);
      if (!isValid(value)) throw new Error('bad shape');
      this.stats.hits++;
      return value;
    } catch {
      this.stats.corrupt.push(key.file);
      return undefined;
    }
  }

  /** Store the result of `key`, atomically (temporary file, then rename); a failure is recorded in `stats.notStored`, never thrown. */
  put(key: TaskKey, value: unknown): void {
    let body: string;
    try {
      body = JSON.stringify(encodeValue(value));
    } catch (e) {
      this.stats.notStored.push(`${key.file}: ${(e as Error).message}`);
      return;
    }
    const header = stableStringify({ format: CACHE_FORMAT, key: JSON.parse(key.text) as Encoded, sha256: sha256(body) });
    const tmp = join(this.dir, `.${key.file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
    try {
      writeFileSync(tmp, `${header}\n${body}`, { encoding: 'utf8', flag: 'wx' });
      renameSync(tmp, join(this.dir, key.file));
      this.stats.written++;
    } catch (e) {
      rmSync(tmp, { force: true });
      this.stats.notStored.push(`${key.file}: ${(e as Error).message}`);
    }
  }
}
