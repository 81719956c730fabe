import * as vega from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';
import type { Figure, FigureCurve, FigureRule } from '../../claim/types.js';

type Row = Figure['data'][number];
type Value = Row[string];

/** Largest number of marks a scatter/line figure draws; larger data are thinned to every k-th row (noted in the caption). @internal */
export const MAX_POINTS = 1500;
/** Largest number of panels a faceted figure draws (further facet values are noted in the caption, not drawn). @internal */
export const MAX_PANELS = 12;
const WIDTH = 460;
const HEIGHT = 220;
const PANEL_WIDTH = 320;
const PANEL_HEIGHT = 190;
const RULE_COLOR = '#b03a2e';
/** Theory curves: a palette apart from the data's (vega's category10 blues/oranges), drawn dashed. */
const CURVE_COLORS = ['#b03a2e', '#6a3d9a', '#1b7837', '#8c510a', '#01665e', '#c51b7d'];
const CURVE_DASH = [7, 4];
/**
 * Legend labels are never cut (0: no limit): theory labels carry the formula and the constant's source, and
 * vega's headless renderer, with no font metrics, estimates text at 0.8 em a character and would cut them early.
 */
const LEGEND_LABEL_LIMIT = 0;
/** Tick labels on log axes: plain below 10⁴ and above 10⁻³, exponent form (1e-30) outside. */
const LOG_LABEL = "abs(datum.value) >= 1e4 || abs(datum.value) < 1e-3 ? format(datum.value, '.0e') : format(datum.value, '~g')";
const SUPERSCRIPT: Record<string, string> = { '-': '⁻', 0: '⁰', 1: '¹', 2: '²', 3: '³', 4: '⁴', 5: '⁵', 6: '⁶', 7: '⁷', 8: '⁸', 9: '⁹' };

/** 10^k written 10ᵏ (1 and 10 as they are). */
function powerOfTen(k: number): string {
  if (k === 0) return '1';
  if (k === 1) return '10';
  return `10${String(k)
    .split('')
    .map((c) => SUPERSCRIPT[c] ?? c)
    .join('')}`;
}

/**
 * Tick values and labels of a log axis over the values it shows: the powers of ten inside [lo, hi], with 2·10ᵏ
 * and 5·10ᵏ added when the range spans at most two decades and 3·10ᵏ when it spans three or four (so there are
 * always a few ticks, never crowded); labelled plainly from 0.001 to 9000, as 10⁴, 3·10⁴, … beyond. @internal
 */
export function logTicks(values: readonly number[]): { values: number[]; labelExpr: string } | undefined {
  const pos = values.filter((v) => Number.isFinite(v) && v > 0);
  if (pos.length === 0) return undefined;
  const lo = Math.min(...pos);
  const hi = Math.max(...pos);
  const k0 = Math.floor(Math.log10(lo) + 1e-9);
  const k1 = Math.ceil(Math.log10(hi) - 1e-9);
  const span = k1 - k0;
  const mantissas = span <= 2 ? [1, 2, 5] : span <= 4 ? [1, 3] : [1];
  const ticks: number[] = [];
  const labels: string[] = [];
  for (let k = k0; k <= k1; k++) {
    for (const m of mantissas) {
      const v = Number((m * Math.pow(10, k)).toPrecision(12));
      if (v < lo * (1 - 1e-9) || v > hi * (1 + 1e-9)) continue;
      ticks.push(v);
      labels.push(Math.abs(k) <= 3 ? String(v) : m === 1 ? powerOfTen(k) : `${m}·${powerOfTen(k)}`);
    }
  }
  if (ticks.length < 2) return undefined;
  const expr = ticks.reduceRight(
    (rest, v, i) => `abs(datum.value - ${v}) <= ${v * 1e-9} ? ${JSON.stringify(labels[i])} : ${rest}`,
    `format(datum.value, '~g')`,
  );
  return { values: ticks, labelExpr: expr };
}

/** The class prefix of theory curve number `i` (`Figure.curves[i]`) in the rendered SVG: `<g class="… theory_curve_<i>_p<panel>_marks">`. @internal */
export function curveClass(i: number): string {
  return `theory_curve_${i}_`;
}

