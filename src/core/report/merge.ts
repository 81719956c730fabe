import { holm } from '../stats/holm.js';
import { worst } from '../claim/status.js';
import { mergeFigure } from '../claim/figureMerge.js';
import type { Figure, Status } from '../claim/types.js';
import { ReportError } from './load.js';
import { SCHEMA_VERSION, type ClaimResult, type ConfigurationResult, type ControlResult, type Report } from './schema.js';
import { withUnexpected } from './expectations.js';
import { resolutionOf } from './resolution.js';
import { controlWasRun, summariseClaims, worstConfigurationEvidence } from './summary.js';

/** Rows kept per figure when shards' figures are concatenated (the engine's cap per claim figure). */
const FIGURE_ROW_CAP = 5000;

export interface MergeOptions {
  /** Sources of the reports (paths), for error messages; default "report #i". */
  sources?: readonly string[];
  /** Accept an incomplete set of shards (some index of 1..N missing); the gaps are reported through `warn`. */
  allowPartial?: boolean;
  /** Receives what a reader of the merged report should know (partial shard set, per-shard α, demoted checks). Default: stderr. */
  warn?: (message: string) => void;
}

function fail(msg: string): never {
  throw new ReportError(`mergeReports: ${msg}`);
}

/** Check the inputs belong to one run: same schemaVersion, tool, seed, profile, α, β; shard indices distinct and complete. */
function checkCompatible(reports: readonly Report[], src: (i: number) => string, allowPartial: boolean, warnings: string[]): void {
  if (reports.length === 0) fail('needs at least one report');
  reports.forEach((r, i) => {
    if (r.schemaVersion !== SCHEMA_VERSION)
      fail(`${src(i)} has schemaVersion ${JSON.stringify(r.schemaVersion)}, this tool merges schemaVersion ${SCHEMA_VERSION} only`);
  });
  const first = reports[0];
  const same = (what: string, get: (r: Report) => unknown, why: string): void => {
    reports.forEach((r, i) => {
      if (get(r) !== get(first)) fail(`${src(i)} has ${what} ${JSON.stringify(get(r))} but ${src(0)} has ${what} ${JSON.stringify(get(first))}: ${why}`);
    });
  };
  same('masterSeed', (r) => r.masterSeed, 'shards of one run share the seed (rerun the shards with the same --seed)');
  same('profile', (r) => r.profile, 'shards of one run share the profile (rerun the shards with the same --profile)');
  same('statistics.alpha', (r) => r.statistics.alpha, 'Holm across the union needs one family-wise α');
  same('statistics.beta', (r) => r.statistics.beta, 'shards of one run share β');
  same('tool.name', (r) => r.tool.name, 'reports of different tools cannot be merged');
  same('tool.version', (r) => r.tool.version, 'shards must come from the same version of the suite');
  same(
    'tool.source',
    (r) => r.tool.source ?? null,
    'shards must be decided by the same source code (tool.source fingerprints src/ and the lockfile; check out one commit on every node)',
  );
  const sharded = reports.filter((r) => r.shard);
  if (sharded.length === 0) return;
  if (sharded.length !== reports.length)
    fail(
      `${src(reports.findIndex((r) => !r.shard))} is a whole run but ${src(reports.findIndex((r) => r.shard))} is a shard: merge the shards of one run only`,
    );
  same('shard.count', (r) => r.shard!.count, 'shards of one run share N in --shard i/N');
  const count = first.shard!.count;
  const seen = new Map<number, number>();
  reports.forEach((r, i) => {
    const j = seen.get(r.shard!.index);
    if (j !== undefined) fail(`${src(i)} and ${src(j)} are both shard ${r.shard!.index}/${count}`);
    seen.set(r.shard!.index, i);
  });
  const missing = Array.from({ length: count }, (_, i) => i + 1).filter((i) => !seen.has(i));
  if (missing.length > 0) {
    const msg = `shard(s) ${missing.join(', ')} of ${count} missing: the merged report covers only part of the run`;
    if (!allowPartial) fail(msg);
    warnings.push(msg);
  }
}

/** Union of controls by id: one that ran and came out violated, else one that ran, else the first. */
function mergeControls(parts: readonly ClaimResult[]): ControlResult[] {
  const byId = new Map<string, ControlResult>();
  const rank = (k: ControlResult): number => (controlWasRun(k) ? (k.status === 'violated' ? 2 : 1) : 0);
  for (const p of parts) {
    for (const k of p.controls) {
      const have = byId.get(k.id);
      if (!have || rank(k) > rank(have)) byId.set(k.id, k);
    }
  }
  return [...byId.values()];
}

