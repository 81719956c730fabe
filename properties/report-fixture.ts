/**
 * Synthetic reports for the report tests (and `npm run test:browser -- --synthetic`).
 * `buildReport` is a miniature of the engine's bookkeeping: Holm across the gating
 * configuration × check p-values, check status violated / verified (p > 0.2) / inconclusive,
 * configuration and claim status the worst of their parts, a violated claim needs a confirmed
 * counterexample. `shardSpecs` slices specs the way `verify --shard i/N` does.
 */
import { Stream } from '../src/core/random/stream.js';
import type { ClaimResult, ConfigurationResult, ControlResult, Report } from '../src/core/report/schema.js';
import { summariseClaims, worstConfigurationEvidence } from '../src/core/report/summary.js';
import { holm } from '../src/core/stats/holm.js';
import { worst } from '../src/core/claim/status.js';
import type { Evidence, Figure, Paper, Params, Profile, Status } from '../src/core/claim/types.js';

export interface ClaimSpec {
  id: string;
  paper: Paper;
  kind: string;
  statement: string;
  observational?: boolean;
  /** One entry per configuration: its params and one p-value per check. */
  configs: Array<{ params: Params; p: number[] }>;
  checkNames?: string[];
  /** Does a violation confirm on a fresh stream (default true)? */
  confirms?: boolean;
  controls?: Array<{ id: string; status: Status; notRun?: boolean }>;
  constants?: Record<string, { value: number; ci: [number, number] }>;
  figures?: Figure[];
  notes?: string;
}

export interface BuildOptions {
  alpha?: number;
  profile?: Profile;
  seed?: number;
  shard?: { index: number; count: number };
}

/** Evidence of a probability check with the given p-value (estimate and interval derived from it, deterministic). */
function evidenceFor(p: number, over: Partial<Evidence> = {}): Evidence {
  const estimate = Math.min(1, 0.9 + 0.1 * p);
  return {
    test: 'Wald SPRT (H0: p = p0 vs H1: p = p0 − δ) + Clopper–Pearson',
    alpha: 1e-4,
    beta: 0.1,
    delta: 0.05,
    trials: 200,
    successes: Math.round(200 * estimate),
    estimate,
    ci: [Math.max(0, estimate - 0.04), Math.min(1, estimate + 0.03)],
    target: 0.95,
    pValue: p,
    note: 'SPRT continue after 200 of 200 trials',
    ...over,
  };
}

const checkStatus = (rejected: boolean, p: number): Status => (rejected ? 'violated' : p > 0.2 ? 'verified' : 'inconclusive');

function controlResult(claimId: string, c: { id: string; status: Status; notRun?: boolean }): ControlResult {
  if (c.notRun) return { id: c.id, description: `control ${c.id}`, params: {}, expected: 'violated', status: 'inconclusive', durationMs: 0 };
  const params = { d: 64, k: 64, broken: c.id };
  const ev = evidenceFor(c.status === 'violated' ? 1e-9 : 0.6);
  return {
    id: c.id,
    description: `broken variant ${c.id} of ${claimId}`,
    params,
    expected: 'violated',
    status: c.status,
    evidence: ev,
    counterexample:
      c.status === 'violated'
        ? {
            params,
            seed: 7,
            path: '0:1',
            shrinks: 2,
            replay: `npx tsx scripts/cli.ts replay --claim ${claimId} --control ${c.id} --params '{"d":64}'`,
            confirmation: { status: 'violated', evidence: ev },
            check: 'main',
          }
        : undefined,
    durationMs: 120,
  };
}

