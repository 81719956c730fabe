import type { Claim, Params } from '../claim/types.js';
import type { ControlResult, Report } from '../report/schema.js';
import { decideConfiguration } from './decide.js';
import { controlInShard, indexKey, planRun, runControl, verifyRun, type Precomputed, type RunOptions } from './engine.js';
import { mapParallel, type JsonValue, type ParallelTask } from './parallel.js';
import type { RunTaskArgs } from './runTasks.js';
import { longestFirst, taskTimingKey, type TaskTimings } from './schedule.js';
import type { TaskKey } from './taskCache.js';

type MainResult = Precomputed['main'] extends Map<string, infer V> ? V : never;

/** One task of a run: a phase-1 decision (claim × configuration) or a negative control. */
interface RunTask {
  kind: 'main' | 'control';
  claim: Claim<Params>;
  /** Configuration index (main) or control index (control). */
  index: number;
  params?: Params;
  label: string;
  /** Its resume-cache key, when the run has a cache. */
  key?: TaskKey;
}

/** A run stopped by its abort signal before every task finished: `tasksDone` of `tasksTotal` tasks are decided (and cached, with a cache). */
export class RunInterrupted extends Error {
  override name = 'RunInterrupted';
  constructor(
    readonly tasksDone: number,
    readonly tasksTotal: number,
  ) {
    super(`verifyRunParallel: interrupted with ${tasksDone} of ${tasksTotal} tasks decided`);
  }
}

const isMainResult = (v: unknown): v is MainResult =>
  typeof v === 'object' && v !== null && Array.isArray((v as MainResult).outcomes) && typeof (v as MainResult).durationMs === 'number';

const isControlResultOf =
  (id: string) =>
  (v: unknown): v is ControlResult =>
    typeof v === 'object' && v !== null && (v as ControlResult).id === id && typeof (v as ControlResult).status === 'string';

/**
 * `verifyRun` with its independent work spread over `workers` worker threads: every phase-1
 * decision (claim × configuration) and every negative control is a task; Holm, statuses,
 * shrinking of violated claims and the report are assembled in this thread by `verifyRun` from
 * the tasks' results. Each task is a pure function of (seed, profile, claim, configuration or
 * control, α/m), so the report is the same for every worker count (timing fields aside);
 * workers ≤ 1 runs everything in this thread. Claims must be in the registry module
 * `registry` (a URL): workers import it and look the claims up by id.
 *
 * With `cache` (src/core/engine/taskCache.ts) a task already in the cache is not run, and every task
 * is written to it as it finishes (before Holm, which always sees cached and fresh results alike),
 * so a run interrupted partway and started again gives the same report. When `signal` aborts, the
 * workers stop (tasks in progress are lost) and the promise rejects with `RunInterrupted`.
 *
 * With `timings` (expected durations from an earlier report, schedule.ts) the workers receive the longest tasks
 * first; the order changes the wall time only, never a result.
 */
