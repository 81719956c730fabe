import type fc from 'fast-check';
import type { Stream } from '../random/stream.js';

/** Trial budgets. `standard` is the `npm test` gate; `paper` the slides' experiment sizes. */
export type Profile = 'smoke' | 'standard' | 'paper';
export const PROFILES: readonly Profile[] = ['smoke', 'standard', 'paper'];

export type Status = 'verified' | 'violated' | 'inconclusive';
/**
 * A paper's id (`definePaper({ id })`, e.g. "bubeck"). The core knows no paper: the list of papers
 * is src/papers/index.ts, and the literal union of their ids is `PaperId` there.
 */
export type Paper = string;

/** A configuration: flat, JSON-serialisable parameters (so it can be replayed from the command line). */
export type Params = Record<string, number | string | boolean>;

/** Statistical evidence for one decision (report.json `evidence`). */
export interface Evidence {
  /** Name of the test, e.g. "SPRT (Wald) + Clopper–Pearson", "z-test on Monte-Carlo mean", "OLS slope t-interval", "exact check". */
  test: string;
  /** Per-test false-alarm level the decision used (after multiple-testing correction). */
  alpha: number;
  beta?: number;
  /** Indifference δ of the test (absolute, in the units of `estimate`). */
  delta?: number;
  trials: number;
  successes?: number;
  estimate: number;
  /** 95% interval for `estimate` (Clopper–Pearson for proportions). */
  ci: [number, number];
  /** The value or bound the claim states (p0 for probability claims, the exact value for identities). */
  target?: number;
  /** For a bound on a probability: P ≤ target (`at-most`, e.g. a false-alarm rate) instead of P ≥ target; absent means at-least. */
  direction?: 'at-least' | 'at-most';
  slope?: { value: number; ci: [number, number]; range: [number, number] };
  /** p-value for H0 "the claim holds here" (anytime-valid for sequential tests); Holm uses it. */
  pValue: number;
  /** Extra measured quantities worth printing (e.g. max η_min, KKT residual). */
  measured?: Record<string, number>;
  note?: string;
}

/** A point of a theory curve; `y2` (optional) makes the curve a band from y to y2 (e.g. a bracket of the law). */
export interface CurvePoint {
  x: number;
  y: number;
  y2?: number;
}

/**
 * A theory curve drawn beside a figure's data: what the paper states (e.g. √d, c·√(d/n), ε²√d), in a
 * dashed style with its label in the legend. Curves of equal `label` and `facet` from several
 * configurations (or shards) are one curve: their points are concatenated and drawn sorted by x.
 */
export interface FigureCurve {
  /** Legend label with the formula and the constant's source, e.g. "√d (Vardi Thm 4.1)". */
  label: string;
  points: CurvePoint[];
  /** The panel the curve belongs to (a value of `Figure.facet`); absent: drawn in every panel. */
  facet?: string | number;
}

/** A reference line: {x: 1} is a vertical line at x = 1 (η = 1), {y: c} a horizontal one (a bound). */
export interface FigureRule {
  x?: number;
  y?: number;
  label?: string;
  /** The panel the rule belongs to (a value of `Figure.facet`); absent: drawn in every panel. */
  facet?: string | number;
}

/** A figure's data, rendered by the report (vega-lite spec built from `data`). */
export interface Figure {
  id: string;
  title: string;
  /** Suggested encoding: "histogram" | "scatter" | "line" | "table" … with field names. */
  mark?: string;
  x?: string;
  y?: string;
  color?: string;
  /** One panel per value of this field (e.g. "variant", "ε"), sharing the axes' scales. */
  facet?: string;
  /** The panels' order (values of `facet`); values not listed follow, numbers ascending, labels as they come. */
  facetOrder?: Array<string | number>;
  /** Axis titles with units, e.g. "dimension d", "‖δ‖ (ℓ2)"; default: the field names. */
  xTitle?: string;
  yTitle?: string;
  logX?: boolean;
  logY?: boolean;
  /** The x range drawn (histograms: the binned range); rows outside it are counted in the caption, not drawn. */
  xDomain?: [number, number];
  /** Histograms: the bin width (e.g. the grid step of a quantity measured on a grid); default: at most 40 round bins. */
  binStep?: number;
  /** Reference lines or values to draw (e.g. {x: 1} for η = 1). */
  rules?: FigureRule[];
  /** Theory curves drawn beside the data (dashed, labelled in the legend). */
  curves?: FigureCurve[];
  /** Caption text after the title: the formula, the constant's source (calibrated or fitted), the units. */
  caption?: string;
  /**
   * The slides' figure this one reproduces (e.g. "Vardi et al., figure (a)"): the HTML report draws such
   * figures in its paper's "Figures" section (the claim's section links there); others stay with the claim.
   */
  slides?: string;
  data: Array<Record<string, number | string | boolean | null>>;
}