/** Union of a claim's calibrated constants; shards that read different values (another constants.json) are reported. */
function mergeConstants(claimId: string, parts: readonly ClaimResult[], warnings: string[]): ClaimResult['constants'] {
  if (!parts.some((p) => p.constants)) return undefined;
  const out: NonNullable<ClaimResult['constants']> = {};
  for (const p of parts) {
    for (const [name, v] of Object.entries(p.constants ?? {})) {
      const have = out[name];
      if (!have) out[name] = v;
      else if (have.value !== v.value)
        warnings.push(
          `${claimId}: shards used different values of constant ${name} (${have.value} and ${v.value}): were they run on the same fixtures/constants.json?`,
        );
    }
  }
  return out;
}

/** Union of figures by id; the data of equal ids are concatenated (config indices offset per shard), capped at FIGURE_ROW_CAP rows. */
function mergeFigures(parts: readonly ClaimResult[]): Figure[] | undefined {
  const byId = new Map<string, Figure>();
  let offset = 0;
  for (const p of parts) {
    for (const f of p.figures ?? []) {
      const rows = f.data.map((r) => (typeof r.config === 'number' ? { ...r, config: r.config + offset } : r));
      byId.set(f.id, mergeFigure(byId.get(f.id), f, rows, FIGURE_ROW_CAP));
    }
    offset += p.configurations.length;
  }
  return parts.some((p) => p.figures) ? [...byId.values()] : undefined;
}

/**
 * Merge shard reports (`verify --shard i/N`) into one report with the statistics of one run.
 * Claims are the union (by id, in order of first appearance with shards in index order); a claim
 * split across shards gets the union of its configurations, controls (a control is violated if it
 * was in the shard that ran it) and figures. Holm is re-applied at the inputs' statistics.alpha across
 * the union of the gating claims' configuration × check p-values (observational claims at the
 * Bonferroni level α/m): a check violated in its shard but not rejected across the union becomes
 * inconclusive. A claim is violated when a configuration is and some shard confirmed a counterexample
 * on a fresh stream, else inconclusive; verified when every configuration is. Throws (ReportError)
 * on reports of another schemaVersion, seed, profile, α, β or tool version, duplicate shards, a
 * whole run mixed with shards, a claim present in two whole runs, or a missing shard (unless allowPartial).
 */
