import fc from 'fast-check';
import os from 'node:os';
import { holm } from '../stats/holm.js';
import type { ClaimResult, ConfigurationResult, ControlResult, Counterexample, Report } from '../report/schema.js';
import { summariseClaims, worstConfigurationEvidence } from '../report/summary.js';
import { decideConfiguration, type DecideOptions } from './decide.js';
import { replayCommand } from './replayCommand.js';
import { worst } from '../claim/status.js';
import { mergeFigure } from '../claim/figureMerge.js';
import { runnableClaim } from '../claim/runnable.js';
import type { PaperInfo } from '../claim/definePaper.js';
import { withUnexpected } from '../report/expectations.js';
import { resolutionOf } from '../report/resolution.js';
import type { SpaceHypotheses } from '../space/index.js';
import { coverageOf, type Coverage, type PlanSource } from '../plan/coverage.js';
import { canonicalPoint, designPoints, type DesignPlan } from '../plan/designPoints.js';
import { targetedSearch } from '../search/targetedSearch.js';
import { canonicalJson, hash32 } from '../random/seeds.js';
import type { TaskCache } from './taskCache.js';
import {
  BUDGET_DEFAULTS,
  type Budget,
  type Check,
  type CheckOutcome,
  type Claim,
  type ConstantsTable,
  type Evidence,
  type Figure,
  type Params,
  type Profile,
  type Status,
} from '../claim/types.js';

let environment: { node: string; platform: string; cpus: number } | undefined;
/** The report's `environment` (Node version, platform, core count), read once per process: os.cpus() costs ≈ 8% of an engine claim's inner run. */
function runEnvironment(): { node: string; platform: string; cpus: number } {
  environment ??= { node: process.version, platform: `${process.platform}-${process.arch}`, cpus: os.cpus().length };
  return { ...environment };
}

export interface RunOptions {
  claims: readonly Claim<Params>[];
  profile: Profile;
  masterSeed: number;
  constants: ConstantsTable;
  /** Family-wise false-alarm level across all claim configurations of the run (Holm). */
  alpha?: number;
  /** Type II error of sequential tests at the indifference point. */
  beta?: number;
  /** Net implementation override, e.g. a deliberately broken one from src/papers/bubeck/model/mutants.ts. */
  impl?: string;
  /** Run a deterministic slice: configurations and controls with index ≡ shard.index − 1 (mod shard.count). */
  shard?: { index: number; count: number };
  /** Skip controls (never in the gate; for quick exploration). */
  skipControls?: boolean;
  onProgress?: (e: ProgressEvent) => void;
  toolVersion?: string;
  /** Fingerprint of the source that decided the run (report.json `tool.source`; report merge requires equal ones). */
  toolSource?: string;
  /**
   * Plan configurations by design (claims with a declared space): canonical settings, every factor level and
   * range end (covering array), then `Budget.configurations` random points, deduplicated.
   * @defaultValue true (false: random draws only, the plan before coverage by design; a control of engine.search-power)
   */
  design?: boolean;
  /**
   * A negative control of the search, never for real runs: decide the search's picks with their pilot
   * evidence (selected on the same data) instead of a fresh stream — selection bias inflates false alarms.
   * @defaultValue false
   */
  reusePilot?: boolean;
  /** The papers of the run (id, title, reference), written into the report for its headings (src/papers/index.ts `PAPERS`). */
  papers?: readonly PaperInfo[];
  /**
   * The resume cache (src/core/engine/taskCache.ts): the targeted search's pilot decisions (planRun) and, in
   * `verifyRunParallel`, every configuration and control task are read from it when cached and written to it
   * as they finish. It never changes a result: an entry is keyed by every input of its task.
   * @defaultValue none (everything is decided)
   */
  cache?: TaskCache;
}

export interface ProgressEvent {
  claim: string;
  /**
   * `task`: one worker-thread task (a configuration or a control) finished; configsDone/configsTotal count tasks.
   * `cached`: the resume cache was read before any task ran; configsDone of configsTotal tasks came from it.
   * `search`: planning runs a claim's targeted search next (in this thread, before any task): configsTotal
   * planned configurations are its starts' pool, trials the pilot's trials per evaluation.
   * `tasks`: the worker threads start on the tasks: configsTotal in all, configsDone of them from the cache.
   */
  phase: 'configuration' | 'shrink' | 'control' | 'task' | 'cached' | 'search' | 'tasks' | 'done';
  configsDone: number;
  configsTotal: number;
  trials: number;
  elapsedMs: number;
  status?: Status;
  /** Tasks taken from the resume cache (phases `task` and `cached`), counted in configsDone. */
  cached?: number;
}

