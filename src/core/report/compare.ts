import { formatInterval, formatNumber, formatParams } from './format.js';
import type { ClaimResult, Report } from './schema.js';
import { controlWasRun } from './summary.js';

/** regression: fails the gate · warning: worth a look, does not fail · info: a change for the better or a new/missing entry · ok: unchanged. */
export type Severity = 'regression' | 'warning' | 'info' | 'ok';

export interface ComparisonRow {
  severity: Severity;
  subject: 'claim' | 'control' | 'constant';
  /** Claim id, "claim ⟂ control" or constant name. */
  id: string;
  baseline: string;
  current: string;
  note: string;
  /** Replay command of the current counterexample, when there is one. */
  replay?: string;
}

export interface Comparison {
  /** One row per claim, control and constant of the current report (plus baseline claims it lacks), regressions first. */
  rows: ComparisonRow[];
  regressions: ComparisonRow[];
  /** True when there is no regression: the gate passes. */
  ok: boolean;
  /** Run-level remarks (different profile or seed than the baseline). */
  notes: string[];
  /** Printable table of every row that is not `ok`, with a one-line verdict. */
  table: string;
}

const ORDER: Record<Severity, number> = { regression: 0, warning: 1, info: 2, ok: 3 };

function constantsOf(r: Report): Map<string, { value: number; ci: [number, number] }> {
  const m = new Map<string, { value: number; ci: [number, number] }>();
  for (const c of r.claims) for (const [name, v] of Object.entries(c.constants ?? {})) if (!m.has(name)) m.set(name, v);
  return m;
}

function claimRow(cur: ClaimResult, base: ClaimResult | undefined): ComparisonRow {
  const row = { subject: 'claim' as const, id: cur.id, baseline: base?.status ?? '—', current: cur.status, replay: cur.counterexample?.replay };
  const at = cur.counterexample ? ` at ${formatParams(cur.counterexample.params)} (check ${cur.counterexample.check})` : '';
  if (cur.configurations.length === 0 && cur.status !== 'violated')
    return { ...row, severity: 'info', note: cur.reason ?? 'no configuration run in this report' };
  if (!base) return { ...row, severity: cur.status === 'verified' ? 'info' : 'warning', note: `new claim, not in the baseline${at}` };
  if (base.status === cur.status)
    return { ...row, severity: cur.status === 'verified' ? 'ok' : 'warning', note: cur.status === 'verified' ? '' : `${cur.status} in the baseline too${at}` };
  if (cur.status === 'violated') {
    if (cur.observational) return { ...row, severity: 'warning', note: `observational claim now violated (never gating)${at}` };
    if (base.status === 'verified') return { ...row, severity: 'regression', note: `verified in the baseline, now violated${at}` };
    return { ...row, severity: 'warning', note: `was inconclusive, now violated${at}` };
  }
  if (cur.status === 'inconclusive')
    return { ...row, severity: 'warning', note: `was ${base.status}, now inconclusive: ${cur.reason ?? 'no reason recorded'}` };
  return { ...row, severity: 'info', note: `was ${base.status}, now verified` };
}

/**
 * Compare a report with a baseline report. Regressions (the gate fails on any):
 * a gating claim `verified` in the baseline and `violated` now; a control that ran and did
 * not come out `violated` (it "passes": the suite no longer tells the broken variant apart);
 * a calibrated constant whose value now lies outside the baseline's interval for it.
 * Claims or controls not run in this report (other shard, --only) are noted, never regressions.
 */
