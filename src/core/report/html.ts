import type { Evidence, Figure, Status } from '../claim/types.js';
import { escapeXml as esc } from './html/escape.js';
import { coverageGrid } from './coverageView.js';
import {
  claimsByPaper,
  claimTrials,
  formatDuration,
  formatEstimate,
  formatInterval,
  formatNumber,
  formatParams,
  formatTarget,
  paperTitle,
  summaryLine,
} from './format.js';
import { prepareFigure, renderSpecSvg } from './html/figure.js';
import { mathHtml } from './html/math.js';
import { REPORT_CSS } from './html/style.js';
import type { ClaimResult, Counterexample, Report } from './schema.js';

function badge(s: Status): string {
  return `<span class="badge ${s}">${s}</span>`;
}

/** The id of a claim's section (also the summary row's link target). */
function claimAnchor(id: string): string {
  return `claim-${id}`;
}

/**
 * The evidence panel: the fields a reader needs (estimate with its 95% interval, the claimed value, the
 * p-value, the trials), rounded to 3–4 significant digits; the test, α, β, δ, the measured values and the
 * note behind a disclosure.
 */
function evidenceList(e: Evidence): string {
  const rows: Array<[string, string]> = [['estimate [95% CI]', esc(formatEstimate(e))]];
  const target = formatTarget(e);
  if (target) rows.push(['claimed', esc(target)]);
  rows.push(['p-value', esc(formatNumber(e.pValue))]);
  rows.push(['trials', `${e.trials}${e.successes !== undefined ? ` (${e.successes} successes)` : ''}`]);
  const more: Array<[string, string]> = [
    ['test', esc(e.test)],
    ['α used', esc(formatNumber(e.alpha))],
  ];
  if (e.beta !== undefined) more.push(['β', esc(formatNumber(e.beta))]);
  if (e.delta !== undefined) more.push(['indifference δ', esc(formatNumber(e.delta))]);
  for (const [k, v] of Object.entries(e.measured ?? {})) more.push([esc(k), esc(formatNumber(v, 4))]);
  if (e.note) more.push(['note', esc(e.note)]);
  const dl = (r: Array<[string, string]>) => `<dl class="evidence">${r.map(([k, v]) => `<dt>${k}</dt><dd>${v}</dd>`).join('')}</dl>`;
  const measured = Object.keys(e.measured ?? {}).length;
  return `${dl(rows)}<details class="evidence-more"><summary>test, α${e.beta !== undefined ? ', β' : ''}${e.delta !== undefined ? ', δ' : ''}${measured ? `, ${measured} measured value${measured === 1 ? '' : 's'}` : ''}${e.note ? ', note' : ''}</summary>${dl(more)}</details>`;
}

function counterexampleBox(cx: Counterexample, heading: string, cls = ''): string {
  const c = cx.confirmation;
  return `<div class="cx ${cls}"><b>${esc(heading)}</b> — check <code>${esc(cx.check)}</code> fails at <code>${esc(formatParams(cx.params))}</code>
<div class="meta">fast-check seed ${cx.seed}, ${cx.shrinks} shrinks${cx.path ? `, path ${esc(cx.path)}` : ''}. Confirmation on a fresh stream: ${badge(c.status)} ${esc(formatEstimate(c.evidence))}, p = ${esc(formatNumber(c.evidence.pValue))}, ${c.evidence.trials} trials.</div>
<pre class="replay"><code>${esc(cx.replay)}</code></pre></div>`;
}

/** The id of a figure's element (the target of the links from its claim's section). */
function figureAnchor(claimId: string, figureId: string): string {
  return `fig-${claimId}-${figureId}`.replace(/[^A-Za-z0-9_.-]/g, '_');
}

/**
 * One figure: its SVG (or table) and a caption with the title, the caption text (formulas as math), notes
 * on rows left out and, in a paper's Figures section, a link to the claim. `data-curves` lists the labels
 * of the theory curves drawn (each one's layer carries the class `theory_curve_<i>_…`, see curveClass).
 */