interface PendingConfig {
  claim: Claim<Params>;
  params: Params;
  outcomes: CheckOutcome[];
  durationMs: number;
}

const FIGURE_ROW_CAP = 5000;

function checkStatus(o: CheckOutcome, rejected: boolean): Status {
  return rejected ? 'violated' : o.sufficient ? 'verified' : 'inconclusive';
}

function kindOf(claim: Claim<Params>): string {
  return [...new Set(claim.checks.map((c) => c.kind))].join('+');
}

function mergeFigures(into: Map<string, Figure>, figs: Figure[] | undefined, configIndex: number): void {
  for (const f of figs ?? []) {
    const rows = f.data.map((r) => ({ ...r, config: configIndex }));
    into.set(f.id, mergeFigure(into.get(f.id), f, rows, FIGURE_ROW_CAP));
  }
}

/**
 * Search with fast-check for a configuration that fails (some check's p-value ≤ threshold), replaying
 * the run's own sequence of configurations (same seed and count as its sample), let fast-check shrink
 * it, then confirm the shrunk configuration on a fresh stream (`<tag>/confirm`).
 */
function shrinkAndConfirm(
  claim: Claim<Params>,
  arb: fc.Arbitrary<Params>,
  checks: readonly Check<Params>[],
  search: { seed: number; numRuns: number; examples?: readonly Params[] },
  tag: string,
  threshold: number,
  opts: DecideOptions & { impl?: string },
  decide: (params: Params, tag: string) => CheckOutcome[],
  controlId?: string,
): Counterexample | null {
  const fails = (params: Params, t: string): { failed: boolean; index: number; evidence: Evidence } => {
    const outcomes = decide(params, t);
    const index = outcomes.findIndex((o) => o.evidence.pValue <= threshold);
    return { failed: index >= 0, index: Math.max(0, index), evidence: outcomes[Math.max(0, index)].evidence };
  };
  const budget = claim.profiles[opts.profile];
  // Deterministic shrink budget: after the first failure, at most `shrinkCalls` candidates are decided;
  // later candidates are treated as passing, so fast-check keeps the last failing one. (A wall-clock
  // limit would make the counterexample, and so the report, depend on the machine's speed.)
  const cap = budget.shrinkCalls ?? BUDGET_DEFAULTS.shrinkCalls;
  let failedOnce = false;
  let shrinkCalls = 0;
  const result = fc.check(
    fc.property(arb, (p) => {
      if (failedOnce && ++shrinkCalls > cap) return true;
      const failed = fails({ ...p }, tag).failed;
      if (failed) failedOnce = true;
      return !failed;
    }),
    // fast-check counts examples within numRuns: the examples first, then the run's own random draws.
    {
      seed: search.seed,
      numRuns: search.numRuns + (search.examples?.length ?? 0),
      ...(search.examples?.length ? { examples: search.examples.map((e) => [e] as [Params]) } : {}),
    },
  );
  if (!result.failed || !result.counterexample) return null;
  const shrunk: Params = { ...result.counterexample[0] };
  const main = fails(shrunk, tag);
  if (!main.failed) return null;
  const confirm = fails(shrunk, `${tag}/confirm`);
  return {
    params: shrunk,
    seed: search.seed,
    path: result.counterexamplePath ?? '',
    shrinks: result.numShrinks,
    replay: replayCommand({
      claim: claim.id,
      control: controlId,
      profile: opts.profile,
      seed: opts.masterSeed,
      params: shrunk,
      stream: tag,
      alpha: opts.alpha,
      threshold,
      impl: opts.impl,
    }),
    confirmation: { status: confirm.failed ? 'violated' : 'verified', evidence: confirm.evidence },
    check: checks[main.index].name,
  };
}

