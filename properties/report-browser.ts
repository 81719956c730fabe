/**
 * `npm run test:browser [-- --dir reports/latest | --synthetic]`: opens the report's index.html in
 * headless Chromium (Debian's /usr/bin/chromium driven by playwright-core; nothing downloaded),
 * checks that every claim of report.json has a visible, non-empty summary row and section, that every
 * figure is present with a drawn, non-empty SVG (or table), that every paper whose claims reproduce the
 * slides' figures has its "Figures" section holding exactly those, that each theory curve of a figure is
 * drawn (its layer `theory_curve_<i>_…` has a visible path), that a faceted figure draws one panel per
 * value, that statements with `$…$` carry MathML, and that the page made no network request; then saves
 * DIR/screenshot.png (the whole page) and DIR/screenshot-figures-<paper>.png (each Figures section). `--synthetic` first writes a synthetic report to reports/tmp/synthetic.
 * Prints "N passed, N failed" and exits non-zero on any failure. A test program, so it lives with the
 * tests (and may use their fixtures); vitest does not collect it (not a *.test.ts).
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import type { Figure, FigureCurve } from '../src/core/claim/types.js';
import { loadReport } from '../src/core/report/load.js';
import { MAX_PANELS } from '../src/core/report/html/figure.js';
import { writeReportFiles } from '../src/core/report/write.js';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** A theory curve the renderer can draw: some point finite (and positive on a log axis). */
function drawable(c: FigureCurve, f: Figure): boolean {
  const ok = (v: number | undefined) => v !== undefined && Number.isFinite(v);
  return c.points.some((p) => ok(p.x) && ok(p.y) && (!f.logX || p.x > 0) && (!f.logY || p.y > 0));
}

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