async function figureHtml(claimId: string, f: Figure, index: number, linkClaim: boolean): Promise<string> {
  const prepared = prepareFigure(f);
  const key = `${claimId}/${f.id}`;
  let body: string;
  let attrs = '';
  if (prepared.kind === 'table') {
    // The engine's configuration index is bookkeeping, not a column a reader needs.
    prepared.columns = prepared.columns.filter((c) => c !== 'config');
    const head = prepared.columns.map((c) => `<th>${esc(c)}</th>`).join('');
    const rows = prepared.rows
      .map(
        (r) =>
          `<tr>${prepared.columns.map((c) => (typeof r[c] === 'number' ? `<td class="num">${esc(formatNumber(r[c] as number, 4))}</td>` : `<td>${esc(r[c] ?? '')}</td>`)).join('')}</tr>`,
      )
      .join('');
    body = `<table class="fig-table"><thead><tr>${head}</tr></thead><tbody>${rows}</tbody></table>`;
  } else {
    const prefix = `${claimId}-${index}-`.replace(/[^A-Za-z0-9_-]/g, '_');
    body = await renderSpecSvg(prepared.spec, prefix);
    attrs = ` data-curves="${esc(JSON.stringify(prepared.curves))}" data-panels="${Math.max(1, prepared.panels.length)}"`;
  }
  const notes = prepared.notes.length ? ` <span class="meta">(${esc(prepared.notes.join('; '))})</span>` : '';
  const caption = f.caption ? ` ${mathHtml(f.caption)}` : '';
  const slides = f.slides ? ` <span class="meta">Reproduces ${esc(f.slides)}.</span>` : '';
  const link = linkClaim ? ` <span class="meta">From <a href="#${esc(claimAnchor(claimId))}"><code>${esc(claimId)}</code></a>.</span>` : '';
  return `<figure class="fig" id="${esc(figureAnchor(claimId, f.id))}" data-figure="${esc(key)}" data-mark="${prepared.kind === 'table' ? 'table' : 'plot'}"${attrs}>${body}<figcaption><b>${mathHtml(f.title)}</b>.${caption}${slides}${notes}${link}</figcaption></figure>`;
}

/** A paper's "Figures" section: the figures of its claims that reproduce the slides' (`Figure.slides`), in claim order. */
async function paperFigures(paper: string, claims: readonly ClaimResult[]): Promise<string> {
  const rendered: string[] = [];
  for (const c of claims) for (const [i, f] of (c.figures ?? []).entries()) if (f.slides) rendered.push(await figureHtml(c.id, f, i, true));
  if (rendered.length === 0) return '';
  return `<section class="paper-figures" id="figures-${esc(paper)}" data-paper-figures="${esc(paper)}"><h3>Figures</h3><p class="meta">The slides' figures, reproduced from this run's data: measured values as points or bars, the theory the slides state as dashed lines (legend "theory"), reference values as dotted lines.</p><div class="figures">${rendered.join('')}</div></section>`;
}

function kvTable(head: [string, string], rows: Array<[string, string]>): string {
  return `<table><thead><tr><th>${head[0]}</th><th>${head[1]}</th></tr></thead><tbody>${rows.map(([k, v]) => `<tr><td><code>${esc(k)}</code></td><td>${v}</td></tr>`).join('')}</tbody></table>`;
}

function configurationsTable(c: ClaimResult): string {
  if (c.configurations.length === 0) return '';
  const rows = c.configurations
    .map((k) => {
      const checks = k.checks
        .map(
          (ch) =>
            `${esc(ch.name)}: ${badge(ch.status)} ${esc(formatEstimate(ch.evidence))}, p = ${esc(formatNumber(ch.evidence.pValue))}${ch.holmThreshold !== undefined ? ` vs Holm ${esc(formatNumber(ch.holmThreshold))}` : ''}, ${ch.evidence.trials} trials${ch.resolution ? `<div class="meta resolution">${esc(ch.resolution)}</div>` : ''}`,
        )
        .join('<br>');
      return `<tr><td class="mono">${esc(formatParams(k.params))}</td><td>${badge(k.status)}</td><td>${checks}</td><td class="num">${esc(formatDuration(k.durationMs))}</td></tr>`;
    })
    .join('');
  const counts = (['verified', 'violated', 'inconclusive'] as const).map((s) => `${c.configurations.filter((k) => k.status === s).length} ${s}`).join(', ');
  return `<details><summary>${c.configurations.length} configuration${c.configurations.length === 1 ? '' : 's'} tested (${counts})</summary><table><thead><tr><th>configuration</th><th>status</th><th>checks</th><th class="num">time</th></tr></thead><tbody>${rows}</tbody></table></details>`;
}

function controlsTable(c: ClaimResult): string {
  if (c.controls.length === 0) return '<h4>Controls</h4><p class="meta">This claim lists no negative control.</p>';
  const rows = c.controls
    .map((k) => {
      const mark = k.status === 'violated' ? '<span class="ok">✔ violated as expected</span>' : `<span class="bad">✘ came out ${esc(k.status)}</span>`;
      const ev = k.evidence ? `${esc(formatEstimate(k.evidence))}, p = ${esc(formatNumber(k.evidence.pValue))}` : '—';
      const replay = k.counterexample
        ? `<details><summary>replay</summary><pre class="replay"><code>${esc(k.counterexample.replay)}</code></pre></details>`
        : '';
      return `<tr data-control="${esc(k.id)}"><td><code>${esc(k.id)}</code><div class="meta">${esc(k.description)}</div></td><td class="mono">${esc(formatParams(k.params))}</td><td>${mark}</td><td>${ev}${replay}</td></tr>`;
    })
    .join('');
  return `<h4>Controls (must come out violated)</h4><table><thead><tr><th>control</th><th>configuration</th><th>status</th><th>evidence</th></tr></thead><tbody>${rows}</tbody></table>`;
}