/** A run's plan: each claim's configurations (the shard's slice), the family size m and the per-test level α/m. */
export interface RunPlan {
  /** Per claim: its arbitrary, the fast-check seed of its sample (shrinking replays the same sequence), the shard's configurations and how many the whole run plans. */
  claims: Array<{
    claim: Claim<Params>;
    arb: fc.Arbitrary<Params>;
    seed: number;
    /** The shard's configurations, and where each came from (design, canonical or random). */
    configs: Params[];
    sources: PlanSource[];
    /** Configurations the whole run plans for the claim (before sharding). */
    planned: number;
    /** Random draws consumed from the arbitrary (shrinking replays that many after the `examples`). */
    draws: number;
    /** The planned canonical and design points, tried first when shrinking replays the plan. */
    examples: Params[];
    /** Coverage of the whole plan (claims with a declared space). */
    coverage?: Coverage;
    /** Design rows a constraint excluded, with the reason. */
    excluded?: DesignPlan['excluded'];
    /** The targeted search's summary (claims whose budget asks for one). */
    search?: ClaimResult['search'];
    /** Pilot outcomes that stand in for the main decision (only with the `reusePilot` control). */
    pilotOutcomes: Map<string, CheckOutcome[]>;
  }>;
  /** Family-wise level α of the run (Holm). */
  alpha: number;
  family: number;
  perTest: number;
  baseOpts: DecideOptions;
  inShard: (i: number) => boolean;
}

const isOutcomeList = (v: unknown): v is CheckOutcome[] =>
  Array.isArray(v) && v.every((o) => typeof o === 'object' && o !== null && typeof (o as CheckOutcome).evidence?.pValue === 'number');

/** One pilot decision of the targeted search (stream `pilot`, the pilot budget), read from and written to the resume cache when there is one. */
function pilotDecision(cache: TaskCache | undefined, claim: Claim<Params>, params: Params, budget: Budget, opts: DecideOptions): CheckOutcome[] {
  const key = cache?.key('pilot', claim, opts, { stream: 'pilot', params, budget });
  const hit = key && cache!.get(key, isOutcomeList);
  if (hit) return hit;
  const outcomes = decideConfiguration(claim, claim.checks, params, 'pilot', { ...opts, budget }).outcomes;
  if (key) cache!.put(key, outcomes);
  return outcomes;
}

/** Covering-array strength of each `Budget.design`: pairs 2, levels 1, none 0 (no design points). */
const DESIGN_STRENGTH = { pairs: 2, levels: 1, none: 0 } as const;

/**
 * Plan a run. Per claim with a declared space (coverage by design, on unless `design: false`): its
 * canonical settings, the design points, `configurations` random draws (fast-check, seed
 * hash32(`<masterSeed>/<claim>`)) not already planned, and the targeted search's picks when its budget
 * asks for a search; without a space, `configurations` random draws. Then the shard's slice; the family
 * m counts every configuration × check of the whole run before sharding, so per-test level = α/m everywhere.
 */
