import { fc, test as ptest } from '@fast-check/vitest';
import { describe, expect, test } from 'vitest';
import { mergeFigure } from '../src/core/claim/figureMerge.js';
import type { Figure, FigureCurve } from '../src/core/claim/types.js';
import { parseReport } from '../src/core/report/load.js';
import { curveClass, linearTicks, logTicks, prepareFigure, renderSpecSvg, wrapTitle } from '../src/core/report/html/figure.js';
import { figureFileName, figureSvgFiles } from '../src/core/report/figureFiles.js';
import { mathHtml, renderTex, splitMath } from '../src/core/report/html/math.js';
import { serializeReport } from '../src/core/report/write.js';
import { allClaims } from '../src/papers/index.js';
import { clone, syntheticReport } from './report-fixture.js';

type Spec = { concat?: Array<{ title?: string; layer: Array<{ name?: string; data?: { values: unknown[] }; mark: { type: string } }> }> };

const curve = (label: string, ys: number[], facet?: string | number): FigureCurve => ({
  label,
  ...(facet !== undefined ? { facet } : {}),
  points: ys.map((y, i) => ({ x: 10 ** (i + 1), y })),
});

describe('faceted figures', () => {
  const base: Figure = {
    id: 'f',
    title: 'n* against d',
    mark: 'scatter',
    x: 'd',
    y: 'n',
    logX: true,
    logY: true,
    facet: 'eps',
    data: [0.25, 0.1, 0.05].flatMap((eps) => [10, 100, 1000].map((d) => ({ d, n: eps * eps * Math.sqrt(d) + 1, eps }))),
  };

  ptest.prop([fc.uniqueArray(fc.constantFrom<string>('tanh', 'softplus', 'ReLU', 'Gaussian a', 'gelu', 'sigmoid'), { minLength: 1, maxLength: 6 })])(
    'one panel per facet value, in facetOrder first, with that panel’s rows only',
    (values) => {
      const f: Figure = {
        id: 'h',
        title: 't',
        mark: 'histogram',
        x: 'v',
        facet: 'variant',
        facetOrder: [...values].reverse(),
        data: values.flatMap((v, i) => Array.from({ length: i + 2 }, (_, j) => ({ v: j / 10, variant: v }))),
      };
      const p = prepareFigure(f);
      if (p.kind !== 'plot') throw new Error('expected a plot');
      expect(p.panels).toEqual([...values].reverse());
      const concat = (p.spec as Spec).concat!;
      expect(concat.map((c) => c.title)).toEqual([...values].reverse());
      concat.forEach((panel, k) => expect(panel.layer[0].data!.values).toHaveLength(values.indexOf(p.panels[k]) + 2));
    },
  );

  test('numeric facet values are ordered ascending and titled "field = value"; a curve with a facet is drawn in its panel only', () => {
    const f = { ...base, curves: [curve('bracket', [1, 2, 3], 0.1), curve('√d', [3, 10, 31])] };
    const p = prepareFigure(f);
    if (p.kind !== 'plot') throw new Error('expected a plot');
    expect(p.panels).toEqual(['eps = 0.05', 'eps = 0.1', 'eps = 0.25']);
    const names = (p.spec as Spec).concat!.map((c) => c.layer.map((l) => l.name ?? ''));
    expect(names.map((n) => n.filter((x) => x.startsWith(curveClass(0))).length)).toEqual([0, 1, 0]);
    expect(names.map((n) => n.filter((x) => x.startsWith(curveClass(1))).length)).toEqual([1, 1, 1]);
    expect(p.curves).toEqual(['bracket', '√d']);
  });
});

