import { canonicalJson } from '../random/seeds.js';
import type { Params, Profile } from '../claim/types.js';

export interface ReplaySpec {
  claim: string;
  control?: string;
  profile: Profile;
  seed: number;
  params: Params;
  /** Stream tag: "main", "confirm" or "control:<id>". */
  stream: string;
  /** Per-test α the checks' sequential tests used (α/m of the run). */
  alpha: number;
  /** Rejection threshold of the verdict (the Holm threshold, ≥ alpha). */
  threshold: number;
  impl?: string;
}

function shellQuote(s: string): string {
  return `'${s.replace(/'/g, `'\\''`)}'`;
}

/** A word as is when the shell would read it unchanged (registry ids), else single-quoted. */
const shellWord = (s: string): string => (/^[A-Za-z0-9._:/=-]+$/.test(s) ? s : shellQuote(s));

/** The shell command that reruns exactly one decision (what report.json's `replay` holds). */
export function replayCommand(r: ReplaySpec): string {
  const parts = ['npx tsx scripts/cli.ts replay', `--claim ${shellWord(r.claim)}`];
  if (r.control) parts.push(`--control ${shellWord(r.control)}`);
  parts.push(`--profile ${r.profile}`, `--seed ${r.seed}`, `--stream ${shellQuote(r.stream)}`, `--alpha ${r.alpha}`, `--threshold ${r.threshold}`);
  if (r.impl) parts.push(`--impl ${shellWord(r.impl)}`);
  parts.push(`--params ${shellQuote(canonicalJson(r.params))}`);
  return parts.join(' ');
}