export async function verifyRunParallel(
  opts: RunOptions & { workers: number; registry?: string; signal?: AbortSignal; timings?: TaskTimings },
): Promise<Report> {
  if (!Number.isInteger(opts.workers) || opts.workers < 0) throw new RangeError(`workers must be an integer ≥ 0, got ${opts.workers}`);
  if (opts.workers <= 1 && !opts.cache) return verifyRun(opts);
  const registry = opts.registry;
  if (opts.workers > 1 && (typeof registry !== 'string' || !registry))
    throw new TypeError(
      'verifyRunParallel: registry (the URL of the module exporting allClaims, e.g. REGISTRY_MODULE of src/papers/index.ts) is needed with workers > 1',
    );
  const started = new Date();
  const t0 = performance.now();
  const plan = planRun(opts);
  // planRun's claims are the runnable ones (skipped checks and controls removed), as the workers see them.
  const cache = opts.cache;
  const tasks: RunTask[] = [];
  for (const { claim, configs } of plan.claims) {
    configs.forEach((params, i) => {
      const key = cache?.key('main', claim, plan.baseOpts, { stream: 'main', params });
      tasks.push({ kind: 'main', claim, index: i, params, label: claim.id, key });
    });
    if (opts.skipControls) continue;
    claim.controls.forEach((control, idx) => {
      if (!controlInShard(plan, claim, idx)) return;
      const key = cache?.key('control', claim, plan.baseOpts, { stream: `control:${control.id}`, control: control.id, index: idx });
      tasks.push({ kind: 'control', claim, index: idx, label: `${claim.id} ⟂ ${control.id}`, key });
    });
  }
  const pre: Precomputed = { plan, main: new Map(), controls: new Map() };
  const store = (t: RunTask, r: unknown): void => {
    if (t.kind === 'main') pre.main.set(indexKey(t.claim.id, t.index), r as MainResult);
    else pre.controls.set(indexKey(t.claim.id, t.index), r as ControlResult);
  };
  const pending: RunTask[] = [];
  for (const t of tasks) {
    const isValid: (v: unknown) => v is MainResult | ControlResult = t.kind === 'main' ? isMainResult : isControlResultOf(t.claim.controls[t.index].id);
    const hit = t.key && cache!.get(t.key, isValid);
    if (hit) store(t, hit);
    else pending.push(t);
  }
  const timingKey = (t: RunTask): string =>
    t.kind === 'main'
      ? taskTimingKey({ kind: 'main', claimId: t.claim.id, params: t.params! })
      : taskTimingKey({ kind: 'control', claimId: t.claim.id, controlId: t.claim.controls[t.index].id });
  const todo = opts.workers > 1 ? longestFirst(pending, opts.timings, timingKey, (t) => t.claim.id) : pending;
  const cached = tasks.length - todo.length;
  if (cache) opts.onProgress?.({ claim: cache.dir, phase: 'cached', configsDone: cached, configsTotal: tasks.length, trials: 0, elapsedMs: 0, cached });
  opts.onProgress?.({ claim: '', phase: 'tasks', configsDone: cached, configsTotal: tasks.length, trials: 0, elapsedMs: performance.now() - t0, cached });
  let done = cached;
  const finished = (t: RunTask, r: unknown): void => {
    store(t, r);
    if (t.key) cache!.put(t.key, r);
    const trials = t.kind === 'main' ? (r as MainResult).outcomes.reduce((s, o) => s + o.evidence.trials, 0) : 0;
    opts.onProgress?.({ claim: t.label, phase: 'task', configsDone: ++done, configsTotal: tasks.length, trials, elapsedMs: performance.now() - t0, cached });
  };
  try {
    if (opts.workers <= 1) {
      // In this thread: exactly what runTasks.ts's task functions compute.
      for (const t of todo) {
        opts.signal?.throwIfAborted();
        finished(t, t.kind === 'main' ? decideConfiguration(t.claim, t.claim.checks, t.params!, 'main', plan.baseOpts) : runControl(t.claim, t.index, plan));
      }
    } else {
      const module = new URL(import.meta.url.endsWith('.ts') ? './runTasks.ts' : './runTasks.js', import.meta.url).href;
      const common = (claimId: string): RunTaskArgs => ({
        claimId,
        profile: opts.profile,
        masterSeed: opts.masterSeed,
        perTest: plan.perTest,
        beta: plan.baseOpts.beta,
        constants: opts.constants,
        registry: registry!,
        ...(opts.impl !== undefined ? { impl: opts.impl } : {}),
      });
      const parallelTasks: ParallelTask[] = todo.map((t) =>
        t.kind === 'main'
          ? {
              module,
              fn: 'decideMainTask',
              args: { ...common(t.claim.id), params: t.params! } as unknown as JsonValue,
              seed: `${opts.masterSeed}/${t.claim.id}/main/${t.index}`,
            }
          : {
              module,
              fn: 'controlTask',
              args: { ...common(t.claim.id), controlIndex: t.index } as unknown as JsonValue,
              seed: `${opts.masterSeed}/${t.claim.id}/control:${t.claim.controls[t.index].id}`,
            },
      );
      await mapParallel<unknown>(parallelTasks, opts.workers, (i, r) => finished(todo[i], r), opts.signal);
    }
  } catch (e) {
    if (opts.signal?.aborted) throw new RunInterrupted(done, tasks.length);
    throw e;
  }
  const report = verifyRun(opts, pre);
  // verifyRun timed only the assembly: the run started before the tasks did.
  return { ...report, startedAt: started.toISOString(), durationMs: performance.now() - t0 };
}