describe('theory curves', () => {
  test('every curve with drawable points is a named dashed layer in the SVG; a y2 band is an area; non-positive points leave a log axis', async () => {
    const f: Figure = {
      id: 'v',
      title: 'max η_min against d',
      mark: 'scatter',
      x: 'd',
      y: 'size',
      logX: true,
      logY: true,
      data: [10, 100, 1000].map((d) => ({ d, size: Math.sqrt(d) / 2 })),
      curves: [
        curve('√d', [3.2, 10, 31.6]),
        { label: 'bracket', points: [10, 100, 1000].map((d) => ({ x: d, y: Math.sqrt(d) / 4, y2: Math.sqrt(d) })) },
        curve('never drawn', [-1, 0, -3]),
      ],
    };
    const p = prepareFigure(f);
    if (p.kind !== 'plot') throw new Error('expected a plot');
    expect(p.curves).toEqual(['√d', 'bracket']);
    const svg = await renderSpecSvg(p.spec, 't-');
    expect(svg).toMatch(new RegExp(`class="[^"]*mark-line[^"]*${curveClass(0)}p0_marks`));
    expect(svg).toMatch(new RegExp(`class="[^"]*mark-area[^"]*${curveClass(1)}p0band_marks`));
    expect(svg).not.toContain(curveClass(2));
    expect(svg).toContain('theory (dashed)');
    expect(svg).toContain('stroke-dasharray="7,4"');
  });

  ptest.prop([
    fc.array(fc.record({ label: fc.constantFrom('a', 'b', 'c'), xs: fc.uniqueArray(fc.integer({ min: 1, max: 50 }), { minLength: 1, maxLength: 6 }) }), {
      minLength: 1,
      maxLength: 8,
    }),
  ])('mergeFigure joins curves of equal label across configurations: every point once, nothing lost', (parts) => {
    let merged: Figure | undefined;
    for (const part of parts) {
      const f: Figure = { id: 'm', title: 'm', data: [{ v: 1 }], curves: [{ label: part.label, points: part.xs.map((x) => ({ x, y: 2 * x })) }] };
      merged = mergeFigure(merged, f, f.data, 5000);
    }
    const labels = [...new Set(parts.map((p) => p.label))];
    expect(merged!.curves!.map((c) => c.label)).toEqual(labels);
    for (const l of labels) {
      const want = new Set(parts.filter((p) => p.label === l).flatMap((p) => p.xs));
      const got = merged!.curves!.find((c) => c.label === l)!.points.map((p) => p.x);
      expect(new Set(got)).toEqual(want);
      expect(got).toHaveLength(want.size);
    }
    expect(merged!.data).toHaveLength(parts.length);
  });

  test('mergeFigure keeps curves of equal label but different facet apart, unites rules and caps rows', () => {
    const a: Figure = { id: 'm', title: 'm', data: [{ v: 1 }, { v: 2 }], curves: [curve('c', [1], 0.1)], rules: [{ y: 0.01, label: '1%' }] };
    const b: Figure = { id: 'm', title: 'm', data: [{ v: 3 }, { v: 4 }], curves: [curve('c', [2], 0.25)], rules: [{ y: 0.01, label: '1%' }, { x: 3 }] };
    const m = mergeFigure(mergeFigure(undefined, a, a.data, 3), b, b.data, 3);
    expect(m.curves!.map((c) => c.facet)).toEqual([0.1, 0.25]);
    expect(m.rules).toEqual([{ y: 0.01, label: '1%' }, { x: 3 }]);
    expect(m.data).toEqual([{ v: 1 }, { v: 2 }, { v: 3 }]);
    expect(a.data).toHaveLength(2);
  });

  test('report.json with curves loads back; a curve without a label or with a non-numeric point is refused, naming its path', () => {
    const r = syntheticReport();
    expect(parseReport(serializeReport(r))).toEqual(JSON.parse(serializeReport(r)));
    const bad = (edit: (f: { curves: Array<Record<string, unknown>> }) => void): string => {
      const x = clone(r) as unknown as { claims: Array<{ figures?: Array<{ curves?: Array<Record<string, unknown>> }> }> };
      const fig = x.claims.flatMap((c) => c.figures ?? []).find((f) => f.curves)!;
      edit(fig as { curves: Array<Record<string, unknown>> });
      try {
        parseReport(JSON.stringify(x));
        return 'loaded';
      } catch (e) {
        return (e as Error).message;
      }
    };
    expect(bad((f) => delete f.curves[0].label)).toMatch(/figures\[0\]\.curves\[0\]\.label must be a string/);
    expect(bad((f) => ((f.curves[0].points as Array<Record<string, unknown>>)[0].y = 'high'))).toMatch(/curves\[0\]\.points\[0\]\.y must be a number/);
  });
});

describe('axis ticks', () => {
  ptest.prop([fc.double({ min: 1e-6, max: 1e6, noNaN: true }), fc.double({ min: 1.5, max: 1e6, noNaN: true })])(
    'log ticks lie inside the shown values, ascend, and are 1, 2, 3 or 5 × 10ᵏ',
    (lo, ratio) => {
      const t = logTicks([lo, lo * ratio]);
      if (!t) return;
      expect(t.values.length).toBeGreaterThanOrEqual(2);
      for (const [i, v] of t.values.entries()) {
        expect(v).toBeGreaterThanOrEqual(lo * (1 - 1e-9));
        expect(v).toBeLessThanOrEqual(lo * ratio * (1 + 1e-9));
        if (i > 0) expect(v).toBeGreaterThan(t.values[i - 1]);
        const m = v / 10 ** Math.floor(Math.log10(v) + 1e-9);
        expect([1, 2, 3, 5].some((k) => Math.abs(m - k) < 1e-6)).toBe(true);
      }
    },
  );

  test('log tick labels: plain up to 9000, 10⁴, 3·10⁴, … beyond; 3·10ᵏ between powers over three or four decades', () => {
    expect(logTicks([100, 1e7])!.values).toEqual([100, 1000, 10000, 100000, 1000000, 10000000]);
    expect(logTicks([100, 1e7])!.labelExpr).toContain('"10⁴"');
    expect(logTicks([100, 1e7])!.labelExpr).toContain('"1000"');
    expect(logTicks([100, 1e5])!.values).toEqual([100, 300, 1000, 3000, 10000, 30000, 100000]);
    expect(logTicks([100, 1e5])!.labelExpr).toContain('"3·10⁴"');
  });

  ptest.prop([fc.double({ min: -1e3, max: 1e3, noNaN: true }), fc.double({ min: 1e-3, max: 1e3, noNaN: true })])(
    'linear ticks are round steps inside [lo, hi], about six of them',
    (lo, w) => {
      const t = linearTicks(lo, lo + w);
      expect(t.length).toBeGreaterThanOrEqual(2);
      expect(t.length).toBeLessThanOrEqual(13);
      for (const v of t) {
        expect(v).toBeGreaterThanOrEqual(lo - w * 1e-6);
        expect(v).toBeLessThanOrEqual(lo + w + w * 1e-6);
      }
    },
  );
});