/** What a check returns for one configuration. `violated` is decided by the engine from pValue (Holm). */
export interface CheckOutcome {
  /** Evidence with pValue; the engine rejects when pValue ≤ the Holm threshold. */
  evidence: Evidence;
  /** If not rejected: is the evidence strong enough to call the claim verified (else inconclusive)? */
  sufficient: boolean;
  /** The check's own sequential test already rejected at ctx.alpha (SPRT crossing, failed exact check). */
  rejectedEarly?: boolean;
  figures?: Figure[];
}

/** A calibrated universal constant (fixtures/constants.json). */
export interface ConstantValue {
  value: number;
  ci: [number, number];
  calibratedOn: { seed: string; profile: Profile; method: string; date?: string };
  description?: string;
}
export type ConstantsTable = Record<string, ConstantValue>;

/**
 * Trial budget of one claim at one profile: a closed type (every field is documented here, with its
 * default). Sizes that only one claim uses are declared by the claim (`Claim.sizes`) and given in
 * `sizes`; the registry checks that every profile gives exactly the declared ones.
 */
export interface Budget {
  /** Configurations drawn from the hypotheses (the gate's breadth). */
  configurations: number;
  /** Trial cap per configuration (sequential tests may stop earlier). */
  trials: number;
  /**
   * Configurations tried per control (the control must be violated on at least one; fast-check shrinks it).
   * @defaultValue 3
   */
  controlConfigurations?: number;
  /**
   * Candidates decided while shrinking one counterexample: a count, not a time, so reports are machine-independent.
   * @defaultValue 40
   */
  shrinkCalls?: number;
  /**
   * Independent repetitions of a whole experiment (e.g. per grid point of a scaling check, or
   * per estimate of a slope); each check that reads it states its own fallback when it is absent.
   */
  replicates?: number;
  /**
   * Run every one of `trials` (no sequential stopping): the paper profile's experiment sizes.
   * @defaultValue false
   */
  fixedSample?: boolean;
  /**
   * Threshold checks: also bisect for the threshold itself (reported), beyond the bound probes that decide.
   * @defaultValue true
   */
  bisect?: boolean;
  /**
   * Coverage by design (when the run plans by design and the claim declares a space): `pairs` every pair
   * of choices of every two factors (a strength-2 covering array; the full factorial when it has ≤ 16
   * points), `levels` every level, row and range end at least once, `none` random draws only (state why in
   * the claim's notes: the report's coverage table then shows what was left untested).
   * @defaultValue 'pairs'
   */
  design?: 'pairs' | 'levels' | 'none';
  /**
   * Targeted worst-case search (with coverage by design): every planned configuration is decided on a
   * pilot stream with `pilotTrials` trials (fixed sample), then a hill climb from the `starts` lowest
   * margins moves one parameter at a time towards lower margin, at most `steps` moves; the `picks`
   * worst configurations found are then decided on the main (fresh) stream with the full budget, inside
   * the Holm family.
   * @defaultValue none (no search); `starts` 3, `picks` 1 when `search` is given
   */
  search?: { pilotTrials: number; steps: number; starts?: number; picks?: number };
  /** Claim-specific sizes, exactly the names the claim declares in `Claim.sizes`. */
  sizes?: Readonly<Record<string, number>>;
  /**
   * The claim states its own time at this profile, beyond the run's time budget (15 minutes for `paper` on a
   * 2-core machine): the CPU-seconds it takes, and how that was measured. `verify` then leaves it out unless asked
   * (`--long`, or `--only` naming its id), prints so at the start, and the report lists it under "not run" with this
   * time and the command that runs it: never silently dropped.
   * @defaultValue none (the claim runs with the others)
   */
  statedTime?: { cpuSeconds: number; measured: string };
}

/** The defaults of the optional `Budget` fields (written once; the TSDoc of `Budget` states them). */
export const BUDGET_DEFAULTS = { controlConfigurations: 3, shrinkCalls: 40 } as const;

export interface DecisionContext {
  /** Stream of this configuration's decision; use rng.child('trial', t) per trial so trials replay alone. */
  rng: Stream;
  /** Per-test α for the check's own sequential stopping (Bonferroni α/m of the run). */
  alpha: number;
  beta: number;
  budget: Budget;
  profile: Profile;
  constants: ConstantsTable;
  /** Report progress (trials done so far in this configuration). */
  progress: (trialsDone: number) => void;
  /** Name of a net implementation override (e.g. a deliberately broken one), if the run asked for it. */
  impl?: string;
  /**
   * The configuration's one experiment, shared by all its checks: trial t of `run` on the stream
   * `<decision>/experiment/trial:t` is computed once per configuration and handed to every check that
   * asks for it (one η sample set, many statistics). See `sharedTrial` in src/core/checks/experiment.ts.
   */
  experiment?: { trial<R>(key: string, t: number, run: (rng: Stream) => R): R };
}

