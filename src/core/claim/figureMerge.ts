import type { Figure, FigureCurve, FigureRule } from './types.js';

type Row = Figure['data'][number];

function curveKey(c: FigureCurve): string {
  return JSON.stringify([c.label, c.facet ?? null]);
}

function ruleKey(r: FigureRule): string {
  return JSON.stringify([r.x ?? null, r.y ?? null, r.label ?? null, r.facet ?? null]);
}

/** Curves of equal label and facet are one curve: points concatenated, duplicates (same x, y, y2) dropped. */
function mergeCurves(a: readonly FigureCurve[] | undefined, b: readonly FigureCurve[] | undefined): FigureCurve[] | undefined {
  if (!a && !b) return undefined;
  const byKey = new Map<string, FigureCurve>();
  for (const c of [...(a ?? []), ...(b ?? [])]) {
    const have = byKey.get(curveKey(c));
    if (!have) {
      byKey.set(curveKey(c), { ...c, points: [...c.points] });
      continue;
    }
    const seen = new Set(have.points.map((p) => `${p.x}|${p.y}|${p.y2 ?? ''}`));
    for (const p of c.points) if (!seen.has(`${p.x}|${p.y}|${p.y2 ?? ''}`)) have.points.push(p);
  }
  return [...byKey.values()];
}

/** Rules of both figures, each distinct rule (x, y, label, facet) once. */
function mergeRules(a: readonly FigureRule[] | undefined, b: readonly FigureRule[] | undefined): FigureRule[] | undefined {
  if (!a && !b) return undefined;
  const byKey = new Map<string, FigureRule>();
  for (const r of [...(a ?? []), ...(b ?? [])]) if (!byKey.has(ruleKey(r))) byKey.set(ruleKey(r), r);
  return [...byKey.values()];
}

/**
 * Add figure `f` (same id) into `into`, the figure kept so far (or undefined): the data rows are
 * concatenated up to `rowCap` rows, theory curves of equal label and facet are joined into one curve
 * (each configuration contributes its points), rules are united; title, encoding and caption are the
 * first figure's. Used by the engine (one figure per claim from every configuration) and by report
 * merge (shards). Returns the merged figure; `into` is not modified.
 */
export function mergeFigure(into: Figure | undefined, f: Figure, rows: readonly Row[], rowCap: number): Figure {
  if (!into) {
    const first: Figure = { ...f, data: rows.slice(0, rowCap) };
    const curves = mergeCurves(f.curves, undefined);
    const rules = mergeRules(f.rules, undefined);
    if (curves) first.curves = curves;
    if (rules) first.rules = rules;
    return first;
  }
  const out: Figure = { ...into, data: into.data.length < rowCap ? [...into.data, ...rows.slice(0, rowCap - into.data.length)] : into.data };
  const curves = mergeCurves(into.curves, f.curves);
  const rules = mergeRules(into.rules, f.rules);
  if (curves) out.curves = curves;
  if (rules) out.rules = rules;
  return out;
}