export function compareReports(current: Report, baseline: Report): Comparison {
  const notes: string[] = [];
  if (current.profile !== baseline.profile) notes.push(`profile ${current.profile} compared with a baseline at profile ${baseline.profile}`);
  if (current.masterSeed !== baseline.masterSeed) notes.push(`seed ${current.masterSeed} compared with a baseline at seed ${baseline.masterSeed}`);
  const baseClaims = new Map(baseline.claims.map((c) => [c.id, c]));
  const rows: ComparisonRow[] = [];
  for (const cur of current.claims) {
    const base = baseClaims.get(cur.id);
    rows.push(claimRow(cur, base));
    for (const k of cur.controls) {
      const id = `${cur.id} ⟂ ${k.id}`;
      const bk = base?.controls.find((x) => x.id === k.id);
      const row = { subject: 'control' as const, id, baseline: bk?.status ?? '—', current: k.status };
      if (!controlWasRun(k)) rows.push({ ...row, current: 'not run', severity: 'info', note: 'not run in this report (other shard)' });
      else if (k.status === 'violated') rows.push({ ...row, severity: 'ok', note: '' });
      else {
        const was = bk && bk.status !== 'violated' && controlWasRun(bk) ? ` (already ${bk.status} in the baseline)` : '';
        rows.push({ ...row, severity: 'regression', note: `control came out ${k.status}, expected violated: the broken variant is no longer detected${was}` });
      }
    }
  }
  const seen = new Set(current.claims.map((c) => c.id));
  for (const b of baseline.claims) {
    if (!seen.has(b.id))
      rows.push({ severity: 'info', subject: 'claim', id: b.id, baseline: b.status, current: 'not run', note: 'in the baseline, not in this report' });
  }
  const baseConst = constantsOf(baseline);
  for (const [name, v] of constantsOf(current)) {
    const b = baseConst.get(name);
    const cur = `${formatNumber(v.value, 4)} ${formatInterval(v.ci)}`;
    if (!b) {
      rows.push({ severity: 'info', subject: 'constant', id: name, baseline: '—', current: cur, note: 'new constant, not in the baseline' });
      continue;
    }
    const inside = v.value >= b.ci[0] && v.value <= b.ci[1];
    rows.push({
      severity: inside ? 'ok' : 'regression',
      subject: 'constant',
      id: name,
      baseline: `${formatNumber(b.value, 4)} ${formatInterval(b.ci)}`,
      current: cur,
      note: inside ? '' : `value ${formatNumber(v.value, 4)} moved outside the baseline interval ${formatInterval(b.ci)}`,
    });
  }
  rows.sort((a, b) => ORDER[a.severity] - ORDER[b.severity]);
  const regressions = rows.filter((r) => r.severity === 'regression');
  return { rows, regressions, ok: regressions.length === 0, notes, table: formatComparison(rows, notes) };
}

/** Plain-text table of the rows that are not `ok` (severity, subject, id, baseline, current, note), then a one-line verdict. */
function formatComparison(rows: readonly ComparisonRow[], notes: readonly string[] = []): string {
  const shown = rows.filter((r) => r.severity !== 'ok');
  const head = ['', 'what', 'id', 'baseline', 'current', 'note'];
  const cells = shown.map((r) => [r.severity.toUpperCase(), r.subject, r.id, r.baseline, r.current, r.note]);
  const widths = head.map((h, i) => Math.min(i === 5 ? 200 : 60, Math.max(h.length, ...cells.map((c) => [...c[i]].length))));
  const line = (c: string[]): string =>
    c
      .map((x, i) => (i === c.length - 1 ? x : x.padEnd(widths[i])))
      .join('  ')
      .trimEnd();
  const regressions = rows.filter((r) => r.severity === 'regression').length;
  const unchanged = rows.length - shown.length;
  const out = notes.map((n) => `note: ${n}`);
  if (shown.length > 0) out.push(line(head), line(widths.map((w) => '-'.repeat(w))), ...cells.map(line));
  for (const r of shown) if (r.severity === 'regression' && r.replay) out.push(`replay ${r.id}: ${r.replay}`);
  out.push(
    regressions > 0
      ? `compare: ${regressions} regression(s) against the baseline (${unchanged} entries unchanged)`
      : `compare: no regression against the baseline (${unchanged} entries unchanged, ${shown.length} noted)`,
  );
  return `${out.join('\n')}\n`;
}