/** A report from claim specs, with statuses decided as the engine decides them. */
export function buildReport(specs: readonly ClaimSpec[], opts: BuildOptions = {}): Report {
  const alpha = opts.alpha ?? 0.01;
  const fam: Array<{ c: number; k: number; j: number; p: number }> = [];
  specs.forEach((s, c) => {
    if (!s.observational) s.configs.forEach((cfg, k) => cfg.p.forEach((p, j) => fam.push({ c, k, j, p })));
  });
  const h = holm(
    fam.map((e) => e.p),
    alpha,
  );
  const perTest = alpha / Math.max(1, fam.length);
  const verdict = new Map(fam.map((e, i) => [`${e.c}#${e.k}#${e.j}`, { rejected: h.rejected[i], threshold: h.thresholds[i] }]));
  const claims: ClaimResult[] = specs.map((s, c) => {
    const names = s.checkNames ?? (s.configs[0]?.p ?? [0]).map((_, j) => (j === 0 ? 'main' : `check${j}`));
    const configurations: ConfigurationResult[] = s.configs.map((cfg, k) => {
      const checks = cfg.p.map((p, j) => {
        const v = verdict.get(`${c}#${k}#${j}`) ?? { rejected: p <= perTest, threshold: perTest };
        return { name: names[j], kind: 'probability', status: checkStatus(v.rejected, p), evidence: evidenceFor(p), holmThreshold: v.threshold };
      });
      return {
        params: cfg.params,
        status: checks.map((x) => x.status).reduce(worst, 'verified' as Status),
        checks,
        evidence: checks[0].evidence,
        durationMs: 40 + k,
      };
    });
    let status: Status = configurations.map((x) => x.status).reduce(worst, 'verified' as Status);
    let reason: string | undefined;
    let counterexample: ClaimResult['counterexample'];
    if (configurations.length === 0) {
      status = 'inconclusive';
      reason = 'no configuration of this claim in this shard';
    } else if (status === 'violated') {
      const bad = configurations.find((x) => x.status === 'violated')!;
      const confirms = s.confirms ?? true;
      counterexample = {
        params: bad.params,
        seed: 12345,
        path: '0:0:1',
        shrinks: 3,
        replay: `npx tsx scripts/cli.ts replay --claim ${s.id} --profile standard --seed 1 --stream 'main' --params '${JSON.stringify(bad.params)}'`,
        confirmation: { status: confirms ? 'violated' : 'verified', evidence: evidenceFor(confirms ? 1e-7 : 0.5) },
        check: names[0],
      };
      if (!confirms) {
        status = 'inconclusive';
        reason = 'violation not confirmed on a fresh stream';
      }
    } else if (status === 'inconclusive') {
      reason = 'budget exhausted inside the indifference region (evidence neither rejects nor establishes the bound)';
    }
    const evidence = worstConfigurationEvidence(configurations) ?? { test: 'none', alpha: perTest, trials: 0, estimate: NaN, ci: [NaN, NaN], pValue: 1 };
    return {
      id: s.id,
      paper: s.paper,
      kind: s.kind,
      statement: s.statement,
      status,
      reason,
      durationMs: 100 * (c + 1) + configurations.length,
      hypotheses: { d: '[16, 256]', k: '[16, 256]', activation: 'tanh | softplus' },
      checks: names.map((n) => ({ name: n, kind: 'probability', describe: `${n}: P(event) ≥ 0.95` })),
      evidence,
      constants: s.constants
        ? Object.fromEntries(
            Object.entries(s.constants).map(([n, v]) => [n, { ...v, calibratedOn: { seed: 'calibration/1', profile: 'standard', method: 'synthetic' } }]),
          )
        : undefined,
      configurations,
      counterexample,
      controls: (s.controls ?? []).map((k) => controlResult(s.id, k)),
      figures: s.figures,
      observational: s.observational || undefined,
      notes: s.notes,
    };
  });
  return {
    schemaVersion: 1,
    tool: { name: 'robustness-proofs', version: '0.1.0' },
    profile: opts.profile ?? 'standard',
    masterSeed: opts.seed ?? 20261125,
    startedAt: '2026-11-25T12:00:00.000Z',
    durationMs: 98765,
    environment: { node: 'v20.20.2', platform: 'linux-x64', cpus: 2 },
    statistics: { alpha, beta: 0.1, correction: 'holm', family: fam.length },
    summary: summariseClaims(claims),
    shard: opts.shard,
    claims,
  };
}

/** Slice specs like `--shard i/N`: configuration with global index g goes to shard g mod N; controls likewise; figures stay with the shard of the claim's first configuration. */
export function shardSpecs(specs: readonly ClaimSpec[], count: number): ClaimSpec[][] {
  let g = 0;
  const assign = specs.map((s) => s.configs.map(() => g++ % count));
  let h = 0;
  const ctl = specs.map((s) => (s.controls ?? []).map(() => h++ % count));
  return Array.from({ length: count }, (_, i) =>
    specs.map((s, c) => ({
      ...s,
      configs: s.configs.filter((_, k) => assign[c][k] === i),
      controls: (s.controls ?? []).map((k, j) => (ctl[c][j] === i ? k : { ...k, notRun: true })),
      figures: assign[c][0] === i ? s.figures : undefined,
    })),
  );
}

function cfgs(n: number, p: (i: number) => number[], extra: (i: number) => Params = () => ({})): Array<{ params: Params; p: number[] }> {
  return Array.from({ length: n }, (_, i) => ({ params: { d: 32 * (i + 1), k: 64 + 16 * i, activation: i % 2 ? 'softplus' : 'tanh', ...extra(i) }, p: p(i) }));
}