/** One kinded decision of a claim, built by the helpers in src/core/checks/. */
export interface Check<P extends Params = Params> {
  kind: 'probability' | 'identity' | 'deterministic' | 'scaling' | 'threshold';
  name: string;
  /** One-line formula of what is tested (goes into the report). */
  describe: string;
  decide(params: P, ctx: DecisionContext): CheckOutcome;
}

/** Hypotheses of a claim: a fast-check arbitrary of configurations inside them, and a validator. */
export interface Hypotheses<P extends Params = Params> {
  /** Human-readable ranges tested, e.g. { d: "[64, 512]", activation: "tanh | softplus" } (report `hypotheses`). */
  describe: (profile: Profile) => Record<string, string>;
  /** Configurations inside the hypotheses; regimes may depend on calibrated constants (e.g. k ≥ C1 log³(1/γ)). */
  arbitrary: (profile: Profile, constants: ConstantsTable) => fc.Arbitrary<P>;
  /** Returns null when p satisfies the hypotheses, else the reason (names the parameter, value and range). */
  validate(p: P, constants: ConstantsTable): string | null;
}

/** A negative control: a broken variant that the suite must report violated. */
export interface Control<P extends Params = Params> {
  id: string;
  description: string;
  /** Configurations of the control: usually the claim's arbitrary with some params overridden. */
  arbitrary: (profile: Profile, constants: ConstantsTable) => fc.Arbitrary<P>;
  /** Checks to run (default: the claim's checks). */
  checks?: Check<P>[];
}

/** A calibration: estimates a constant on the calibration stream. */
export interface Calibration {
  name: string;
  description: string;
  estimate: (rng: Stream, profile: Profile, constants: ConstantsTable) => { value: number; ci: [number, number]; method: string };
}

export interface Claim<P extends Params = Params> {
  /** Stable id, e.g. "bubeck.one-step-flip". */
  id: string;
  paper: Paper;
  /** The statement as tested, with its formula. */
  statement: string;
  hypotheses: Hypotheses<P>;
  checks: Check<P>[];
  controls: Control<P>[];
  profiles: Record<Profile, Budget>;
  /** Names of calibrated constants the checks read from ctx.constants. */
  constants?: string[];
  calibrations?: Calibration[];
  /** Observations (reported, never gating): e.g. the Vardi experiment beyond the hypothesis. */
  observational?: boolean;
  /**
   * A recorded known failure (scikit-learn's `expected_failed_checks`): the claim, as we read it,
   * does not hold in this implementation/data, for the stated reason. The gate then requires exactly
   * this status (a change either way is noticed) and the report lists the reason; never silently passed.
   */
  knownFailure?: KnownFailure;
  /**
   * Recorded known failures of single checks (by check name) or controls (by control id), like
   * scikit-learn's `expected_failed_checks`: the gate expects the recorded status of that check
   * (instead of `verified`) or control (instead of `violated`); anything else, including a known
   * failure that now comes out as the theorem says, is an unmet expectation that fails `verify`.
   */
  knownFailures?: { checks?: Readonly<Record<string, KnownFailure>>; controls?: Readonly<Record<string, KnownControlFailure>> };
  /** Checks (by name) or controls (by id) not run, each with its reason: listed in every report, never silently dropped. */
  skip?: { checks?: Readonly<Record<string, string>>; controls?: Readonly<Record<string, string>> };
  /**
   * Configurations always run at `profile` (with coverage by design): e.g. the slides' own setting of an
   * experiment. Values left out take the first level or minimum; each must lie in the profile's space.
   */
  canonical?(profile: Profile): ReadonlyArray<Partial<P>>;
  /** Names of the claim-specific budget sizes (`Budget.sizes`) every profile must give, e.g. ["ksDraws"]. */
  sizes?: readonly string[];
  /** Why a reading was chosen, known limitations (goes into the report). */
  notes?: string;
}

/** A recorded known failure: the status the gate expects instead of the theorem's, and why. */
export interface KnownFailure {
  status: 'violated' | 'inconclusive';
  reason: string;
}

/** A recorded known failure of a negative control: it is not violated (the broken variant passes), and why. */
export interface KnownControlFailure {
  status: 'verified' | 'inconclusive';
  reason: string;
}
