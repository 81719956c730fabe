import * as vega from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';
import type { Figure } from '../../claim/types.js';

type Row = Figure['data'][number];

/** Largest number of marks a scatter/line figure draws; larger data are thinned to every k-th row (noted in the caption). @internal */
export const MAX_POINTS = 1500;
const WIDTH = 460;
const HEIGHT = 220;
const RULE_COLOR = '#b03a2e';
/** Tick labels on log axes: plain below 10⁴ and above 10⁻³, exponent form (1e-30) outside. */
const LOG_LABEL = "abs(datum.value) >= 1e4 || abs(datum.value) < 1e-3 ? format(datum.value, '.0e') : format(datum.value, '~g')";

/** A prepared figure: the vega-lite spec, or a table, plus caption notes about rows dropped or thinned. */
export type PreparedFigure = { kind: 'plot'; spec: TopLevelSpec; notes: string[] } | { kind: 'table'; columns: string[]; rows: Row[]; notes: string[] };

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

function ruleLayers(f: Figure, logX: boolean): object[] {
  const layers: object[] = [];
  for (const r of f.rules ?? []) {
    const vertical = isNum(r.x) && (!logX || r.x > 0);
    const horizontal = isNum(r.y);
    if (!vertical && !horizontal) continue;
    const value = (vertical ? r.x : r.y) as number;
    const ch = vertical ? 'x' : 'y';
    const data = { values: [{ v: value, label: r.label ?? `${vertical ? f.x : f.y} = ${value}` }] };
    const enc = { [ch]: { field: 'v', type: 'quantitative' } };
    layers.push({ data, mark: { type: 'rule', color: RULE_COLOR, strokeDash: [6, 4], strokeWidth: 1.5 }, encoding: enc });
    layers.push({
      data,
      mark: vertical
        ? { type: 'text', color: RULE_COLOR, align: 'left', baseline: 'bottom', dx: 2, dy: -3, fontSize: 11 }
        : { type: 'text', color: RULE_COLOR, align: 'right', baseline: 'bottom', dy: -3, fontSize: 11 },
      encoding: { ...enc, [vertical ? 'y' : 'x']: { value: vertical ? 0 : WIDTH }, text: { field: 'label' } },
    });
  }
  return layers;
}

const BASE = {
  width: WIDTH,
  height: HEIGHT,
  background: 'white',
  config: {
    font: 'DejaVu Sans, Helvetica, Arial, sans-serif',
    axis: { labelFontSize: 11, titleFontSize: 12, grid: true, gridOpacity: 0.5 },
    legend: { labelFontSize: 11, titleFontSize: 11, labelLimit: 260 },
    view: { stroke: '#ccc' },
  },
};

/**
 * The vega-lite spec (or table) of a report figure, generic in `Figure.mark` so papers supply data only:
 * histogram — x binned (log10 x when logX), count on y, overlaid per `color`; scatter / line — x against y
 * (log scales per logX/logY, one series per `color`); `rules` draw dashed reference lines with labels
 * (x = … vertical, y = … horizontal); table — the rows as they are.
 */
export function prepareFigure(f: Figure): PreparedFigure {
  const notes: string[] = [];
  const mark = effectiveMark(f);
  if (mark === 'table') {
    const columns = [...new Set(f.data.flatMap((r) => Object.keys(r)))];
    return { kind: 'table', columns, rows: f.data, notes };
  }
  const x = f.x!;
  const color = f.color && f.data.some((r) => r[f.color!] !== undefined) ? { field: fieldRef(f.color), type: 'nominal' as const, title: f.color } : undefined;
  // The engine tags rows with the index of the configuration that produced them: without a colour
  // of their own, scatter and line figures tell the configurations apart.
  const byConfig = !color && new Set(f.data.map((r) => r.config)).size > 1 && f.data.every((r) => typeof r.config === 'number');
  const series = color ?? (byConfig ? { field: 'config', type: 'nominal' as const, title: 'configuration' } : undefined);
  if (mark === 'histogram') {
    const logX = !!f.logX;
    const rows = usableRows(f, [{ name: x, log: logX }], notes).filter((r) => typeof r[x] === 'number');
    const binned = logX ? 'log10_x' : fieldRef(x);
    const rules = (f.rules ?? []).map((r) => (logX && isNum(r.x) ? { ...r, x: r.x > 0 ? Math.log10(r.x) : NaN, label: r.label ?? `${x} = ${r.x}` } : r));
    const spec = {
      ...BASE,
      data: { values: rows },
      layer: [
        {
          ...(logX ? { transform: [{ calculate: `log(datum[${JSON.stringify(x)}]) / LN10`, as: 'log10_x' }] } : {}),
          mark: { type: 'bar', opacity: color ? 0.55 : 0.85, color: color ? undefined : '#4c78a8', binSpacing: 1 },
          encoding: {
            x: { field: binned, bin: { maxbins: 40 }, type: 'quantitative', title: logX ? `log₁₀ ${x}` : x },
            y: { aggregate: 'count', type: 'quantitative', title: 'count', stack: color ? null : 'zero' },
            ...(color ? { color } : {}),
          },
        },
        ...ruleLayers({ ...f, rules }, false),
      ],
    };
    return { kind: 'plot', spec: spec as TopLevelSpec, notes };
  }
  const y = f.y!;
  const logX = !!f.logX;
  const logY = !!f.logY;
  let rows = usableRows(
    f,
    [
      { name: x, log: logX },
      { name: y, log: logY },
    ],
    notes,
  );
  if (rows.length > MAX_POINTS) {
    const stride = Math.ceil(rows.length / MAX_POINTS);
    notes.push(`every ${stride}th of ${rows.length} points drawn`);
    rows = rows.filter((_, i) => i % stride === 0);
  }
  const axis = (name: string, log: boolean) => {
    const type = fieldType(rows, name);
    return type === 'nominal'
      ? { field: fieldRef(name), type, title: name }
      : {
          field: fieldRef(name),
          type,
          title: name,
          scale: log ? { type: 'log' as const, nice: false, padding: 6 } : { zero: false, padding: 6 },
          ...(log ? { axis: { labelExpr: LOG_LABEL, tickCount: 6 } } : {}),
        };
  };
  const main =
    mark === 'line'
      ? {
          mark: { type: 'line', point: { filled: true, size: 30 }, strokeWidth: 1.5 },
          encoding: { x: axis(x, logX), y: axis(y, logY), ...(series ? { color: series } : {}) },
        }
      : {
          mark: { type: 'point', filled: true, size: 22, opacity: 0.7 },
          encoding: { x: axis(x, logX), y: axis(y, logY), ...(series ? { color: series, shape: series } : {}) },
        };
  const spec = { ...BASE, data: { values: rows }, layer: [main, ...ruleLayers(f, logX)] };
  return { kind: 'plot', spec: spec as TopLevelSpec, notes };
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