/** A prepared figure: the vega-lite spec, or a table, plus caption notes about rows dropped or thinned. */
export type PreparedFigure =
  | { kind: 'plot'; spec: TopLevelSpec; notes: string[]; panels: string[]; curves: string[] }
  | { kind: 'table'; columns: string[]; rows: Row[]; notes: string[] };

/** vega-lite reads "." and "[]" in a field name as a path: escape them so names like "η.rel" are literal. */
function fieldRef(name: string): string {
  return name.replace(/([.[\]\\])/g, '\\$1');
}

function isNum(v: unknown): v is number {
  return typeof v === 'number' && Number.isFinite(v);
}

/** The mark actually drawn: the figure's own, else scatter with x and y, histogram with x alone, table otherwise. @internal */
export function effectiveMark(f: Figure): 'histogram' | 'scatter' | 'line' | 'table' {
  const m = f.mark?.toLowerCase();
  if (m === 'histogram' && f.x) return 'histogram';
  if ((m === 'scatter' || m === 'point') && f.x && f.y) return 'scatter';
  if (m === 'line' && f.x && f.y) return 'line';
  if (m === 'table') return 'table';
  if (f.x && f.y) return 'scatter';
  if (f.x) return 'histogram';
  return 'table';
}

function fieldType(rows: Row[], field: string): 'quantitative' | 'nominal' {
  return rows.every((r) => r[field] === null || r[field] === undefined || typeof r[field] === 'number') ? 'quantitative' : 'nominal';
}

/** Keep rows whose positional fields are finite numbers (and > 0 on a log axis); note how many were dropped. */
function usableRows(f: Figure, fields: Array<{ name: string; log: boolean }>, notes: string[]): Row[] {
  const kept = f.data.filter((r) =>
    fields.every(({ name, log }) => {
      const v = r[name];
      if (typeof v !== 'number') return v !== null && v !== undefined && !log;
      return Number.isFinite(v) && (!log || v > 0);
    }),
  );
  const dropped = f.data.length - kept.length;
  if (dropped > 0) notes.push(`${dropped} of ${f.data.length} rows without a usable ${fields.map((x) => x.name).join('/')} value left out`);
  return kept;
}

/** A facet value as a panel key (numbers and strings compare by their printed form). */
const keyOf = (v: Value | undefined): string => (v === null || v === undefined ? '' : String(v));

/** The panel title of facet value `v`: "ε = 0.1" for a number, the value itself for a label. */
function panelTitle(facet: string, v: string, numeric: boolean): string {
  return numeric ? `${facet} = ${v}` : v;
}

/** The facet values in order (numbers ascending, labels in order of first appearance), data first, then curves' and rules' own. */
function panelKeys(f: Figure, rows: Row[], notes: string[]): { keys: string[]; numeric: boolean } {
  if (!f.facet) return { keys: [''], numeric: false };
  const facet = f.facet;
  const values: Value[] = rows.map((r) => r[facet]).filter((v) => v !== null && v !== undefined);
  for (const c of f.curves ?? []) if (c.facet !== undefined) values.push(c.facet);
  for (const r of f.rules ?? []) if (r.facet !== undefined) values.push(r.facet);
  if (values.length === 0) return { keys: [''], numeric: false };
  const numeric = values.every((v) => typeof v === 'number');
  let keys = [...new Set(values.map(keyOf))];
  if (numeric)
    keys = keys
      .map(Number)
      .sort((a, b) => a - b)
      .map(String);
  const order = (f.facetOrder ?? []).map(keyOf).filter((k) => keys.includes(k));
  keys = [...new Set([...order, ...keys])];
  if (keys.length > MAX_PANELS) {
    notes.push(`${keys.length - MAX_PANELS} further ${facet} panels not drawn`);
    keys = keys.slice(0, MAX_PANELS);
  }
  return { keys, numeric };
}

const inPanel = (facetValue: string | number | undefined, key: string): boolean => facetValue === undefined || keyOf(facetValue) === key;

/** A curve's drawable points in a panel: finite, positive on log axes, sorted by x. */
function curvePoints(c: FigureCurve, logX: boolean, logY: boolean): Array<{ x: number; y: number; y2?: number }> {
  return c.points
    .filter((p) => isNum(p.x) && isNum(p.y) && (!logX || p.x > 0) && (!logY || p.y > 0) && (p.y2 === undefined || (isNum(p.y2) && (!logY || p.y2 > 0))))
    .sort((a, b) => a.x - b.x);
}

