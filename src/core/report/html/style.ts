/** The report page's stylesheet (inlined: the page loads nothing from the network). */
export const REPORT_CSS = `
:root { --ok: #1e7b34; --bad: #b03a2e; --warn: #9a6700; --ink: #1f2328; --muted: #59636e; --line: #d1d9e0; --soft: #f6f8fa; }
* { box-sizing: border-box; }
body { font: 14px/1.5 "DejaVu Sans", system-ui, -apple-system, "Segoe UI", Helvetica, Arial, sans-serif; color: var(--ink); margin: 0; background: #fff; }
main { max-width: 1180px; margin: 0 auto; padding: 24px 28px 64px; }
h1 { font-size: 24px; margin: 0 0 4px; }
h2 { font-size: 20px; margin: 36px 0 10px; padding-bottom: 4px; border-bottom: 1px solid var(--line); }
h3 .meta { font-size: 13px; font-weight: 400; }
h3 { font-size: 16px; margin: 0 0 6px; display: flex; gap: 10px; align-items: center; flex-wrap: wrap; }
h4 { font-size: 13px; margin: 14px 0 6px; text-transform: uppercase; letter-spacing: .04em; color: var(--muted); }
code, pre, .mono { font-family: "DejaVu Sans Mono", ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 12.5px; }
a { color: #0969da; text-decoration: none; } a:hover { text-decoration: underline; }
.meta { color: var(--muted); margin: 2px 0; }
.totals { display: flex; gap: 10px; flex-wrap: wrap; margin: 14px 0 6px; }
.total { border: 1px solid var(--line); border-radius: 8px; padding: 8px 14px; min-width: 120px; }
.total b { display: block; font-size: 22px; }
.total.verified b { color: var(--ok); } .total.violated b { color: var(--bad); } .total.inconclusive b { color: var(--warn); }
.alert { border-left: 4px solid var(--bad); background: #fff5f5; padding: 8px 12px; margin: 12px 0; }
table { border-collapse: collapse; width: 100%; margin: 6px 0 10px; }
th, td { text-align: left; padding: 5px 8px; border-bottom: 1px solid var(--line); vertical-align: top; }
th { background: var(--soft); font-weight: 600; font-size: 13px; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
table.summary td:first-child { white-space: nowrap; }
.badge { display: inline-block; border-radius: 10px; padding: 0 9px; font-size: 12px; font-weight: 600; line-height: 20px; color: #fff; white-space: nowrap; }
.badge.verified { background: var(--ok); } .badge.violated { background: var(--bad); } .badge.inconclusive { background: var(--warn); }
.badge.obs { background: #fff; color: var(--muted); border: 1px solid var(--line); font-weight: 400; }
.claim { border: 1px solid var(--line); border-radius: 10px; padding: 16px 18px; margin: 16px 0; }
.claim.violated { border-left: 5px solid var(--bad); } .claim.inconclusive { border-left: 5px solid var(--warn); } .claim.verified { border-left: 5px solid var(--ok); }
.statement { margin: 4px 0 10px; font-size: 14.5px; }
table.coverage th { width: 1%; white-space: nowrap; } .cov { display: inline-block; border: 1px solid var(--line); border-radius: 6px; padding: 0 6px; margin: 1px 2px; font-size: 12px; }
.cov.miss { border-color: var(--bad); color: var(--bad); background: #fff5f5; }
.reason { color: var(--warn); margin: 4px 0 8px; } .claim.violated .reason { color: var(--bad); }
.cols { display: grid; grid-template-columns: minmax(0, 1fr) minmax(0, 1fr); gap: 18px; }
@media (max-width: 820px) { .cols { grid-template-columns: 1fr; } }
dl.evidence { display: grid; grid-template-columns: max-content 1fr; gap: 2px 12px; margin: 0; }
dl.evidence dt { color: var(--muted); } dl.evidence dd { margin: 0; }
.cx { background: #fff5f5; border: 1px solid #f0c8c4; border-radius: 8px; padding: 10px 12px; margin: 10px 0; }
.control-cx { background: var(--soft); border-color: var(--line); }
pre.replay { background: #0d1117; color: #e6edf3; padding: 8px 10px; border-radius: 6px; overflow-x: auto; white-space: pre-wrap; word-break: break-all; margin: 6px 0 0; }
.figures { display: flex; flex-wrap: wrap; gap: 14px; margin-top: 8px; }
figure.fig { margin: 0; border: 1px solid var(--line); border-radius: 8px; padding: 8px; background: #fff; max-width: 100%; overflow-x: auto; }
figure.fig svg { display: block; max-width: 100%; height: auto; }
figure.fig figcaption { font-size: 13px; color: var(--muted); margin-top: 4px; max-width: 520px; }
figure.fig table { width: auto; font-size: 13px; }
.paper-figures { border: 1px solid var(--line); border-radius: 10px; padding: 12px 16px 14px; margin: 14px 0 20px; background: #fcfcfd; }
.paper-figures > .figures { gap: 16px; }
.paper-figures figure.fig figcaption { max-width: 720px; }
.statement .katex, figcaption .katex { font-size: 1.08em; }
code.tex-error { color: var(--bad); }
details.evidence-more { margin: 4px 0 0; font-size: 13px; }
details { margin: 8px 0; } summary { cursor: pointer; color: var(--muted); }
.notes { color: var(--muted); font-size: 13px; margin-top: 8px; }
.ok { color: var(--ok); } .bad { color: var(--bad); }
nav.toc { margin: 10px 0 0; font-size: 13px; } nav.toc a { margin-right: 14px; }
footer { color: var(--muted); font-size: 12px; margin-top: 40px; }
`;
