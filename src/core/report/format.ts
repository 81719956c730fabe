import type { Evidence, Paper, Params, Status } from '../claim/types.js';
import type { ClaimResult, Report } from './schema.js';

/** The heading of paper `id`: its title from the report's `papers`, else the id itself. */
export function paperTitle(papers: Report['papers'], id: Paper): string {
  return papers?.find((p) => p.id === id)?.title ?? id;
}

/** One-character status mark for plain-text and Markdown renderers. */
export const STATUS_MARK: Record<Status, string> = { verified: '✅', violated: '❌', inconclusive: '⚠️' };

/**
 * A number with `digits` significant digits: integers below 10⁶ as is, |x| ≥ 10⁵ or < 10⁻³ in
 * exponent form (1.00e-30), NaN/null (JSON's rendering of NaN) as "—", ±Infinity as ±∞.
 */
export function formatNumber(x: number | null | undefined, digits = 3): string {
  if (x === null || x === undefined || Number.isNaN(x)) return '—';
  if (!Number.isFinite(x)) return x > 0 ? '∞' : '−∞';
  if (x === 0) return '0';
  const a = Math.abs(x);
  if (Number.isInteger(x) && a < 1e6) return String(x);
  if (a >= 1e5 || a < 1e-3) return x.toExponential(digits - 1);
  return String(Number(x.toPrecision(digits)));
}

/** "[lo, hi]" with formatNumber on both ends. */
export function formatInterval(ci: readonly [number, number] | undefined): string {
  if (!ci) return '';
  return `[${formatNumber(ci[0])}, ${formatNumber(ci[1])}]`;
}

/** "estimate [lo, hi]" (the slope when the evidence is a slope fit). */
export function formatEstimate(e: Evidence): string {
  if (e.slope) return `slope ${formatNumber(e.slope.value)} ${formatInterval(e.slope.ci)}`;
  return `${formatNumber(e.estimate)} ${formatInterval(e.ci)}`;
}

/** What the estimate is compared with: "≥ 0.99" style target or the claimed slope range. */
export function formatTarget(e: Evidence): string {
  if (e.slope) return `slope in ${formatInterval(e.slope.range)}`;
  if (e.target !== undefined && e.target !== null) return `target ${formatNumber(e.target, 4)}`;
  return '';
}

/** Milliseconds as "850 ms", "12.3 s", "3 min 12 s" or "1 h 05 min". */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return '—';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  const s = ms / 1000;
  if (s < 60) return `${s.toFixed(1)} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m} min ${String(Math.round(s - 60 * m)).padStart(2, '0')} s`;
  return `${Math.floor(m / 60)} h ${String(m % 60).padStart(2, '0')} min`;
}

/** Configuration as "key=value, …" in key order (matches the canonical JSON the replay uses). */
export function formatParams(p: Params): string {
  return Object.keys(p)
    .sort()
    .map((k) => `${k}=${typeof p[k] === 'number' ? formatNumber(p[k] as number, 4) : String(p[k])}`)
    .join(', ');
}

/** Total trials of a claim: Σ over configurations and checks (the evidence's own count when it has none). */
export function claimTrials(c: ClaimResult): number {
  if (c.configurations.length === 0) return c.evidence.trials ?? 0;
  return c.configurations.reduce((s, k) => s + k.checks.reduce((t, ch) => t + (ch.evidence.trials ?? 0), 0), 0);
}

/** Claims grouped by paper in the order of the report's `papers` (papers without claims omitted; papers it does not list last, in order of appearance). */
export function claimsByPaper(claims: readonly ClaimResult[], papers: Report['papers'] = []): Array<{ paper: Paper; claims: ClaimResult[] }> {
  const order = [...new Set([...(papers ?? []).map((p) => p.id), ...claims.map((c) => c.paper)])];
  return order.map((paper) => ({ paper, claims: claims.filter((c) => c.paper === paper) })).filter((g) => g.claims.length > 0);
}

/** Summary line shared by the renderers: "12 verified · 1 violated · 2 inconclusive · controls 9/10 violated as expected". */
export function summaryLine(s: { verified: number; violated: number; inconclusive: number; controlsFailedAsExpected: number; controlsTotal: number }): string {
  return `${s.verified} verified · ${s.violated} violated · ${s.inconclusive} inconclusive · controls ${s.controlsFailedAsExpected}/${s.controlsTotal} violated as expected`;
}
