/**
 * `npm run test:browser [-- --dir reports/latest | --synthetic]`: opens the report's index.html in
 * headless Chromium (Debian's /usr/bin/chromium driven by playwright-core; nothing downloaded),
 * checks that every claim of report.json has a visible, non-empty summary row and section, that every
 * figure is present with a drawn, non-empty SVG (or table), and that the page made no network request;
 * then saves DIR/screenshot.png. `--synthetic` first writes a synthetic report to reports/tmp/synthetic.
 * Prints "N passed, N failed" and exits non-zero on any failure. A test program, so it lives with the
 * tests (and may use their fixtures); vitest does not collect it (not a *.test.ts).
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { loadReport } from '../src/core/report/load.js';
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
        figures[f.dataset.figure] = {
          kind: f.dataset.mark,
          svg: svg ? { ...box(svg), marks: svg.querySelectorAll('path, rect, line, circle, text').length, drawn: svg.querySelectorAll('.mark-symbol path, .mark-rect path, .mark-line path, .mark-rule line, .mark-symbol, .mark-rect, .mark-line').length } : null,
          table: table ? { ...box(table), rows: table.querySelectorAll('tbody tr').length } : null,
          caption: (f.querySelector('figcaption')?.textContent ?? '').trim(),
        };
      }
      return { rows, sections, figures, title: document.title };
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
        }
      >;
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
      }
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