/** Figures of the kinds the issue lists, with data drawn from a fixed stream. */
function syntheticFigures(): Record<string, Figure[]> {
  const rng = new Stream('report-fixture');
  const variants = ['tanh', 'softplus', 'ReLU', 'Gaussian a'];
  const eta = Array.from({ length: 400 }, (_, i) => ({ eta_rel: Math.exp(0.08 * rng.normal()) * (rng.uniform() < 0.03 ? 1.8 : 1), variant: variants[i % 4] }));
  const grad = ['tanh', 'softplus'].flatMap((a) =>
    Array.from({ length: 300 }, () => ({ activation: a, 'grad_norm²': (a === 'tanh' ? 0.61 : 0.29) * (1 + 0.12 * rng.normal()) })),
  );
  const dims = [16, 32, 64, 128, 256, 512, 1024];
  const vardi = dims.flatMap((d) => [
    { d, value: 0.9 * Math.sqrt(d) ** 0.5 * (1 + 0.05 * rng.normal()), series: 'max η_min (attack)' },
    { d, value: 0.5 * Math.sqrt(d) * (1 + 0.02 * rng.normal()), series: 'certified robust radius' },
  ]);
  const kkt = ['exp', 'logistic'].flatMap((loss) =>
    [1e-5, 1e-10, 1e-20, 1e-30].map((L, i) => ({
      loss_checkpoint: L,
      kkt_residual: ((loss === 'exp' ? 0.4 : 0.5) / Math.sqrt(1 + 2 * i)) * (1 + 0.05 * rng.normal()),
      loss,
    })),
  );
  const ns = [10, 20, 40, 80, 160, 320, 640];
  const schmidt = ns.flatMap((n) => [
    { n, error: 0.5 * Math.exp(-n / 60), kind: 'standard' },
    { n, error: Math.min(0.5, 0.5 * Math.exp(-n / 400)), kind: 'robust (ε = 0.1)' },
  ]);
  const nstar = [16, 32, 64, 128, 256].flatMap((d) => [
    ...[0, 1, 2].map((j) => ({ d, n_star: 2.1 * Math.sqrt(d) * Math.exp(0.1 * rng.normal()), eps: j === 0 ? 0.25 : 0.1 })),
  ]);
  const mnist = [
    { model: 'linear, standard training', eps: 0.1, standard_accuracy: 0.92, robust_accuracy: 0.0 },
    { model: 'binarised (threshold 0.5)', eps: 0.1, standard_accuracy: 0.913, robust_accuracy: 0.903 },
    { model: 'binarised (threshold 0.5)', eps: 0.3, standard_accuracy: 0.913, robust_accuracy: 0.871 },
  ];
  return {
    eta: [
      {
        id: 'eta-rel',
        title: 'η_rel over nets × inputs, with the flip point η = 1 of the linearisation',
        mark: 'histogram',
        x: 'eta_rel',
        facet: 'variant',
        facetOrder: variants,
        slides: 'Bubeck et al., the η_rel experiment',
        rules: [{ x: 1, label: 'η = 1' }],
        data: eta,
      },
    ],
    grad: [
      {
        id: 'grad-norm',
        title: '‖∇f(x)‖² against E σ′(z)² (dashed: ½ E σ′(z)² bound for tanh)',
        mark: 'histogram',
        x: 'grad_norm²',
        color: 'activation',
        rules: [{ x: 0.305, label: '½ E tanh′(z)²' }],
        data: grad,
      },
    ],
    vardi: [
      {
        id: 'eta-min-vs-d',
        title: 'Vardi: max η_min against d, with √d and the certified robust radius',
        mark: 'line',
        x: 'd',
        y: 'value',
        color: 'series',
        logX: true,
        logY: true,
        slides: 'Vardi et al., figure (a)',
        caption: 'The bound $C\\sqrt{d/(c^2 n)}$ with $C$ calibrated.',
        curves: [
          { label: '√d', points: dims.map((d) => ({ x: d, y: Math.sqrt(d) })) },
          { label: 'C·√(d/(c²n))', points: dims.map((d) => ({ x: d, y: 1.4 * Math.sqrt(d / Math.max(2, Math.sqrt(d) / Math.log(d))) })) },
        ],
        data: vardi,
      },
    ],
    kkt: [
      {
        id: 'kkt',
        title: 'KKT residual against loss checkpoint',
        mark: 'line',
        x: 'loss_checkpoint',
        y: 'kkt_residual',
        color: 'loss',
        logX: true,
        logY: true,
        rules: [{ y: 0.15, label: 'threshold 0.15' }],
        data: kkt,
      },
    ],
    schmidt: [
      { id: 'errors-vs-n', title: 'Schmidt: robust and standard error against n', mark: 'line', x: 'n', y: 'error', color: 'kind', logX: true, data: schmidt },
    ],
    nstar: [
      {
        id: 'nstar-vs-d',
        title: 'n* against d (log-log), fitted slope 0.50 [0.44, 0.57]',
        mark: 'scatter',
        x: 'd',
        y: 'n_star',
        logX: true,
        logY: true,
        facet: 'eps',
        slides: 'Schmidt et al., eq. (17)',
        curves: [0.25, 0.1].flatMap((eps) => [
          {
            label: 'bracket',
            facet: eps,
            points: [16, 256].map((d) => ({ x: d, y: (eps * eps * Math.sqrt(d)) / Math.log(d), y2: 40 * eps * eps * Math.sqrt(d) })),
          },
          { label: 'ε²√d', facet: eps, points: [16, 256].map((d) => ({ x: d, y: 8 * eps * eps * Math.sqrt(d) })) },
        ]),
        data: nstar,
      },
    ],
    mnist: [{ id: 'mnist-table', title: 'MNIST: standard vs robust accuracy', mark: 'table', data: mnist }],
  };
}