export function planRun(opts: RunOptions): RunPlan {
  opts = { ...opts, claims: opts.claims.map(runnableClaim) };
  const alpha = opts.alpha ?? 0.01;
  const beta = opts.beta ?? 0.1;
  const { profile, masterSeed } = opts;
  const inShard = (i: number): boolean => !opts.shard || i % opts.shard.count === opts.shard.index - 1;
  const planStart = performance.now();
  let globalIndex = 0;
  const claims = opts.claims.map((claim) => {
    const budget = claim.profiles[profile];
    // Unbiased draws: configurations should represent the hypotheses, not fast-check's bug-hunting bias towards small values and first constants.
    const arb = fc.noBias(claim.hypotheses.arbitrary(profile, opts.constants));
    const seed = hash32(`${masterSeed}/${claim.id}`);
    const space = (claim.hypotheses as Partial<SpaceHypotheses<Params>>).space;
    const plannedAll: Array<{ params: Params; source: PlanSource }> = [];
    let draws = budget.configurations;
    let excluded: DesignPlan['excluded'] | undefined;
    let search: ClaimResult['search'];
    const pilotOutcomes = new Map<string, CheckOutcome[]>();
    const strength = DESIGN_STRENGTH[budget.design ?? 'pairs'];
    if ((opts.design ?? true) && space) {
      // Coverage by design: the declared canonical settings, every level and range end (covering array), then
      // `configurations` random interior points; no duplicates.
      const seen = new Set<string>();
      const add = (params: Params, source: PlanSource): boolean => {
        const key = canonicalJson(params);
        if (seen.has(key)) return false;
        seen.add(key);
        plannedAll.push({ params, source });
        return true;
      };
      for (const c of claim.canonical?.(profile) ?? []) add(canonicalPoint(space, profile, opts.constants, c, claim.id), 'canonical');
      const design = strength === 0 ? { points: [], excluded: [] } : designPoints(space, profile, opts.constants, strength);
      excluded = design.excluded.length ? design.excluded : undefined;
      for (const p of design.points) add(p, 'design');
      const pool = fc.sample(arb, { seed, numRuns: 4 * budget.configurations }).map((p) => ({ ...p }) as Params);
      let taken = 0;
      draws = 0;
      for (const p of pool) {
        if (taken >= budget.configurations) break;
        draws++;
        if (add(p, 'random')) taken++;
      }
      if (budget.search) {
        opts.onProgress?.({
          claim: claim.id,
          phase: 'search',
          configsDone: 0,
          configsTotal: plannedAll.length,
          trials: budget.search.pilotTrials,
          elapsedMs: performance.now() - planStart,
        });
        const pilotOpts = { masterSeed, profile, alpha, beta, constants: opts.constants, impl: opts.impl };
        const found = targetedSearch(
          claim,
          space,
          plannedAll.map((c) => c.params),
          budget,
          { profile, constants: opts.constants },
          (p, b) => pilotDecision(opts.cache, claim, p, b, pilotOpts),
        );
        for (const c of found.picks)
          if (add(c.params, 'search') && opts.reusePilot) pilotOutcomes.set(canonicalJson(c.params), found.outcomes.get(canonicalJson(c.params))!);
        search = { evaluated: found.evaluated, picks: found.picks.length, worst: found.worst };
      }
    } else {
      for (const p of fc.sample(arb, { seed, numRuns: budget.configurations })) plannedAll.push({ params: { ...p } as Params, source: 'random' });
    }
    const inThis = plannedAll.filter(() => inShard(globalIndex++));
    const examples = plannedAll.filter((c) => c.source !== 'random').map((c) => c.params);
    const coverage = space ? coverageOf(space, profile, opts.constants, plannedAll) : undefined;
    return {
      claim,
      arb,
      seed,
      configs: inThis.map((c) => c.params),
      sources: inThis.map((c) => c.source),
      planned: plannedAll.length,
      draws,
      examples,
      coverage,
      excluded,
      search,
      pilotOutcomes,
    };
  });
  const family = claims.filter((p) => !p.claim.observational).reduce((s, p) => s + p.planned * p.claim.checks.length, 0);
  const perTest = alpha / Math.max(1, family);
  return { claims, alpha, family, perTest, inShard, baseOpts: { masterSeed, profile, alpha: perTest, beta, constants: opts.constants, impl: opts.impl } };
}

/** Results computed ahead of the run (by worker threads): main decisions by claim and configuration index, control results by claim and control index. */
export interface Precomputed {
  /** The run's plan, when the caller already made it (the design, and the search's pilot decisions, are then not made twice). */
  plan?: RunPlan;
  main: Map<string, { outcomes: CheckOutcome[]; durationMs: number }>;
  controls: Map<string, ControlResult>;
}
/** Key of a Precomputed entry: a claim and the index of its configuration (`main`) or control (`controls`). */
export const indexKey = (claimId: string, index: number): string => `${claimId}#${index}`;

/** Is control `idx` of `claim` in this run's shard? (Controls are dealt to shards by a hash of their ids.) */
export const controlInShard = (plan: Pick<RunPlan, 'inShard'>, claim: Claim<Params>, idx: number): boolean =>
  plan.inShard(hash32(`${claim.id}/${claim.controls[idx].id}`) + idx);

/** Memoised decisions: (claim, checks, params, tag) is decided once per run (shrinking revisits configurations). */
function decisionMemo(baseOpts: DecideOptions): {
  memo: Map<string, CheckOutcome[]>;
  key: (claim: Claim<Params>, checks: readonly Check<Params>[], params: Params, tag: string) => string;
  decide: (claim: Claim<Params>, checks: readonly Check<Params>[], params: Params, tag: string) => CheckOutcome[];
} {
  const memo = new Map<string, CheckOutcome[]>();
  const key = (claim: Claim<Params>, checks: readonly Check<Params>[], params: Params, tag: string): string =>
    `${claim.id}|${tag}|${checks.map((c) => c.name).join(',')}|${canonicalJson(params)}`;
  const decide = (claim: Claim<Params>, checks: readonly Check<Params>[], params: Params, tag: string): CheckOutcome[] => {
    const k = key(claim, checks, params, tag);
    let hit = memo.get(k);
    if (!hit) {
      hit = decideConfiguration(claim, checks, params, tag, baseOpts).outcomes;
      memo.set(k, hit);
    }
    return hit;
  };
  return { memo, key, decide };
}