describe('axis titles', () => {
  ptest.prop([fc.array(fc.stringMatching(/^[a-zé‖δ()]{1,14}$/), { minLength: 1, maxLength: 14 }), fc.integer({ min: 120, max: 500 })])(
    'a title that does not fit is broken at spaces into lines that do (0.8 em a character), keeping every word in order',
    (words, length) => {
      const title = words.join(' ');
      const w = wrapTitle(title, length);
      const lines = typeof w === 'string' ? [w] : w;
      expect(lines.join(' ')).toBe(title);
      const perLine = Math.max(12, Math.floor(length / 9.6));
      for (const l of lines) if (l.includes(' ')) expect(l.length).toBeLessThanOrEqual(perLine);
      if (title.length <= perLine) expect(w).toBe(title);
    },
  );
});

describe('x range and bins', () => {
  test('rows outside xDomain are left out and counted; binStep sets the bin width', () => {
    const f: Figure = {
      id: 'e',
      title: 'η',
      mark: 'histogram',
      x: 'eta',
      xDomain: [0.8, 1.4],
      binStep: 0.01,
      data: [0.5, 1, 1.01, 1.02, 21].map((eta) => ({ eta })),
    };
    const p = prepareFigure(f);
    if (p.kind !== 'plot') throw new Error('expected a plot');
    expect(p.notes.join(' ')).toContain('2 of 5 rows outside eta ∈ [0.8, 1.4] not drawn');
    const bar = (p.spec as unknown as { layer: Array<{ encoding: { x: { bin: { step: number; extent: number[] } } } }> }).layer[0];
    expect(bar.encoding.x.bin).toEqual({ step: 0.01, extent: [0.8, 1.4] });
  });
});

describe('standalone SVG files', () => {
  test('one file per plotted figure, named <claim>--<figure>.svg, with the title drawn', async () => {
    const r = syntheticReport();
    const files = await figureSvgFiles(r);
    const plotted = r.claims.flatMap((c) =>
      (c.figures ?? []).filter((f) => f.mark !== 'table').map((f) => ({ name: figureFileName(c.id, f.id), title: f.title })),
    );
    expect(files.map((f) => f.name)).toEqual(plotted.map((p) => p.name));
    expect(new Set(files.map((f) => f.name)).size).toBe(files.length);
    for (const [i, f] of files.entries()) {
      expect(f.svg.startsWith('<svg')).toBe(true);
      expect(f.svg).toContain(plotted[i].title.slice(0, 20));
    }
    expect(figureFileName('vardi.eta-experiment', 'max eta/min')).toBe('vardi.eta-experiment--max_eta_min.svg');
  });
});

describe('math in statements', () => {
  test('$…$ becomes KaTeX MathML, the text around it is escaped, \\$ and an unmatched $ stay text', () => {
    const h = mathHtml('x on $\\sqrt{d}\\,S^{d-1}$ & <b> costs \\$5, or $3');
    expect(h).toMatch(/^x on <span class="katex"><math xmlns="http:\/\/www.w3.org\/1998\/Math\/MathML">/);
    expect(h).toContain('<msup><mi>S</mi>');
    expect(h).toContain(' &amp; &lt;b&gt; costs $5, or $3');
    expect(splitMath('a $x$ b $y$')).toEqual([
      { math: false, text: 'a ' },
      { math: true, text: 'x' },
      { math: false, text: ' b ' },
      { math: true, text: 'y' },
    ]);
  });

  test('a formula KaTeX cannot parse shows as its escaped source, never dropped', () => {
    expect(renderTex('\\frac{1}{')).toMatch(/^<code class="tex-error" title="[^"]*">\$\\frac\{1\}\{\$<\/code>$/);
  });

  test('every registered claim statement renders its formulas (no tex-error), and the papers’ statements carry some', () => {
    for (const c of allClaims) expect(mathHtml(c.statement), c.id).not.toContain('tex-error');
    const withMath = allClaims.filter((c) => splitMath(c.statement).some((p) => p.math)).map((c) => c.paper);
    for (const paper of ['bubeck', 'vardi', 'schmidt']) expect(withMath).toContain(paper);
    // The raw TeX-like notation the issue names is gone from the statements' text parts.
    for (const c of allClaims) for (const p of splitMath(c.statement)) if (!p.math) expect(p.text, c.id).not.toMatch(/\^\{|_\{/);
  });
});