async function main(): Promise<number> {
  let dir = resolve(arg('dir') ?? join('reports', 'latest'));
  if (process.argv.includes('--synthetic')) {
    const { syntheticReport } = await import('./report-fixture.js');
    dir = resolve(join('reports', 'tmp', 'synthetic'));
    await writeReportFiles(syntheticReport(), dir);
  }
  const html = join(dir, 'index.html');
  if (!existsSync(html)) {
    console.error(`test:browser: ${html} does not exist; run \`npm run verify -- --profile smoke\` first (or pass --synthetic)`);
    return 2;
  }
  if (!existsSync(CHROMIUM)) {
    console.error(`test:browser: no Chromium at ${CHROMIUM}; install it with \`apt-get install -y chromium\` (or set CHROMIUM_PATH)`);
    return 2;
  }
  const report = loadReport(join(dir, 'report.json'));
  const failures: string[] = [];
  let passed = 0;
  const expect = (ok: boolean, what: string): void => {
    if (ok) passed++;
    else failures.push(what);
  };

  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS, headless: true });
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const external: string[] = [];
    page.on('request', (req) => {
      if (!req.url().startsWith('file:') && !req.url().startsWith('data:')) external.push(req.url());
    });
    const consoleErrors: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error') consoleErrors.push(m.text());
    });
    page.on('pageerror', (e) => consoleErrors.push(String(e)));
    await page.goto(pathToFileURL(html).href, { waitUntil: 'load' });

    // Measured in the page: rows, sections and figures with their rendered sizes and drawn marks.
    const seen = (await page.evaluate(`(() => {
      const box = (el) => { const r = el.getBoundingClientRect(); return { w: r.width, h: r.height }; };
      const rows = {};
      for (const tr of document.querySelectorAll('tr[data-claim]')) rows[tr.dataset.claim] = { ...box(tr), text: tr.textContent.trim(), cells: tr.cells.length };
      const sections = {};
      for (const a of document.querySelectorAll('[data-claim-section]')) sections[a.dataset.claimSection] = { ...box(a), text: a.textContent.trim().length };
      const figures = {};
      for (const f of document.querySelectorAll('figure[data-figure]')) {
        const svg = f.querySelector('svg');
        const table = f.querySelector('table');
        // Theory curves: the layers named theory_curve_<i>_p<panel>… (line or band); drawn = a path with a visible box.
        const curves = {};
        if (svg) for (const g of svg.querySelectorAll('g[class*="theory_curve_"]')) {
          const m = /theory_curve_(\\d+)_/.exec(g.getAttribute('class') || '');
          if (!m) continue;
          const drawn = [...g.querySelectorAll('path')].some((p) => (p.getAttribute('d') || '').length > 4 && (p.getBBox().width > 0 || p.getBBox().height > 0));
          curves[m[1]] = (curves[m[1]] || false) || drawn;
        }
        figures[f.dataset.figure] = {
          kind: f.dataset.mark,
          svg: svg ? { ...box(svg), marks: svg.querySelectorAll('path, rect, line, circle, text').length, drawn: svg.querySelectorAll('.mark-symbol path, .mark-rect path, .mark-line path, .mark-rule line, .mark-symbol, .mark-rect, .mark-line').length } : null,
          table: table ? { ...box(table), rows: table.querySelectorAll('tbody tr').length } : null,
          caption: (f.querySelector('figcaption')?.textContent ?? '').trim(),
          curves,
          curveLabels: JSON.parse(f.dataset.curves || '[]'),
          panels: Number(f.dataset.panels || '0'),
          inPaperFigures: f.closest('[data-paper-figures]')?.dataset.paperFigures ?? null,
        };
      }
      const paperFigures = {};
      for (const s of document.querySelectorAll('section[data-paper-figures]'))
        paperFigures[s.dataset.paperFigures] = { ...box(s), heading: (s.querySelector('h3')?.textContent ?? '').trim(), figures: s.querySelectorAll('figure[data-figure]').length };
      const math = {};
      for (const a of document.querySelectorAll('[data-claim-section]')) math[a.dataset.claimSection] = a.querySelectorAll('.statement math').length;
      const texErrors = document.querySelectorAll('code.tex-error').length;
      return { rows, sections, figures, paperFigures, math, texErrors, title: document.title };
    })()`)) as {
      rows: Record<string, { w: number; h: number; text: string; cells: number }>;
      sections: Record<string, { w: number; h: number; text: number }>;
      figures: Record<
        string,
        {
          kind: string;
          svg: { w: number; h: number; marks: number; drawn: number } | null;
          table: { w: number; h: number; rows: number } | null;
          caption: string;
          curves: Record<string, boolean>;
          curveLabels: string[];
          panels: number;
          inPaperFigures: string | null;
        }
      >;
      paperFigures: Record<string, { w: number; h: number; heading: string; figures: number }>;
      math: Record<string, number>;
      texErrors: number;
      title: string;
    };

    expect(seen.title.length > 0, 'page has a title');
    for (const c of report.claims) {
      const r = seen.rows[c.id];
      expect(
        !!r && r.w > 0 && r.h > 0 && r.cells === 7 && r.text.includes(c.id) && r.text.includes(c.status),
        `summary row of ${c.id} present, visible, 7 cells with id and status (got ${JSON.stringify(r)})`,
      );
      const s = seen.sections[c.id];
      expect(!!s && s.h > 0 && s.text > c.statement.length, `section of ${c.id} present and non-empty`);
      for (const f of c.figures ?? []) {
        const key = `${c.id}/${f.id}`;
        const got = seen.figures[key];
        if (!got) {
          expect(false, `figure ${key} present`);
          continue;
        }
        if (got.kind === 'table')
          expect(
            !!got.table && got.table.rows === f.data.length && got.table.h > 0,
            `table figure ${key} shows all ${f.data.length} rows (got ${JSON.stringify(got.table)})`,
          );
        else
          expect(
            !!got.svg && got.svg.w > 100 && got.svg.h > 60 && got.svg.marks > 10 && got.svg.drawn > 0,
            `figure ${key} has a drawn, non-empty SVG (got ${JSON.stringify(got.svg)})`,
          );
        expect(got.caption.includes(f.title), `figure ${key} has its title as caption`);
        expect(
          got.inPaperFigures === (f.slides ? c.paper : null),
          `figure ${key} is ${f.slides ? `in ${c.paper}'s Figures section` : "in its claim's section"}`,
        );
        if (got.kind !== 'table') {
          (f.curves ?? []).forEach((curve, i) => {
            if (!drawable(curve, f)) return;
            expect(got.curves[String(i)] === true, `figure ${key}: theory curve ${i} "${curve.label}" is drawn (got ${JSON.stringify(got.curves)})`);
            expect(got.curveLabels.includes(curve.label), `figure ${key}: theory curve "${curve.label}" is in the legend list`);
          });
          if (f.facet) {
            const values = new Set([...f.data.map((r) => r[f.facet!]), ...(f.curves ?? []).map((k) => k.facet)].filter((v) => v !== undefined && v !== null));
            expect(got.panels === Math.min(values.size, MAX_PANELS), `figure ${key}: one panel per ${f.facet} value (${values.size}, got ${got.panels})`);
          }
        }
      }
      if (/\$[^$]+\$/.test(c.statement)) expect((seen.math[c.id] ?? 0) > 0, `statement of ${c.id} renders its formulas as MathML`);
    }
    expect(seen.texErrors === 0, `no formula failed to render (got ${seen.texErrors} code.tex-error)`);
    const papers = [...new Set(report.claims.map((c) => c.paper))];
    for (const paper of papers) {
      const slides = report.claims.filter((c) => c.paper === paper).reduce((n, c) => n + (c.figures ?? []).filter((f) => f.slides).length, 0);
      const got = seen.paperFigures[paper];
      if (slides === 0) expect(!got, `${paper} has no Figures section (none of its figures reproduces the slides')`);
      else
        expect(
          !!got && got.h > 0 && got.heading === 'Figures' && got.figures === slides,
          `${paper} has a visible Figures section with its ${slides} slides' figures (got ${JSON.stringify(got)})`,
        );
    }
    const expectedFigures = report.claims.reduce((s, c) => s + (c.figures?.length ?? 0), 0);
    expect(
      Object.keys(seen.figures).length === expectedFigures,
      `page has exactly the ${expectedFigures} figures of report.json (got ${Object.keys(seen.figures).length})`,
    );
    expect(external.length === 0, `no network request (got ${external.join(', ')})`);
    expect(consoleErrors.length === 0, `no console error (got ${consoleErrors.join(' | ')})`);

    const shot = join(dir, 'screenshot.png');
    await page.screenshot({ path: shot, fullPage: true });
    console.log(`test:browser: screenshot ${shot}`);
    for (const section of await page.$$('section[data-paper-figures]')) {
      const paper = await section.getAttribute('data-paper-figures');
      const path = join(dir, `screenshot-figures-${paper}.png`);
      await section.screenshot({ path });
      console.log(`test:browser: screenshot ${path}`);
    }
  } finally {
    await browser.close();
  }
  for (const f of failures) console.error(`FAIL ${f}`);
  console.log(`${passed} passed, ${failures.length} failed`);
  return failures.length === 0 ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (e) => {
    console.error(`test:browser: ${(e as Error).stack ?? e}`);
    process.exit(1);
  },
);