async function claimSection(c: ClaimResult): Promise<string> {
  const parts: string[] = [];
  parts.push(`<article class="claim ${c.status}" id="${esc(claimAnchor(c.id))}" data-claim-section="${esc(c.id)}">`);
  parts.push(
    `<h3><code>${esc(c.id)}</code> ${badge(c.status)}${c.observational ? ' <span class="badge obs">observational — reported, never gating</span>' : ''}${c.knownFailure ? ` <span class="badge obs">recorded known failure</span></h3><p class="meta">Known failure (${esc(c.knownFailure.status)}): ${esc(c.knownFailure.reason)}</p><h3 hidden>` : ''} <span class="meta">${esc(c.kind)} · ${esc(formatDuration(c.durationMs))}</span></h3>`,
  );
  if (c.unexpected?.length)
    parts.push(`<p class="reason unexpected"><strong>Unmet expectation</strong> (fails the gate): ${c.unexpected.map(esc).join('; ')}</p>`);
  const skipped = [
    ...Object.entries(c.skipped?.checks ?? {}).map(([k, why]) => `check ${k}: ${why}`),
    ...Object.entries(c.skipped?.controls ?? {}).map(([k, why]) => `control ${k}: ${why}`),
  ];
  if (skipped.length) parts.push(`<p class="meta">Skipped (not run): ${skipped.map(esc).join('; ')}</p>`);
  const knownParts = [
    ...Object.entries(c.knownFailures?.checks ?? {}).map(([k, kf]) => `check ${k} (${kf.status}): ${kf.reason}`),
    ...Object.entries(c.knownFailures?.controls ?? {}).map(([k, kf]) => `control ${k} (${kf.status}): ${kf.reason}`),
  ];
  if (knownParts.length) parts.push(`<p class="meta">Recorded known failures: ${knownParts.map(esc).join('; ')}</p>`);
  parts.push(`<p class="statement">${mathHtml(c.statement)}</p>`);
  if (c.reason) parts.push(`<p class="reason">${esc(c.reason)}</p>`);
  const hyp = kvTable(
    ['parameter', 'range tested'],
    Object.entries(c.hypotheses).map(([k, v]) => [k, esc(v)]),
  );
  const checks = `<table><thead><tr><th>check</th><th>what is tested</th></tr></thead><tbody>${c.checks.map((k) => `<tr><td><code>${esc(k.name)}</code><div class="meta">${esc(k.kind)}</div></td><td>${esc(k.describe)}</td></tr>`).join('')}</tbody></table>`;
  parts.push(
    `<div class="cols"><div><h4>Hypotheses as tested</h4>${hyp}<h4>Checks</h4>${checks}</div><div><h4>Evidence (worst configuration)</h4>${evidenceList(c.evidence)}`,
  );
  if (c.constants && Object.keys(c.constants).length > 0) {
    parts.push(
      `<h4>Calibrated constants</h4>${kvTable(
        ['constant', 'value [95% CI]'],
        Object.entries(c.constants).map(([k, v]) => [k, esc(`${formatNumber(v.value, 4)} ${formatInterval(v.ci)}`)]),
      )}`,
    );
  }
  parts.push('</div></div>');
  if (c.counterexample) parts.push(counterexampleBox(c.counterexample, c.status === 'violated' ? 'Counterexample' : 'Unconfirmed counterexample'));
  const figs = c.figures ?? [];
  if (figs.length > 0) {
    const rendered: string[] = [];
    for (const [i, f] of figs.entries()) if (!f.slides) rendered.push(await figureHtml(c.id, f, i, false));
    const elsewhere = figs.filter((f) => f.slides);
    const links = elsewhere.length
      ? `<p class="meta">In the paper's Figures section: ${elsewhere.map((f) => `<a href="#${esc(figureAnchor(c.id, f.id))}">${mathHtml(f.title)}</a>`).join('; ')}.</p>`
      : '';
    parts.push(`<h4>Figures</h4>${links}${rendered.length ? `<div class="figures">${rendered.join('')}</div>` : ''}`);
  }
  if (c.coverage) parts.push(coverageGrid(c.coverage, esc, c.excludedDesignRows));
  parts.push(configurationsTable(c));
  parts.push(controlsTable(c));
  if (c.notes) parts.push(`<p class="notes"><b>Notes.</b> ${esc(c.notes)}</p>`);
  parts.push('</article>');
  return parts.join('\n');
}

