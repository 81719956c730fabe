import type { Evidence, Figure, KnownControlFailure, KnownFailure, Paper, Params, Profile, Status } from '../claim/types.js';

/** report.json, schemaVersion 1 (docs/design.md). The JSON is the source of truth; renderers read only this. */
export const SCHEMA_VERSION = 1;

export interface ConfigurationResult {
  params: Params;
  /** Where the plan took it from: a declared canonical setting, the design (levels, range ends), or a random draw. */
  source?: 'canonical' | 'design' | 'search' | 'random';
  status: Status;
  /** One entry per check of the claim (same order as `checks`). */
  checks: Array<{
    name: string;
    kind: string;
    status: Status;
    evidence: Evidence;
    holmThreshold?: number;
    /** What the verdict excludes (probability: "P ≤ 0.85 excluded with power 0.9; P ≥ 0.9 not rejected"; identity: the tolerance as a power requirement). */
    resolution?: string;
  }>;
  /** Evidence of the primary (first) check, duplicated for the schema's `configurations[].evidence`. */
  evidence: Evidence;
  durationMs: number;
}

export interface Counterexample {
  params: Params;
  /** fast-check seed of the search that found it. */
  seed: number;
  /** fast-check path of the shrunk value (replays with fc's `path`). */
  path: string;
  shrinks: number;
  /** Shell command that reruns exactly this case. */
  replay: string;
  /** Evidence of the confirmation run on a fresh stream. */
  confirmation: { status: Status; evidence: Evidence };
  /** Which check failed. */
  check: string;
}

export interface ControlResult {
  id: string;
  description: string;
  params: Params;
  expected: 'violated';
  status: Status;
  evidence?: Evidence;
  counterexample?: Counterexample;
  durationMs: number;
}

export interface ClaimResult {
  id: string;
  paper: Paper;
  kind: string;
  statement: string;
  status: Status;
  /** Why the status is what it is (e.g. "violation not confirmed on a fresh stream"). */
  reason?: string;
  durationMs: number;
  hypotheses: Record<string, string>;
  checks: Array<{ name: string; kind: string; describe: string }>;
  evidence: Evidence;
  constants?: Record<string, { value: number; ci: [number, number]; calibratedOn: unknown }>;
  configurations: ConfigurationResult[];
  counterexample?: Counterexample;
  controls: ControlResult[];
  figures?: Figure[];
  observational?: boolean;
  /** A recorded known failure: the status the gate expects instead of `verified`, and why. */
  knownFailure?: KnownFailure;
  /** Recorded known failures of single checks (by name) and controls (by id). */
  knownFailures?: { checks?: Readonly<Record<string, KnownFailure>>; controls?: Readonly<Record<string, KnownControlFailure>> };
  /** Checks and controls the claim skips, with the reason (not run). */
  skipped?: { checks?: Readonly<Record<string, string>>; controls?: Readonly<Record<string, string>> };
  /**
   * Expectations the run did not meet (a known failure that now passes, a known-failing check or
   * control with another status): each fails `verify` and is marked in every rendering.
   */
  unexpected?: string[];
  /** What the plan covered: configurations per source, and every factor level and range end with how many configurations took it. */
  coverage?: {
    sources: Partial<Record<'canonical' | 'design' | 'search' | 'random', number>>;
    factors: Array<{ name: string; kind: string; choices: Array<{ choice: string; configurations: number }> }>;
  };
  /** The targeted search: candidates evaluated on the pilot stream, and the worst configuration found with its margin (a z-score; < 0: the pilot estimate is already on the wrong side). */
  search?: { evaluated: number; picks: number; worst: { params: Params; margin: number } };
  /** Design rows left out because a constraint excluded their point (the constraint's message). */
  excludedDesignRows?: string[];
  notes?: string;
}

export interface Report {
  schemaVersion: 1;
  /** `source`: a fingerprint (SHA-256 prefix) of src/ and the lockfile that decided the run; absent in older reports. */
  tool: { name: string; version: string; source?: string };
  profile: Profile;
  masterSeed: number;
  startedAt: string;
  durationMs: number;
  environment: { node: string; platform: string; cpus: number };
  /** Run-level statistics: family-wise α across all claim configurations (Holm), β of sequential tests. */
  statistics: { alpha: number; beta: number; correction: 'holm'; family: number };
  summary: { verified: number; violated: number; inconclusive: number; controlsFailedAsExpected: number; controlsTotal: number };
  /** Set when the run is a shard of a larger one. */
  shard?: { index: number; count: number };
  claims: ClaimResult[];
  /**
   * Selected claims the run left out, each with why and the command that runs it: claims that state their own time at
   * the profile (Budget.statedTime), run only with `verify --long` or `--only <id>`. Absent when none was left out.
   */
  notRun?: Array<{ id: string; paper: string; cpuSeconds: number; reason: string }>;
  /** Headings of the papers in the run, in report order (definePaper's id, title, reference); older reports lack it. */
  papers?: Array<{ id: Paper; title: string; reference: string }>;
}