/**
 * The layers of theory curves in one panel: a dashed line per curve (a shaded band from y to y2 plus its two
 * edges when the points carry y2), coloured by a `stroke` scale of its own so the legend "theory" lists each
 * label apart from the data's colours. Each layer is named `theory_curve_<i>_p<panel>` (see curveClass).
 */
function curveLayers(f: Figure, key: string, panel: number, logX: boolean, logY: boolean, xField: (v: number) => number): object[] {
  const labels = (f.curves ?? []).map((c) => c.label);
  const stroke = {
    field: 'curve',
    type: 'nominal',
    title: 'theory (dashed)',
    scale: { domain: [...new Set(labels)], range: CURVE_COLORS },
    legend: { symbolType: 'stroke', symbolDash: CURVE_DASH, symbolStrokeWidth: 2, symbolSize: 300, labelLimit: LEGEND_LABEL_LIMIT },
  };
  const layers: object[] = [];
  (f.curves ?? []).forEach((c, i) => {
    if (!inPanel(c.facet, key)) return;
    const pts = curvePoints(c, logX, logY).map((p) => ({ cx: xField(p.x), cy: p.y, ...(p.y2 !== undefined ? { cy2: p.y2 } : {}), curve: c.label }));
    if (pts.length === 0) return;
    const name = `${curveClass(i)}p${panel}`;
    const x = { field: 'cx', type: 'quantitative' };
    const band = pts.every((p) => p.cy2 !== undefined);
    if (band) {
      const color = CURVE_COLORS[[...new Set(labels)].indexOf(c.label) % CURVE_COLORS.length];
      layers.push({
        name: `${name}band`,
        data: { values: pts },
        mark: { type: 'area', opacity: 0.13, color, line: false },
        encoding: { x, y: { field: 'cy', type: 'quantitative' }, y2: { field: 'cy2' } },
      });
      layers.push({
        name: `${name}hi`,
        data: { values: pts },
        mark: { type: 'line', strokeDash: CURVE_DASH, strokeWidth: 1.6 },
        encoding: { x, y: { field: 'cy2', type: 'quantitative' }, stroke },
      });
    }
    layers.push({
      name,
      data: { values: pts },
      mark: { type: 'line', strokeDash: CURVE_DASH, strokeWidth: 2, ...(pts.length === 1 ? { point: { size: 50, shape: 'diamond' } } : {}) },
      encoding: { x, y: { field: 'cy', type: 'quantitative' }, stroke },
    });
  });
  return layers;
}

/** Dashed reference lines with their labels (x = … vertical, y = … horizontal) of one panel. */
function ruleLayers(rules: readonly FigureRule[], f: Figure, key: string, logX: boolean, width: number): object[] {
  const layers: object[] = [];
  let verticals = 0;
  let horizontals = 0;
  for (const r of rules) {
    if (!inPanel(r.facet, key)) continue;
    const vertical = isNum(r.x) && (!logX || r.x > 0);
    const horizontal = isNum(r.y);
    if (!vertical && !horizontal) continue;
    const value = (vertical ? r.x : r.y) as number;
    const ch = vertical ? 'x' : 'y';
    const data = { values: [{ v: value, label: r.label ?? `${vertical ? f.x : f.y} = ${value}` }] };
    const enc = { [ch]: { field: 'v', type: 'quantitative' } };
    layers.push({ data, mark: { type: 'rule', color: RULE_COLOR, strokeDash: [3, 3], strokeWidth: 1.5 }, encoding: enc });
    // Labels of several rules in one panel are stacked (14 px apart) so that close rules do not overprint.
    const step = vertical ? verticals++ : horizontals++;
    layers.push({
      data,
      mark: vertical
        ? { type: 'text', color: RULE_COLOR, align: 'left', baseline: 'top', dx: 3, dy: 3 + 14 * step, fontSize: 11 }
        : { type: 'text', color: RULE_COLOR, align: 'right', baseline: 'bottom', dx: -3, dy: -3 - 14 * step, fontSize: 11 },
      encoding: { ...enc, [vertical ? 'y' : 'x']: { value: vertical ? 0 : width }, text: { field: 'label' } },
    });
  }
  return layers;
}