function summaryTable(r: Report): string {
  const rows = r.claims
    .map(
      (c) =>
        `<tr data-claim="${esc(c.id)}" class="${c.status}"><td><a href="#${esc(claimAnchor(c.id))}"><code>${esc(c.id)}</code></a></td><td>${esc(c.paper)}</td><td>${esc(c.kind)}</td><td>${badge(c.status)}${c.observational ? ' <span class="badge obs">obs.</span>' : ''}</td><td class="num">${esc(formatEstimate(c.evidence))}</td><td class="num">${claimTrials(c)} <span class="meta">(${c.configurations.length})</span></td><td class="num">${esc(formatDuration(c.durationMs))}</td></tr>`,
    )
    .join('\n');
  return `<table class="summary"><thead><tr><th>claim</th><th>paper</th><th>kind</th><th>status</th><th class="num">estimate [95% CI]</th><th class="num">trials (configs)</th><th class="num">time</th></tr></thead><tbody>\n${rows}\n</tbody></table>`;
}

/**
 * index.html: one self-contained page (inline CSS, inline SVG, no script, nothing loaded from the
 * network) with the run's totals, a summary table with one row per claim (`tr[data-claim]`), and a
 * section per paper with each claim's statement, hypotheses as tested, checks, evidence, constants,
 * counterexample and replay command, figures (`figure[data-figure]`, vega-lite → SVG), configurations
 * and controls; the figures that reproduce the slides' (`Figure.slides`) open their paper's section
 * (`section[data-paper-figures]`). Statements render `$…$` as MathML (KaTeX). Reads only the Report.
 */
export async function renderHtml(report: Report): Promise<string> {
  const s = report.summary;
  const st = report.statistics;
  const shard = report.shard ? ` · shard ${report.shard.index}/${report.shard.count}` : '';
  const groups = claimsByPaper(report.claims, report.papers);
  const failedControls = report.claims.flatMap((c) => c.controls.filter((k) => k.status !== 'violated').map((k) => `${c.id} ⟂ ${k.id}`));
  const sections: string[] = [];
  for (const g of groups) {
    const claims: string[] = [];
    for (const c of g.claims) claims.push(await claimSection(c));
    const figures = await paperFigures(g.paper, g.claims);
    sections.push(
      `<section class="paper" id="paper-${esc(g.paper)}" data-paper="${esc(g.paper)}"><h2>${esc(paperTitle(report.papers, g.paper))}</h2>\n${figures}\n${claims.join('\n')}\n</section>`,
    );
  }
  const total = (k: 'verified' | 'violated' | 'inconclusive') => `<div class="total ${k}"><b>${s[k]}</b>${k}</div>`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(`${report.tool.name} — ${report.profile} — ${summaryLine(s)}`)}</title>
<style>${REPORT_CSS}</style>
</head>
<body>
<main>
<header>
<h1>Robustness theorems: confidence report</h1>
<p class="meta">${esc(report.tool.name)} ${esc(report.tool.version)} · profile <b>${esc(report.profile)}</b> · seed ${report.masterSeed}${esc(shard)} · started ${esc(report.startedAt)} · took ${esc(formatDuration(report.durationMs))} · node ${esc(report.environment.node)} on ${esc(report.environment.platform)}, ${report.environment.cpus} cpus</p>
<div class="totals">${total('verified')}${total('violated')}${total('inconclusive')}<div class="total"><b>${s.controlsFailedAsExpected}/${s.controlsTotal}</b>controls violated as expected</div></div>
<p class="meta">Holm–Bonferroni across ${st.family} configuration tests at family-wise α = ${esc(st.alpha)}; sequential tests at β = ${esc(st.beta)}. <i>Verified</i>: the data are consistent with the claimed bound at that α. <i>Violated</i>: the data reject it and a run on a fresh stream confirms. <i>Inconclusive</i>: neither — never counted as a pass. Observational claims are reported, never counted.</p>
${report.notRun?.length ? `<div class="alert" id="not-run"><b>Not run at this profile (${report.notRun.length}):</b> ${report.notRun.map((n) => `<code>${esc(n.id)}</code> ${esc(n.reason)}`).join('; ')}</div>` : ''}
${failedControls.length ? `<div class="alert"><b>${failedControls.length} control(s) did not come out violated</b> — the suite could not tell these broken variants from the theorem: ${failedControls.map((x) => `<code>${esc(x)}</code>`).join(', ')}</div>` : ''}
<nav class="toc"><a href="#summary">Summary</a>${groups.map((g) => `<a href="#paper-${esc(g.paper)}">${esc(paperTitle(report.papers, g.paper).split(' — ')[0])}</a>`).join('')}</nav>
</header>
<section id="summary"><h2>Summary</h2>
${summaryTable(report)}
</section>
${sections.join('\n')}
<footer>Rendered from report.json (schemaVersion ${report.schemaVersion}); the JSON beside this page is the source of truth. Replay any counterexample with its command.</footer>
</main>
</body>
</html>
`;
}