/** Claim specs covering every status, kind of figure, an observational claim, controls and constants. */
export function syntheticSpecs(): ClaimSpec[] {
  const f = syntheticFigures();
  return [
    {
      id: 'bubeck.eta-experiment',
      paper: 'bubeck',
      kind: 'probability',
      statement: 'median η_rel ∈ [0.9, 1.25] and P(η_rel ≤ 2) ≥ 0.95',
      configs: cfgs(3, () => [0.7, 0.8]),
      checkNames: ['median', 'tail'],
      controls: [{ id: 'linear-eta', status: 'violated' }],
      figures: f.eta,
    },
    {
      id: 'bubeck.gradient-lower-bound',
      paper: 'bubeck',
      kind: 'probability',
      statement: '‖∇f(x)‖² ≥ ½ E σ′(z)² with prob ≥ 1−γ',
      configs: cfgs(4, (i) => [0.5 + 0.1 * i]),
      controls: [{ id: 'constant-sigma', status: 'violated' }],
      figures: f.grad,
      constants: { C2: { value: 1.8, ci: [1.5, 2.2] } },
    },
    {
      id: 'bubeck.one-step-flip',
      paper: 'bubeck',
      kind: 'probability',
      statement: 'sign f(x + η∇f(x)) ≠ sign f(x) with prob ≥ 1−γ',
      configs: cfgs(
        4,
        (i) => [i === 2 ? 1e-9 : 0.9],
        (i) => ({ gamma: 0.05 + 0.01 * i }),
      ),
      controls: [
        { id: 'wrong-sign', status: 'violated' },
        { id: 'tiny-step', status: 'violated' },
      ],
      constants: { C3: { value: 1.1, ci: [0.9, 1.3] } },
    },
    {
      id: 'vardi.small-perturbation-scaling',
      paper: 'vardi',
      kind: 'scaling',
      statement: 'max η_min grows like d^{1/4} ≪ √d',
      configs: cfgs(2, () => [0.6]),
      figures: f.vardi,
    },
    {
      id: 'vardi.kkt-convergence',
      paper: 'vardi',
      kind: 'probability',
      statement: 'KKT residual ≤ 0.15 once L ≤ 1e-30 <with> "markup" & such',
      configs: cfgs(2, () => [0.05]),
      controls: [{ id: 'no-training', status: 'violated' }],
      figures: f.kkt,
    },
    {
      id: 'vardi.eta-experiment',
      paper: 'vardi',
      kind: 'probability',
      statement: 'beyond the hypothesis: η_min ≪ √d at d ≫ n',
      observational: true,
      configs: cfgs(1, () => [1e-12]),
      notes: 'Observation only: the theorem does not cover d ≫ n.',
    },
    {
      id: 'schmidt.gaussian-robust-upper',
      paper: 'schmidt',
      kind: 'probability',
      statement: 'robust error ≤ bound for n ≥ c ε² √d',
      configs: cfgs(3, () => [0.9]),
      figures: f.schmidt,
    },
    {
      id: 'schmidt.sample-complexity-law',
      paper: 'schmidt',
      kind: 'scaling',
      statement: 'n* ∝ √d: log-log slope within [0.4, 0.6]',
      configs: cfgs(2, () => [0.75]),
      figures: f.nstar,
    },
    {
      id: 'schmidt.mnist-thresholding',
      paper: 'schmidt',
      kind: 'deterministic',
      statement: 'thresholding at 0.5 keeps robust accuracy ≥ 0.85 at ε = 0.3',
      configs: cfgs(1, () => [0.95]),
      figures: f.mnist,
    },
  ];
}

/** The default synthetic report. */
export function syntheticReport(opts: BuildOptions = {}): Report {
  return buildReport(syntheticSpecs(), opts);
}

/** A deep copy (structuredClone keeps NaN). */
export function clone<T>(x: T): T {
  return structuredClone(x);
}