export function mergeReports(reports: readonly Report[], opts: MergeOptions = {}): Report {
  const src = (i: number): string => opts.sources?.[i] ?? `report #${i + 1}`;
  const warnings: string[] = [];
  checkCompatible(reports, src, !!opts.allowPartial, warnings);
  const order = reports.map((r, i) => ({ r, i })).sort((a, b) => (a.r.shard?.index ?? 0) - (b.r.shard?.index ?? 0) || a.i - b.i);
  const { alpha, beta } = reports[0].statistics;

  // Group claim parts by id.
  const groups = new Map<string, Array<{ claim: ClaimResult; from: number }>>();
  for (const { r, i } of order) {
    for (const c of r.claims) {
      const g = groups.get(c.id) ?? [];
      if (!r.shard && g.length > 0) fail(`claim ${c.id} appears in both ${src(g[0].from)} and ${src(i)}, which are not shards of one run`);
      g.push({ claim: c, from: i });
      groups.set(c.id, g);
    }
  }
  const merged = [...groups.values()].map((g) => ({ parts: g.map((x) => x.claim), configurations: g.flatMap((x) => x.claim.configurations) }));

  // Holm across the union of the gating family.
  const family: Array<{ cfg: ConfigurationResult; check: number }> = [];
  for (const m of merged) if (!m.parts[0].observational) for (const cfg of m.configurations) cfg.checks.forEach((_, k) => family.push({ cfg, check: k }));
  const pValues = family.map(({ cfg, check }) => {
    const p = cfg.checks[check].evidence.pValue;
    return p >= 0 && p <= 1 ? p : 1;
  });
  if (pValues.some((p, i) => p !== family[i].cfg.checks[family[i].check].evidence.pValue))
    warnings.push('some p-values were missing or outside [0, 1] and were taken as 1 (never rejected)');
  const h = holm(pValues, alpha);
  const perTest = alpha / Math.max(1, family.length);
  const verdict = new Map<ConfigurationResult['checks'][number], { rejected: boolean; threshold: number }>();
  family.forEach(({ cfg, check }, i) => verdict.set(cfg.checks[check], { rejected: h.rejected[i], threshold: h.thresholds[i] }));
  const familySizes = [...new Set(reports.map((r) => r.statistics.family))];
  if (reports.length > 1 && familySizes.some((f) => f !== family.length)) {
    warnings.push(
      `the shards decided their sequential tests at α/m with m = ${familySizes.join(', ')} (their own slice), the merged family has m = ${family.length}: ` +
        "Holm is re-applied across the union, but sequential stopping used the shards' levels",
    );
  }

  let demoted = 0;
  const claims: ClaimResult[] = merged.map(({ parts, configurations: raw }) => {
    const first = parts[0];
    let changed = false;
    const configurations = raw.map((cfg): ConfigurationResult => {
      const checks = cfg.checks.map((ch) => {
        const v = verdict.get(ch) ?? { rejected: ch.evidence.pValue <= perTest, threshold: perTest };
        let status: Status = ch.status;
        if (ch.status === 'violated' && !v.rejected) {
          status = 'inconclusive';
          changed = true;
          demoted++;
        } else if (ch.status !== 'violated' && v.rejected) {
          warnings.push(`${first.id}: check ${ch.name} is rejected across the merged family but was not in its shard; left ${ch.status} (no confirmation run)`);
        }
        const resolution = resolutionOf(ch.kind, status, ch.evidence);
        const { resolution: _old, ...rest } = ch;
        return { ...rest, status, holmThreshold: v.threshold, ...(resolution ? { resolution } : {}) };
      });
      return { ...cfg, checks, status: checks.map((c) => c.status).reduce(worst, 'verified' as Status) };
    });
    const withConfigs = parts.filter((p) => p.configurations.length > 0);
    const base: ClaimResult = {
      ...first,
      durationMs: parts.reduce((s, p) => s + p.durationMs, 0),
      configurations,
      controls: mergeControls(parts),
      figures: mergeFigures(parts),
      constants: mergeConstants(first.id, parts, warnings),
    };
    if (withConfigs.length === 0) return base;
    let status: Status = configurations.map((c) => c.status).reduce(worst, 'verified' as Status);
    let reason: string | undefined;
    const confirmed = withConfigs.find((p) => p.status === 'violated' && p.counterexample?.confirmation.status === 'violated')?.counterexample;
    let counterexample = confirmed ?? withConfigs.find((p) => p.counterexample)?.counterexample;
    if (status === 'violated' && !confirmed) {
      status = 'inconclusive';
      reason = withConfigs.find((p) => p.reason && p.status === 'inconclusive' && p.counterexample)?.reason ?? 'violation not confirmed on a fresh stream';
    } else if (status === 'inconclusive') {
      reason = changed
        ? `violated in its shard but not rejected by Holm across the merged family (${family.length} tests at α = ${alpha})`
        : withConfigs.find((p) => p.status === 'inconclusive' && p.reason)?.reason;
    } else if (status === 'verified') {
      counterexample = undefined;
    }
    const evidence = worstConfigurationEvidence(configurations) ?? first.evidence;
    return withUnexpected({ ...base, status, reason, counterexample, evidence });
  });
  if (demoted > 0) warnings.push(`${demoted} check(s) violated in a shard are not rejected across the merged family`);

  // Paper headings: the union over the shards, in the order they first appear.
  const papers: NonNullable<Report['papers']> = [];
  for (const r of reports) for (const p of r.papers ?? []) if (!papers.some((q) => q.id === p.id)) papers.push(p);
  const report: Report = {
    schemaVersion: SCHEMA_VERSION,
    tool: reports[0].tool,
    profile: reports[0].profile,
    masterSeed: reports[0].masterSeed,
    startedAt: reports.map((r) => r.startedAt).sort()[0],
    durationMs: Math.max(...reports.map((r) => r.durationMs)),
    environment: reports[0].environment,
    statistics: { alpha, beta, correction: 'holm', family: family.length },
    summary: summariseClaims(claims),
    ...(papers.length > 0 ? { papers } : {}),
    claims,
    ...(reports[0].notRun ? { notRun: reports[0].notRun } : {}),
  };
  const warn = opts.warn ?? ((m: string) => process.stderr.write(`mergeReports: warning: ${m}\n`));
  for (const w of warnings) warn(w);
  return report;
}