/**
 * Run one negative control: search its arbitrary with fast-check for a configuration that the
 * claim's checks reject at the per-test level α/m, shrink it and confirm it on a fresh stream; the
 * control must come out `violated`. A pure function of (seed, profile, claim, control, α/m).
 */
export function runControl(
  claim: Claim<Params>,
  idx: number,
  plan: Pick<RunPlan, 'baseOpts' | 'perTest' | 'inShard'>,
  decide: (claim: Claim<Params>, checks: readonly Check<Params>[], params: Params, tag: string) => CheckOutcome[] = decisionMemo(plan.baseOpts).decide,
  onProgress?: (e: ProgressEvent) => void,
): ControlResult {
  const control = claim.controls[idx];
  const { profile, masterSeed, constants } = plan.baseOpts;
  const k0 = performance.now();
  const tag = `control:${control.id}`;
  const budget = claim.profiles[profile];
  if (!controlInShard(plan, claim, idx)) {
    return { id: control.id, description: control.description, params: {}, expected: 'violated', status: 'inconclusive', durationMs: 0 };
  }
  const checks = control.checks ?? claim.checks;
  const carb = fc.noBias(control.arbitrary(profile, constants));
  onProgress?.({
    claim: `${claim.id} ⟂ ${control.id}`,
    phase: 'control',
    configsDone: 0,
    configsTotal: budget.controlConfigurations ?? BUDGET_DEFAULTS.controlConfigurations,
    trials: 0,
    elapsedMs: 0,
  });
  const search = { seed: hash32(`${masterSeed}/${claim.id}/${tag}`), numRuns: budget.controlConfigurations ?? BUDGET_DEFAULTS.controlConfigurations };
  const cx = shrinkAndConfirm(claim, carb, checks, search, tag, plan.perTest, plan.baseOpts, (p, t) => decide(claim, checks, p, t), control.id);
  if (!cx) {
    const p = { ...fc.sample(carb, { seed: search.seed, numRuns: 1 })[0] } as Params;
    const outcomes = decide(claim, checks, p, tag);
    return {
      id: control.id,
      description: control.description,
      params: p,
      expected: 'violated',
      status: outcomes.every((o) => o.sufficient) ? 'verified' : 'inconclusive',
      evidence: outcomes[0].evidence,
      durationMs: performance.now() - k0,
    };
  }
  const status: Status = cx.confirmation.status === 'violated' ? 'violated' : 'inconclusive';
  return {
    id: control.id,
    description: control.description,
    params: cx.params,
    expected: 'violated',
    status,
    evidence: cx.confirmation.evidence,
    counterexample: cx,
    durationMs: performance.now() - k0,
  };
}

/**
 * The verify engine. Phase 1: every claim's configurations (fast-check samples of its hypotheses)
 * are decided on their own streams, sequential tests stopping at the Bonferroni level α/m.
 * Phase 2: Holm across all m = Σ configurations × checks p-values of the run decides which are
 * violated. Phase 3: each violated claim's failing configuration is shrunk by fast-check and
 * confirmed on a fresh stream (unconfirmed ⇒ inconclusive). Controls run with every claim and
 * must come out violated (same shrink + confirm), at the strictest per-test level α/m.
 * `pre` (from `verifyRunParallel`) supplies phase-1 decisions and control results computed by
 * worker threads; they are the same values this function would compute, so the report is too.
 */