const BASE_CONFIG = {
  font: 'DejaVu Sans, Helvetica, Arial, sans-serif',
  axis: { labelFontSize: 11, titleFontSize: 12, grid: true, gridOpacity: 0.5, labelOverlap: 'greedy' },
  legend: { labelFontSize: 11, titleFontSize: 11, labelLimit: LEGEND_LABEL_LIMIT, orient: 'bottom', direction: 'vertical' },
  header: { labelFontSize: 12 },
  title: { fontSize: 12, fontWeight: 'normal', anchor: 'start' },
  view: { stroke: '#ccc' },
  concat: { spacing: 22 },
};

/**
 * An axis title as lines that fit `length` px: vega's headless renderer has no font metrics and lays text out
 * at 0.8 em a character, so a long title would stretch its panel (the y title) or the figure (the x title).
 * Returns the title as it is when it fits, else an array of lines broken at spaces. @internal
 */
export function wrapTitle(title: string, length: number, fontSize = 12): string | string[] {
  const perLine = Math.max(12, Math.floor(length / (0.8 * fontSize)));
  if (title.length <= perLine) return title;
  const lines: string[] = [];
  let line = '';
  for (const word of title.split(' ')) {
    if (line && line.length + 1 + word.length > perLine) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines;
}

/** Positional axis of a scatter/line panel: log scale per logX/logY (ticks over `shown`, every value the axis shows), a title with units. */
function axisOf(rows: Row[], name: string, title: string | string[], log: boolean, shown: readonly number[]): object {
  const type = fieldType(rows, name);
  const ticks = log ? logTicks(shown) : undefined;
  return type === 'nominal'
    ? { field: fieldRef(name), type, title }
    : {
        field: fieldRef(name),
        type,
        title,
        scale: log ? { type: 'log' as const, nice: false, padding: 6 } : { zero: false, padding: 6 },
        ...(log ? { axis: ticks ? { values: ticks.values, labelExpr: ticks.labelExpr } : { labelExpr: LOG_LABEL, tickCount: 6 } } : {}),
      };
}

/** About `count` round tick values (steps 1, 2 or 5 × 10ᵏ) inside [lo, hi]. @internal */
export function linearTicks(lo: number, hi: number, count = 6): number[] {
  if (!(hi > lo)) return [lo];
  const raw = (hi - lo) / count;
  const mag = Math.pow(10, Math.floor(Math.log10(raw)));
  const step = [1, 2, 5, 10].map((m) => m * mag).find((s) => s >= raw) ?? 10 * mag;
  const out: number[] = [];
  for (let v = Math.ceil(lo / step - 1e-9) * step; v <= hi + step * 1e-9; v += step) out.push(Number(v.toPrecision(12)));
  return out;
}

/** The x extent of every histogram panel together, so bins line up across panels (log10 x when logX). */
function extentOf(values: number[]): [number, number] | undefined {
  if (values.length === 0) return undefined;
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of values) {
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  return lo === hi ? [lo - 0.5, hi + 0.5] : [lo, hi];
}

/**
 * The vega-lite spec (or table) of a report figure, generic in `Figure.mark` so papers supply data only:
 * histogram — x binned (log10 x when logX, the same bins in every panel), count on y, overlaid per `color`;
 * scatter / line — x against y (log scales per logX/logY, one series per `color`, else per configuration);
 * `facet` — one panel per value of that field, sharing the scales; `curves` — the theory, dashed, one legend
 * entry per label (a band where the points carry y2); `rules` — dashed reference lines with labels; table — the
 * rows as they are. Axis titles are xTitle/yTitle (with units) or the field names.
 */
export function prepareFigure(f: Figure): PreparedFigure {
  const notes: string[] = [];
  const mark = effectiveMark(f);
  if (mark === 'table') {
    const columns = [...new Set(f.data.flatMap((r) => Object.keys(r)))];
    return { kind: 'table', columns, rows: f.data, notes };
  }
  const x = f.x!;
  const logX = !!f.logX;
  const logY = !!f.logY && mark !== 'histogram';
  const y = mark === 'histogram' ? undefined : f.y!;
  let rows =
    mark === 'histogram'
      ? usableRows(f, [{ name: x, log: logX }], notes).filter((r) => typeof r[x] === 'number')
      : usableRows(
          f,
          [
            { name: x, log: logX },
            { name: y!, log: logY },
          ],
          notes,
        );
  if (f.xDomain && isNum(f.xDomain[0]) && isNum(f.xDomain[1])) {
    const [lo, hi] = f.xDomain;
    const inside = rows.filter((r) => typeof r[x] !== 'number' || ((r[x] as number) >= lo && (r[x] as number) <= hi));
    if (inside.length < rows.length) notes.push(`${rows.length - inside.length} of ${rows.length} rows outside ${x} ∈ [${lo}, ${hi}] not drawn`);
    rows = inside;
  }
  if (mark !== 'histogram' && rows.length > MAX_POINTS) {
    const stride = Math.ceil(rows.length / MAX_POINTS);
    notes.push(`every ${stride}th of ${rows.length} points drawn`);
    rows = rows.filter((_, i) => i % stride === 0);
  }
  const color =
    f.color && rows.some((r) => r[f.color!] !== undefined)
      ? { field: fieldRef(f.color), type: 'nominal' as const, title: f.color, legend: { labelLimit: LEGEND_LABEL_LIMIT } }
      : undefined;
  // The engine tags rows with the index of the configuration that produced them: without a colour
  // of their own, scatter and line figures tell the configurations apart.
  const byConfig = !color && mark !== 'histogram' && new Set(rows.map((r) => r.config)).size > 1 && rows.every((r) => typeof r.config === 'number');
  const series = color ?? (byConfig ? { field: 'config', type: 'nominal' as const, title: 'configuration' } : undefined);
  const { keys, numeric } = panelKeys(f, rows, notes);
  const faceted = keys.length > 1 || keys[0] !== '';
  const width = faceted ? PANEL_WIDTH : WIDTH;
  const height = faceted ? PANEL_HEIGHT : HEIGHT;
  const xTitle = wrapTitle(f.xTitle ?? (mark === 'histogram' && logX ? `log₁₀ ${x}` : x), width);
  const yTitle = wrapTitle(f.yTitle ?? (mark === 'histogram' ? 'count' : y!), height);
  // Histograms on a log x axis bin log10 x: curves and rules move to that axis too.
  const xOf = (v: number): number => (mark === 'histogram' && logX ? Math.log10(v) : v);
  const rules = (f.rules ?? []).map((r) =>
    mark === 'histogram' && logX && isNum(r.x) ? { ...r, x: r.x > 0 ? Math.log10(r.x) : NaN, label: r.label ?? `${x} = ${r.x}` } : r,
  );
  const binned = mark === 'histogram' && logX ? 'log10_x' : fieldRef(x);
  const extent =
    mark === 'histogram'
      ? f.xDomain && isNum(f.xDomain[0]) && isNum(f.xDomain[1]) && (!logX || f.xDomain[0] > 0)
        ? ([xOf(f.xDomain[0]), xOf(f.xDomain[1])] as [number, number])
        : extentOf(rows.map((r) => xOf(r[x] as number)))
      : undefined;
  const curves: string[] = [];
  // Every value each axis shows (data, curves, rules): the log axes' ticks span them all.
  const allCurvePoints = (f.curves ?? []).flatMap((c) => curvePoints(c, logX, logY));
  const shownX = [...rows.map((r) => r[x] as number), ...allCurvePoints.map((p) => p.x), ...rules.flatMap((r) => (isNum(r.x) ? [r.x] : []))];
  const shownY = y
    ? [
        ...rows.map((r) => r[y] as number),
        ...allCurvePoints.flatMap((p) => (p.y2 !== undefined ? [p.y, p.y2] : [p.y])),
        ...rules.flatMap((r) => (isNum(r.y) ? [r.y] : [])),
      ]
    : [];
  const panels = keys.map((key, pi) => {
    const panelRows = faceted ? rows.filter((r) => keyOf(r[f.facet!]) === key) : rows;
    let main: object;
    if (mark === 'histogram') {
      main = {
        data: { values: panelRows },
        ...(logX ? { transform: [{ calculate: `log(datum[${JSON.stringify(x)}]) / LN10`, as: 'log10_x' }] } : {}),
        mark: { type: 'bar', opacity: color ? 0.55 : 0.85, color: color ? undefined : '#4c78a8', binSpacing: 1 },
        encoding: {
          x: {
            field: binned,
            bin: { ...(isNum(f.binStep) && f.binStep > 0 && !logX ? { step: f.binStep } : { maxbins: 40 }), ...(extent ? { extent } : {}) },
            type: 'quantitative',
            title: xTitle,
            ...(extent ? { axis: { values: linearTicks(extent[0], extent[1]), labelOverlap: false } } : {}),
          },
          y: { aggregate: 'count', type: 'quantitative', title: yTitle, stack: color ? null : 'zero' },
          ...(color ? { color } : {}),
        },
      };
    } else {
      const enc = { x: axisOf(rows, x, xTitle, logX, shownX), y: axisOf(rows, y!, yTitle, logY, shownY) };
      main =
        mark === 'line'
          ? {
              data: { values: panelRows },
              mark: { type: 'line', point: { filled: true, size: 30 }, strokeWidth: 1.5 },
              encoding: { ...enc, ...(series ? { color: series } : {}) },
            }
          : {
              data: { values: panelRows },
              mark: { type: 'point', filled: true, size: 40, opacity: 0.8 },
              encoding: { ...enc, ...(series ? { color: series, shape: series } : {}) },
            };
    }
    const theory = curveLayers(f, key, pi, logX, logY, xOf);
    return {
      ...(faceted ? { title: panelTitle(f.facet!, key, numeric) } : {}),
      width,
      height,
      layer: [main, ...theory, ...ruleLayers(rules, f, key, logX, width)],
    };
  });
  // The labels of the curves drawn in some panel (with a drawable point), in the figure's order.
  for (const c of f.curves ?? [])
    if (!curves.includes(c.label) && curvePoints(c, logX, logY).length > 0 && keys.some((k) => inPanel(c.facet, k))) curves.push(c.label);
  const spec = faceted
    ? {
        background: 'white',
        config: BASE_CONFIG,
        columns: keys.length <= 4 ? 2 : 3,
        concat: panels,
        resolve: { scale: { x: 'shared', y: 'shared' } },
      }
    : { background: 'white', config: BASE_CONFIG, ...panels[0] };
  return { kind: 'plot', spec: spec as TopLevelSpec, notes, panels: faceted ? keys.map((k) => panelTitle(f.facet!, k, numeric)) : [], curves };
}

/** A vega loader that refuses every URL: report figures carry their data inline and the page must not touch the network. */
function offlineLoader(): ReturnType<typeof vega.loader> {
  const l = vega.loader();
  const refuse = async (uri: string): Promise<never> => {
    throw new Error(`renderFigureSvg: figures must carry inline data, refusing to load ${uri}`);
  };
  l.load = refuse as typeof l.load;
  l.sanitize = refuse as typeof l.sanitize;
  return l;
}

/** Prefix every id defined in an SVG (clip paths, gradients) so several inline SVGs on one page never share one. @internal */
export function scopeSvgIds(svg: string, prefix: string): string {
  const ids = [...svg.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]);
  let out = svg;
  for (const id of new Set(ids)) {
    const esc = id.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    out = out
      .replace(new RegExp(`(\\sid=")${esc}"`, 'g'), `$1${prefix}${id}"`)
      .replace(new RegExp(`url\\(#${esc}\\)`, 'g'), `url(#${prefix}${id})`)
      .replace(new RegExp(`href="#${esc}"`, 'g'), `href="#${prefix}${id}"`);
  }
  return out;
}

/** Compile a vega-lite spec and render it to a standalone SVG string in Node (vega's headless SVG renderer). */
export async function renderSpecSvg(spec: TopLevelSpec, idPrefix: string): Promise<string> {
  const compiled = compile(spec).spec;
  const view = new vega.View(vega.parse(compiled), { renderer: 'none', loader: offlineLoader(), logLevel: vega.Error });
  try {
    const svg = await view.toSVG();
    return scopeSvgIds(svg, idPrefix);
  } finally {
    view.finalize();
  }
}
