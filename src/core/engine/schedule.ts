import { canonicalJson } from '../random/seeds.js';
import type { Params } from '../claim/types.js';
import type { Report } from '../report/schema.js';

/**
 * Longest-task-first scheduling of a run's tasks. Which worker runs a task cannot change its result (every task
 * carries its own seed), but the order decides the wall time: with w workers a run cannot end before its longest
 * task does, and handing the long tasks out first (Graham's LPT rule: makespan ≤ (4/3 − 1/(3w)) of the optimum)
 * keeps a 5-minute configuration from starting last. The expected durations come from an earlier report of the
 * same profile (its per-configuration and per-control `durationMs`).
 */

/** Expected task durations (ms), keyed by `taskTimingKey`. */
export type TaskTimings = ReadonlyMap<string, number>;

/** The key of a task for `TaskTimings`: claim id and the configuration's canonical JSON, or claim id and control id. */
export function taskTimingKey(task: { kind: 'main'; claimId: string; params: Params } | { kind: 'control'; claimId: string; controlId: string }): string {
  return task.kind === 'main' ? `${task.claimId} main ${canonicalJson(task.params)}` : `${task.claimId} control ${task.controlId}`;
}

/** Every configuration's and control's `durationMs` in `report`, by `taskTimingKey`. @internal (exported for properties/schedule.test.ts) */
export function timingsFromReport(report: Pick<Report, 'claims'>): Map<string, number> {
  const out = new Map<string, number>();
  for (const c of report.claims) {
    for (const cf of c.configurations)
      if (Number.isFinite(cf.durationMs)) out.set(taskTimingKey({ kind: 'main', claimId: c.id, params: cf.params }), cf.durationMs);
    for (const ct of c.controls)
      if (Number.isFinite(ct.durationMs)) out.set(taskTimingKey({ kind: 'control', claimId: c.id, controlId: ct.id }), ct.durationMs);
  }
  return out;
}

/**
 * The tasks reordered longest expected duration first (stable: equal estimates keep their order). A task the
 * timings do not know is estimated by the longest known task of its claim (its configurations are alike), and a
 * claim with no known task by the longest known task overall, so that new work starts early rather than last.
 * Without any timings the order is unchanged.
 */
export function longestFirst<T>(tasks: readonly T[], timings: TaskTimings | undefined, keyOf: (t: T) => string, claimOf: (t: T) => string): T[] {
  if (!timings || timings.size === 0) return [...tasks];
  const claimMax = new Map<string, number>();
  let overall = 0;
  for (const t of tasks) {
    const ms = timings.get(keyOf(t));
    if (ms === undefined) continue;
    claimMax.set(claimOf(t), Math.max(claimMax.get(claimOf(t)) ?? 0, ms));
    overall = Math.max(overall, ms);
  }
  const estimate = (t: T): number => timings.get(keyOf(t)) ?? claimMax.get(claimOf(t)) ?? overall;
  return tasks
    .map((t, i) => ({ t, i, ms: estimate(t) }))
    .sort((a, b) => b.ms - a.ms || a.i - b.i)
    .map((e) => e.t);
}

/** The format tag of a task-timings file (reports/timings/<profile>.json). */
export const TIMINGS_FORMAT = 'robustness-proofs/task-timings/1';

/** A task-timings file: the profile its durations were measured at and the durations (ms) by `taskTimingKey`. */
export interface TimingsFile {
  format: typeof TIMINGS_FORMAT;
  profile: string;
  tasks: Record<string, number>;
}

/**
 * Expected durations read from `text`, either a report.json (its configurations' and controls' `durationMs`) or a
 * task-timings file; `undefined` when it holds neither or was measured at another profile than `profile`
 * (scheduling is a hint: an unusable source only loses the ordering, so it is not an error).
 */
export function parseTimings(text: string, profile: string): Map<string, number> | undefined {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof data !== 'object' || data === null) return undefined;
  const d = data as Partial<TimingsFile> & Partial<Pick<Report, 'claims' | 'profile'>>;
  if (d.profile !== profile) return undefined;
  if (d.format === TIMINGS_FORMAT && typeof d.tasks === 'object' && d.tasks !== null)
    return new Map(Object.entries(d.tasks).filter((e): e is [string, number] => Number.isFinite(e[1])));
  if (Array.isArray(d.claims)) {
    try {
      return timingsFromReport({ claims: d.claims });
    } catch {
      return undefined;
    }
  }
  return undefined;
}

/** A task-timings file of the reports' durations (later reports win on a shared task), durations rounded to ms. */
export function timingsFileOf(profile: string, reports: ReadonlyArray<Pick<Report, 'claims'>>): TimingsFile {
  const tasks: Record<string, number> = {};
  for (const r of reports) for (const [k, ms] of timingsFromReport(r)) tasks[k] = Math.round(ms);
  const sorted = Object.fromEntries(
    Object.keys(tasks)
      .sort()
      .map((k) => [k, tasks[k]]),
  );
  return { format: TIMINGS_FORMAT, profile, tasks: sorted };
}
