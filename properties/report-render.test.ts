import { fc, test as ptest } from '@fast-check/vitest';
import { beforeAll, describe, expect, test } from 'vitest';
import { escapeXml } from '../src/core/report/html/escape.js';
import { formatDuration, formatNumber } from '../src/core/report/format.js';
import { renderHtml } from '../src/core/report/html.js';
import { effectiveMark, MAX_POINTS, prepareFigure, renderSpecSvg, scopeSvgIds } from '../src/core/report/html/figure.js';
import { renderJunit } from '../src/core/report/junit.js';
import { renderMarkdown } from '../src/core/report/markdown.js';
import { parseReport } from '../src/core/report/load.js';
import type { Report } from '../src/core/report/schema.js';
import type { Figure } from '../src/core/claim/types.js';
import { clone, syntheticReport } from './report-fixture.js';

/**
 * Minimal XML 1.0 well-formedness check: one root, every tag closed in order, attributes quoted and
 * unique, only the five predefined or numeric entities, no raw '<' or '&' in text. Returns the problem or null.
 */
function xmlProblem(xml: string): string | null {
  let s = xml.replace(/^<\?xml[^?]*\?>\s*/, '');
  const stack: string[] = [];
  let roots = 0;
  const badText = (t: string): boolean => /<|&(?!(amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);)/.test(t);
  while (s.length > 0) {
    const lt = s.indexOf('<');
    const text = lt < 0 ? s : s.slice(0, lt);
    if (badText(text)) return `bad text ${JSON.stringify(text.slice(0, 40))}`;
    if (text.trim() && stack.length === 0) return 'text outside the root';
    if (lt < 0) break;
    s = s.slice(lt);
    const m = /^<(\/?)([A-Za-z_][\w.-]*)((?:\s+[A-Za-z_][\w.:-]*\s*=\s*(?:"[^"<]*"|'[^'<]*'))*)\s*(\/?)>/.exec(s);
    if (!m) return `malformed tag at ${JSON.stringify(s.slice(0, 40))}`;
    const [all, close, name, attrs, selfClose] = m;
    const names = [...attrs.matchAll(/([A-Za-z_][\w.:-]*)\s*=/g)].map((a) => a[1]);
    if (new Set(names).size !== names.length) return `duplicate attribute in <${name}>`;
    for (const v of attrs.matchAll(/=\s*(?:"([^"]*)"|'([^']*)')/g)) if (badText(v[1] ?? v[2])) return `bad attribute value in <${name}>`;
    if (close) {
      if (stack.pop() !== name) return `unexpected </${name}>`;
    } else if (!selfClose) {
      if (stack.length === 0) roots++;
      stack.push(name);
    } else if (stack.length === 0) roots++;
    s = s.slice(all.length);
  }
  if (stack.length) return `unclosed <${stack.at(-1)}>`;
  return roots === 1 ? null : `${roots} root elements`;
}

const allFigures = (r: Report): Array<{ claim: string; f: Figure }> => r.claims.flatMap((c) => (c.figures ?? []).map((f) => ({ claim: c.id, f })));

describe('renderHtml', () => {
  let report: Report;
  let html: string;
  beforeAll(async () => {
    report = syntheticReport();
    html = await renderHtml(report);
  });

  test('has one summary row and one section per claim, with id and status', () => {
    for (const c of report.claims) {
      const row = new RegExp(`<tr data-claim="${c.id.replace(/\./g, '\\.')}" class="${c.status}">(.*?)</tr>`).exec(html);
      expect(row, c.id).not.toBeNull();
      expect(row![1]).toContain(`<span class="badge ${c.status}">`);
      expect(row![1].match(/<td/g)).toHaveLength(7);
      expect(html).toContain(`data-claim-section="${c.id}"`);
    }
    expect(html.match(/<tr data-claim=/g)).toHaveLength(report.claims.length);
  });

  test('has an <svg> per plotted figure and a table per table figure', () => {
    const figs = allFigures(report);
    expect(figs.length).toBeGreaterThanOrEqual(7);
    for (const { claim, f } of figs) {
      const block = new RegExp(
        `<figure class="fig" id="[^"]+" data-figure="${escapeXml(`${claim}/${f.id}`).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}" data-mark="(plot|table)"[^>]*>([\\s\\S]*?)</figure>`,
      ).exec(html);
      expect(block, `${claim}/${f.id}`).not.toBeNull();
      if (effectiveMark(f) === 'table') {
        expect(block![1]).toBe('table');
        expect(block![2].match(/<tr>/g)).toHaveLength(f.data.length + 1);
      } else {
        expect(block![1]).toBe('plot');
        expect(block![2].match(/<svg /g)).toHaveLength(1);
        expect(block![2]).toMatch(/<path|<rect|<line/);
      }
      expect(block![2]).toContain(`<figcaption><b>${escapeXml(f.title)}</b>`);
    }
  });

  test('is self-contained: no script, stylesheet link, remote resource or duplicate id', () => {
    expect(html).not.toMatch(/<script|<link|<img|<iframe|@import/i);
    expect(html).not.toMatch(/(src|href)="(https?:)?\/\//i);
    expect(html).not.toMatch(/url\((['"])?https?:/i);
    const ids = [...html.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]);
    expect(new Set(ids).size).toBe(ids.length);
  });

  test('escapes text from the report and shows counterexamples with their replay command', () => {
    expect(html).toContain('KKT residual ≤ 0.15 once L ≤ 1e-30 &lt;with&gt; &quot;markup&quot; &amp; such');
    expect(html).not.toContain('<with>');
    const cx = report.claims.find((c) => c.id === 'bubeck.one-step-flip')!.counterexample!;
    expect(html).toContain(`<pre class="replay"><code>${escapeXml(cx.replay)}</code></pre>`);
  });

  test('names controls that did not come out violated', async () => {
    const r = clone(report);
    r.claims[2].controls[0].status = 'verified';
    const h = await renderHtml(r);
    expect(h).toContain('1 control(s) did not come out violated');
    expect(h).toContain('bubeck.one-step-flip ⟂ wrong-sign');
  });
});

describe('figures', () => {
  test('histogram, scatter, line and table specs follow Figure.mark', () => {
    const data = [
      { a: 1, b: 2, s: 'x' },
      { a: 2, b: 3, s: 'y' },
    ];
    expect(effectiveMark({ id: 'h', title: '', mark: 'histogram', x: 'a', data })).toBe('histogram');
    expect(effectiveMark({ id: 's', title: '', mark: 'scatter', x: 'a', y: 'b', data })).toBe('scatter');
    expect(effectiveMark({ id: 'l', title: '', mark: 'line', x: 'a', y: 'b', data })).toBe('line');
    expect(effectiveMark({ id: 't', title: '', mark: 'table', data })).toBe('table');
    expect(effectiveMark({ id: 'u', title: '', x: 'a', y: 'b', data })).toBe('scatter');
    expect(effectiveMark({ id: 'v', title: '', x: 'a', data })).toBe('histogram');
    expect(effectiveMark({ id: 'w', title: '', mark: 'bogus', data })).toBe('table');
  });

  test('log axes leave out non-positive values and say so; big scatters are thinned', () => {
    const rows = Array.from({ length: 4000 }, (_, i) => ({ x: i, y: i % 7 === 0 ? null : i + 1 }));
    const p = prepareFigure({ id: 'f', title: 't', mark: 'scatter', x: 'x', y: 'y', logX: true, data: rows });
    expect(p.kind).toBe('plot');
    const values = (p as { spec: { layer: Array<{ data: { values: unknown[] } }> } }).spec.layer[0].data.values;
    expect(values.length).toBeLessThanOrEqual(MAX_POINTS);
    expect(p.notes.join(' ')).toMatch(/rows without a usable x\/y value left out/);
    expect(p.notes.join(' ')).toMatch(/every 3th of \d+ points drawn/);
  });

  test('field names with dots render, rules draw labelled lines, ids are scoped', async () => {
    const f: Figure = {
      id: 'd',
      title: 't',
      mark: 'histogram',
      x: 'η.rel',
      rules: [{ x: 1, label: 'η = 1' }],
      data: [{ 'η.rel': 0.9 }, { 'η.rel': 1.1 }, { 'η.rel': 1.2 }],
    };
    const p = prepareFigure(f);
    if (p.kind !== 'plot') throw new Error('expected a plot');
    const svg = await renderSpecSvg(p.spec, 'fig7-');
    expect(svg.startsWith('<svg')).toBe(true);
    expect(svg).toContain('η = 1');
    expect(svg).toContain('η.rel');
    for (const m of svg.matchAll(/\sid="([^"]+)"/g)) expect(m[1].startsWith('fig7-')).toBe(true);
    expect(scopeSvgIds('<svg><clipPath id="c1"/><g clip-path="url(#c1)"/></svg>', 'p-')).toBe('<svg><clipPath id="p-c1"/><g clip-path="url(#p-c1)"/></svg>');
  });
});

describe('renderMarkdown', () => {
  test('summary, a table row per claim, controls, counterexamples with replay', () => {
    const r = syntheticReport();
    const md = renderMarkdown(r);
    expect(md).toContain(`**${r.summary.verified} verified · ${r.summary.violated} violated`);
    for (const c of r.claims)
      expect(md).toMatch(new RegExp(`^\\| \`${c.id.replace(/\./g, '\\.')}\` \\| ${c.paper} \\| ${c.kind} \\| .*${c.status}.* \\|`, 'm'));
    for (const c of r.claims) for (const k of c.controls) expect(md).toContain(`| \`${k.id}\` | \`${c.id}\` |`);
    const cx = r.claims.find((c) => c.counterexample)!.counterexample!;
    expect(md).toContain(`\`\`\`sh\n${cx.replay}\n\`\`\``);
    expect(md).toContain('## Not verified');
  });
});

describe('renderJunit', () => {
  test('is well-formed, one testcase per claim and per control, failures carry counterexample and replay', () => {
    const r = syntheticReport();
    const xml = renderJunit(r);
    expect(xmlProblem(xml)).toBeNull();
    const controls = r.claims.reduce((s, c) => s + c.controls.length, 0);
    expect(xml.match(/<testcase /g)).toHaveLength(r.claims.length + controls);
    expect(xml).toMatch(new RegExp(`<testsuites name="robustness-proofs" tests="${r.claims.length + controls}"`));
    const flip = /<testcase classname="bubeck" name="bubeck\.one-step-flip"[^>]*>\s*<failure type="violated" message="([^"]*)">([^<]*)<\/failure>/.exec(xml);
    expect(flip).not.toBeNull();
    expect(flip![1]).toMatch(/^violated at /);
    expect(flip![2]).toContain('replay: npx tsx scripts/cli.ts replay --claim bubeck.one-step-flip');
    expect(flip![2]).toContain('counterexample (check main)');
    expect(xml).toMatch(/name="vardi\.kkt-convergence"[^>]*>\s*<failure type="inconclusive"/);
    expect(xml).toMatch(/name="vardi\.eta-experiment"[^>]*>\s*<skipped type="violated" message="observational/);
    expect(renderJunit(r, { inconclusive: 'skipped' })).toMatch(/name="vardi\.kkt-convergence"[^>]*>\s*<skipped type="inconclusive"/);
  });

  test('a control that is not violated is a failure', () => {
    const r = syntheticReport();
    r.claims[0].controls[0].status = 'inconclusive';
    const xml = renderJunit(r);
    expect(xml).toMatch(/name="bubeck\.eta-experiment ⟂ linear-eta"[^>]*>\s*<failure type="control-not-violated"/);
  });

  ptest.prop([fc.string({ unit: 'binary', maxLength: 40 })], { numRuns: 200 })('stays well-formed whatever text a statement or reason holds', (s) => {
    const r = syntheticReport();
    r.claims[2].statement = s;
    r.claims[2].reason = s;
    r.claims[2].counterexample!.replay = s;
    r.claims[0].controls[0].description = s;
    expect(xmlProblem(renderJunit(r))).toBeNull();
  });
});

describe('format', () => {
  test('numbers and durations', () => {
    expect(formatNumber(NaN)).toBe('—');
    expect(formatNumber(null)).toBe('—');
    expect(formatNumber(Infinity)).toBe('∞');
    expect(formatNumber(0.98765)).toBe('0.988');
    expect(formatNumber(1e-30)).toBe('1.00e-30');
    expect(formatNumber(1200)).toBe('1200');
    expect(formatDuration(850)).toBe('850 ms');
    expect(formatDuration(12345)).toBe('12.3 s');
    expect(formatDuration(192000)).toBe('3 min 12 s');
    expect(formatDuration(3_900_000)).toBe('1 h 05 min');
  });
});

describe('claims not run at the profile (Report.notRun: a claim that states its own time)', () => {
  const notRun = [
    {
      id: 'schmidt.mnist-sample-complexity',
      paper: 'schmidt',
      cpuSeconds: 14_400,
      reason:
        'states its own time at profile paper: ≈ 4.0 h of CPU (a shard sample); run it with: npm run verify -- --profile paper --only schmidt.mnist-sample-complexity',
    },
  ];
  test('report.md, index.html and report.json show each with its reason and command; without it, nothing is added', async () => {
    const base = syntheticReport();
    const report: Report = { ...base, notRun };
    const md = renderMarkdown(report);
    expect(md).toContain('**Not run at this profile (1):**');
    expect(md).toContain('`schmidt.mnist-sample-complexity` states its own time at profile paper');
    const html = await renderHtml(report);
    expect(html).toContain('id="not-run"');
    expect(html).toContain('npm run verify -- --profile paper --only schmidt.mnist-sample-complexity');
    expect(renderMarkdown(base)).not.toContain('Not run at this profile');
    expect(await renderHtml(base)).not.toContain('id="not-run"');
    expect(parseReport(JSON.stringify(report)).notRun).toEqual(notRun);
    const xml = renderJunit(report);
    expect(xml).toContain('<testcase classname="schmidt" name="schmidt.mnist-sample-complexity"');
    expect(xml).toMatch(/<skipped type="not-run" message="not run: states its own time at profile paper/);
    expect(renderJunit(base)).not.toContain('not-run');
    expect(() => parseReport(JSON.stringify({ ...report, notRun: [{ id: 'x', paper: 'schmidt', reason: 'r' }] }))).toThrow(/notRun\[0\]/);
  });
});
