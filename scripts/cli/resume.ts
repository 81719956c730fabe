/**
 * The resume cache of verify and baseline: where it is, the hash of the code each claim's tasks are
 * decided by, and the command that resumes an interrupted run.
 */
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Claim, Params } from '../../src/core/claim/types.js';
import { sourceHash } from '../../src/core/engine/codeHash.js';
import { TaskCache } from '../../src/core/engine/taskCache.js';
import { DEFAULT_SEED } from '../../src/core/random/seeds.js';

/** The flags of verify (and baseline) that the cache and the resume command read. */
export interface ResumeFlags {
  only?: string[];
  profile: string;
  seed: number;
  shard?: { index: number; count: number };
  impl?: string;
  'skip-controls': boolean;
  'allow-inconclusive': boolean;
  compare?: string;
  workers: number;
  out: string;
  resume?: string;
  'no-cache': boolean;
  /** verify --long: also the claims that state their own time. */
  long?: boolean;
}

/** The repository's root (this file is scripts/cli/resume.ts). */
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/**
 * Sources that every claim's tasks depend on: the core, the registry, and the dependencies' pinned
 * versions (fast-check draws, jstat, the MNIST data of the `mnist` package). A claim's own paper folder
 * `src/papers/<paper>/` is added per claim (all of src/papers when there is no such folder).
 */
const SHARED_SOURCES = ['src/core', 'src/papers/index.ts', 'package.json', 'package-lock.json'];

/**
 * `codeHash(claim)` for the resume cache: SHA-256 of SHARED_SOURCES and the claim's paper folder, each
 * paper's computed once. Coarse but safe: any edit in the core, or in the paper, starts its tasks afresh.
 * @internal (exported for properties/resume.test.ts)
 */
export function claimCodeHash(root = ROOT): (claim: Claim<Params>) => string {
  const byPaper = new Map<string, string>();
  return (claim) => {
    let hash = byPaper.get(claim.paper);
    if (hash === undefined) {
      const folder = path.join('src', 'papers', claim.paper);
      hash = sourceHash(root, [...SHARED_SOURCES, existsSync(path.join(root, folder)) ? folder : path.join('src', 'papers')]);
      byPaper.set(claim.paper, hash);
    }
    return hash;
  };
}

/**
 * The fingerprint written as report.json `tool.source`: the first 16 hex digits of the SHA-256 of src/, package.json and
 * package-lock.json (codeHash.ts), so that `report merge` refuses shards decided by different code.
 */
export function runSourceFingerprint(root = ROOT): string {
  return sourceHash(root, ['src', 'package.json', 'package-lock.json']).slice(0, 16);
}

/** The run's resume cache (`--resume DIR`, default `<out>/.cache`), or undefined with --no-cache. */
export function openCache(f: Pick<ResumeFlags, 'resume' | 'no-cache' | 'out'>): TaskCache | undefined {
  if (f['no-cache']) return undefined;
  return new TaskCache(f.resume ?? path.join(f.out, '.cache'), claimCodeHash());
}

const shellWord = (w: string): string => (/^[\w.,/:=@%+-]+$/.test(w) ? w : `'${w.replace(/'/g, `'\\''`)}'`);

/** The npm command that reruns `name` with the flags `f` and resumes from the cache `dir`. */
export function resumeCommand(name: string, f: ResumeFlags, dir: string): string {
  const args: string[] = [];
  if (f.only) args.push('--only', f.only.join(','));
  args.push('--profile', f.profile);
  if (f.seed !== DEFAULT_SEED) args.push('--seed', String(f.seed));
  if (f.shard) args.push('--shard', `${f.shard.index}/${f.shard.count}`);
  if (f.impl) args.push('--impl', f.impl);
  if (f['skip-controls']) args.push('--skip-controls');
  if (f.long) args.push('--long');
  if (f['allow-inconclusive'] && name !== 'baseline') args.push('--allow-inconclusive');
  if (f.compare) args.push('--compare', f.compare);
  if (f.workers !== availableParallelism()) args.push('--workers', String(f.workers));
  args.push('--out', f.out, '--resume', dir);
  return `npm run ${name} -- ${args.map(shellWord).join(' ')}`;
}