export function verifyRun(opts: RunOptions, pre?: Precomputed): Report {
  opts = { ...opts, claims: opts.claims.map(runnableClaim) };
  const started = new Date();
  const t0 = performance.now();
  const { profile, masterSeed } = opts;
  const gating = opts.claims.filter((c) => !c.observational);
  const runPlan = pre?.plan ?? planRun(opts);
  const { alpha, family, perTest, baseOpts } = runPlan;
  const { beta } = baseOpts;
  const plan = runPlan.claims;
  const { memo, key: memoKey, decide: decideMemo } = decisionMemo(baseOpts);

  const pilotOf = new Map(plan.map((c) => [c.claim.id, c.pilotOutcomes]));
  // Phase 1
  const pending = new Map<string, PendingConfig[]>();
  for (const { claim, configs } of plan) {
    const list: PendingConfig[] = [];
    let trials = 0;
    const c0 = performance.now();
    configs.forEach((params, i) => {
      const reused = pilotOf.get(claim.id)?.get(canonicalJson(params));
      const { outcomes, durationMs } =
        (reused ? { outcomes: reused, durationMs: 0 } : undefined) ??
        pre?.main.get(indexKey(claim.id, i)) ??
        decideConfiguration(claim, claim.checks, params, 'main', {
          ...baseOpts,
          progress: (n) =>
            opts.onProgress?.({
              claim: claim.id,
              phase: 'configuration',
              configsDone: i,
              configsTotal: configs.length,
              trials: trials + n,
              elapsedMs: performance.now() - c0,
            }),
        });
      trials += outcomes.reduce((s, o) => s + o.evidence.trials, 0);
      list.push({ claim, params, outcomes, durationMs });
      memo.set(memoKey(claim, claim.checks, params, 'main'), outcomes);
      opts.onProgress?.({
        claim: claim.id,
        phase: 'configuration',
        configsDone: i + 1,
        configsTotal: configs.length,
        trials,
        elapsedMs: performance.now() - c0,
      });
    });
    pending.set(claim.id, list);
  }

  // Phase 2: Holm over the gating family.
  const entries: Array<{ claimId: string; config: number; check: number; p: number }> = [];
  for (const c of gating) {
    (pending.get(c.id) ?? []).forEach((pc, ci) => pc.outcomes.forEach((o, k) => entries.push({ claimId: c.id, config: ci, check: k, p: o.evidence.pValue })));
  }
  const h = holm(
    entries.map((e) => e.p),
    alpha,
  );
  const verdict = new Map<string, { rejected: boolean; threshold: number }>();
  entries.forEach((e, i) => verdict.set(`${e.claimId}#${e.config}#${e.check}`, { rejected: h.rejected[i], threshold: h.thresholds[i] }));

  // Phase 3: statuses, shrinking, controls.
  const decided: ClaimResult[] = plan.map(({ claim, arb, seed, sources, draws, examples, coverage, excluded, search }) => {
    const c0 = performance.now();
    const list = pending.get(claim.id) ?? [];
    const figures = new Map<string, Figure>();
    let firstViolation: { config: number; threshold: number } | null = null;
    const configurations: ConfigurationResult[] = list.map((pc, ci) => {
      const checks = pc.outcomes.map((o, k) => {
        const v = verdict.get(`${claim.id}#${ci}#${k}`) ?? { rejected: o.evidence.pValue <= perTest, threshold: perTest };
        if (v.rejected && !firstViolation) firstViolation = { config: ci, threshold: v.threshold };
        const status = checkStatus(o, v.rejected);
        const resolution = resolutionOf(claim.checks[k].kind, status, o.evidence);
        return {
          name: claim.checks[k].name,
          kind: claim.checks[k].kind,
          status,
          evidence: o.evidence,
          holmThreshold: v.threshold,
          ...(resolution ? { resolution } : {}),
        };
      });
      mergeFigures(
        figures,
        pc.outcomes.flatMap((o) => o.figures ?? []),
        ci,
      );
      return {
        params: pc.params,
        source: sources[ci],
        status: checks.map((c) => c.status).reduce(worst, 'verified' as Status),
        checks,
        evidence: checks[0].evidence,
        durationMs: pc.durationMs,
      };
    });
    let status: Status = configurations.map((c) => c.status).reduce(worst, 'verified' as Status);
    if (configurations.length === 0) status = 'inconclusive';
    let reason: string | undefined = configurations.length === 0 ? 'no configuration of this claim in this shard' : undefined;
    let counterexample: Counterexample | undefined;
    if (firstViolation) {
      const fv = firstViolation as { config: number; threshold: number };
      opts.onProgress?.({
        claim: claim.id,
        phase: 'shrink',
        configsDone: list.length,
        configsTotal: list.length,
        trials: 0,
        elapsedMs: performance.now() - c0,
      });
      const search = { seed, numRuns: draws, examples };
      const cx = shrinkAndConfirm(claim, arb, claim.checks, search, 'main', fv.threshold, baseOpts, (p, t) => decideMemo(claim, claim.checks, p, t));
      if (cx && cx.confirmation.status === 'violated') {
        counterexample = cx;
      } else {
        status = 'inconclusive';
        reason = cx ? 'violation not confirmed on a fresh stream' : 'violation did not reproduce while shrinking';
        if (cx) counterexample = cx;
      }
    } else if (status === 'inconclusive' && !reason) {
      reason = 'budget exhausted inside the indifference region (evidence neither rejects nor establishes the bound)';
    }

    // Worst configuration's primary evidence summarises the claim.
    const totalTrials = configurations.reduce((s, c) => s + c.checks.reduce((t, k) => t + k.evidence.trials, 0), 0);
    const evidence: Evidence = worstConfigurationEvidence(configurations) ?? {
      test: 'none',
      alpha: perTest,
      trials: 0,
      estimate: NaN,
      ci: [NaN, NaN],
      pValue: 1,
    };

    const controls: ControlResult[] = opts.skipControls
      ? []
      : claim.controls.map((_, idx) => pre?.controls.get(indexKey(claim.id, idx)) ?? runControl(claim, idx, runPlan, decideMemo, opts.onProgress));

    const constants = claim.constants ? Object.fromEntries(claim.constants.filter((n) => opts.constants[n]).map((n) => [n, opts.constants[n]])) : undefined;
    const durationMs = list.reduce((s, c) => s + c.durationMs, 0) + (performance.now() - c0);
    opts.onProgress?.({
      claim: claim.id,
      phase: 'done',
      configsDone: list.length,
      configsTotal: list.length,
      trials: totalTrials,
      elapsedMs: durationMs,
      status,
    });
    return {
      id: claim.id,
      paper: claim.paper,
      kind: kindOf(claim),
      statement: claim.statement,
      status,
      reason,
      durationMs,
      hypotheses: claim.hypotheses.describe(profile),
      checks: claim.checks.map((c) => ({ name: c.name, kind: c.kind, describe: c.describe })),
      evidence,
      constants,
      configurations,
      counterexample,
      controls,
      figures: [...figures.values()],
      observational: claim.observational || undefined,
      knownFailure: claim.knownFailure,
      knownFailures: claim.knownFailures,
      skipped: claim.skip,
      coverage,
      ...(search ? { search } : {}),
      ...(excluded ? { excludedDesignRows: excluded.map((e) => e.reason) } : {}),
      notes: claim.notes,
    };
  });

  const results = decided.map(withUnexpected);
  return {
    schemaVersion: 1,
    tool: { name: 'robustness-proofs', version: opts.toolVersion ?? '0.1.0', ...(opts.toolSource ? { source: opts.toolSource } : {}) },
    profile,
    masterSeed,
    startedAt: started.toISOString(),
    durationMs: performance.now() - t0,
    environment: runEnvironment(),
    statistics: { alpha, beta, correction: 'holm', family },
    summary: summariseClaims(results),
    ...(opts.papers ? { papers: opts.papers.map(({ id, title, reference }) => ({ id, title, reference })) } : {}),
    shard: opts.shard,
    claims: results,
  };
}

