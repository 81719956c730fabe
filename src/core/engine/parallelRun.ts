import type { Report } from '../report/schema.js';
import { controlInShard, indexKey, planRun, verifyRun, type Precomputed, type RunOptions } from './engine.js';
import { mapParallel, type JsonValue, type ParallelTask } from './parallel.js';
import type { RunTaskArgs } from './runTasks.js';

/**
 * `verifyRun` with its independent work spread over `workers` worker threads: every phase-1
 * decision (claim × configuration) and every negative control is a task; Holm, statuses,
 * shrinking of violated claims and the report are assembled in this thread by `verifyRun` from
 * the tasks' results. Each task is a pure function of (seed, profile, claim, configuration or
 * control, α/m), so the report is the same for every worker count (timing fields aside);
 * workers ≤ 1 runs everything in this thread. Claims must be in the registry module
 * `registry` (a URL): workers import it and look the claims up by id.
 */
export async function verifyRunParallel(opts: RunOptions & { workers: number; registry?: string }): Promise<Report> {
  if (!Number.isInteger(opts.workers) || opts.workers < 0) throw new RangeError(`workers must be an integer ≥ 0, got ${opts.workers}`);
  if (opts.workers <= 1) return verifyRun(opts);
  const registry = opts.registry;
  if (typeof registry !== 'string' || !registry)
    throw new TypeError(
      'verifyRunParallel: registry (the URL of the module exporting allClaims, e.g. REGISTRY_MODULE of src/papers/index.ts) is needed with workers > 1',
    );
  const plan = planRun(opts);
  // planRun's claims are the runnable ones (skipped checks and controls removed), as the workers see them.
  const module = new URL(import.meta.url.endsWith('.ts') ? './runTasks.ts' : './runTasks.js', import.meta.url).href;
  const common = (claimId: string): RunTaskArgs => ({
    claimId,
    profile: opts.profile,
    masterSeed: opts.masterSeed,
    perTest: plan.perTest,
    beta: plan.baseOpts.beta,
    constants: opts.constants,
    registry,
    ...(opts.impl !== undefined ? { impl: opts.impl } : {}),
  });
  const tasks: ParallelTask[] = [];
  const keys: Array<{ kind: 'main' | 'control'; key: string; label: string }> = [];
  for (const { claim, configs } of plan.claims) {
    configs.forEach((params, i) => {
      tasks.push({
        module,
        fn: 'decideMainTask',
        args: { ...common(claim.id), params } as unknown as JsonValue,
        seed: `${opts.masterSeed}/${claim.id}/main/${i}`,
      });
      keys.push({ kind: 'main', key: indexKey(claim.id, i), label: claim.id });
    });
    if (opts.skipControls) continue;
    claim.controls.forEach((control, idx) => {
      if (!controlInShard(plan, claim, idx)) return;
      tasks.push({
        module,
        fn: 'controlTask',
        args: { ...common(claim.id), controlIndex: idx } as unknown as JsonValue,
        seed: `${opts.masterSeed}/${claim.id}/control:${control.id}`,
      });
      keys.push({ kind: 'control', key: indexKey(claim.id, idx), label: `${claim.id} ⟂ ${control.id}` });
    });
  }
  const started = new Date();
  const t0 = performance.now();
  let done = 0;
  const results = await mapParallel<unknown>(tasks, opts.workers, (index, r) => {
    const k = keys[index];
    const trials = k.kind === 'main' ? (r as { outcomes: Array<{ evidence: { trials: number } }> }).outcomes.reduce((s, o) => s + o.evidence.trials, 0) : 0;
    opts.onProgress?.({ claim: k.label, phase: 'task', configsDone: ++done, configsTotal: tasks.length, trials, elapsedMs: performance.now() - t0 });
  });
  const pre: Precomputed = { plan, main: new Map(), controls: new Map() };
  results.forEach((r, i) => {
    const k = keys[i];
    if (k.kind === 'main') pre.main.set(k.key, r as Precomputed['main'] extends Map<string, infer V> ? V : never);
    else pre.controls.set(k.key, r as Precomputed['controls'] extends Map<string, infer V> ? V : never);
  });
  const report = verifyRun(opts, pre);
  // verifyRun timed only the assembly: the run started before the workers did.
  return { ...report, startedAt: started.toISOString(), durationMs: performance.now() - t0 };
}