/** Re-decide one configuration exactly as the run did (the `replay` command). */
export function replayDecision(
  claim: Claim<Params>,
  params: Params,
  o: {
    controlId?: string;
    stream: string;
    profile: Profile;
    masterSeed: number;
    alpha: number;
    threshold: number;
    beta?: number;
    constants: ConstantsTable;
    impl?: string;
  },
): { status: Status; outcomes: Array<{ check: string; status: Status; evidence: Evidence }> } {
  claim = runnableClaim(claim);
  const control = o.controlId ? claim.controls.find((c) => c.id === o.controlId) : undefined;
  if (o.controlId && !control)
    throw new RangeError(`replay: claim ${claim.id} has no control "${o.controlId}"; known: ${claim.controls.map((c) => c.id).join(', ')}`);
  const checks = control?.checks ?? claim.checks;
  const { outcomes } = decideConfiguration(claim, checks, params, o.stream, {
    masterSeed: o.masterSeed,
    profile: o.profile,
    alpha: o.alpha,
    beta: o.beta ?? 0.1,
    constants: o.constants,
    impl: o.impl,
  });
  const rows = outcomes.map((oc, i) => ({ check: checks[i].name, status: checkStatus(oc, oc.evidence.pValue <= o.threshold), evidence: oc.evidence }));
  return { status: rows.map((r) => r.status).reduce(worst, 'verified' as Status), outcomes: rows };
}
