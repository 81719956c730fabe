import { existsSync, linkSync, lstatSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderHtml } from './html.js';
import { figureSvgFiles } from './figureFiles.js';
import { renderJunit, type JunitOptions } from './junit.js';
import { renderMarkdown } from './markdown.js';
import type { Report } from './schema.js';

/** The files writeReportFiles produces, in the order they are renamed into place (report.json last). @internal */
export const REPORT_FILES = ['index.html', 'report.md', 'junit.xml', 'report.json'] as const;

/** report.json exactly as written: 2-space JSON with a trailing newline. @internal */
export function serializeReport(report: Report): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}

/** The folder of the standalone figure SVGs inside a report folder. @internal */
export const FIGURES_DIR = 'figures';

/**
 * Write report.json, report.md, junit.xml and index.html into `dir` (created if missing), and each
 * plotted figure as a standalone SVG in `dir/figures/` (`<claim id>--<figure id>.svg`; the folder is
 * replaced as a whole, so no figure of an earlier run lingers; no folder when the report has no plot).
 * Everything is rendered first; then each file goes to a temporary file in `dir` (the figures to a
 * temporary folder) and is renamed over its target, the previous files being kept as hard links (the
 * previous folder renamed aside) until all are in place. A failure (render error, full disk, a target
 * that cannot be replaced) never leaves a partial or mixed set: either all files are the new ones, or
 * the previous ones are restored, and no temporary file remains. Returns the paths written (the figures
 * folder as one path).
 */
export async function writeReportFiles(report: Report, dir: string, opts: { junit?: JunitOptions } = {}): Promise<string[]> {
  const contents: Record<(typeof REPORT_FILES)[number], string> = {
    'index.html': await renderHtml(report),
    'report.md': renderMarkdown(report),
    'junit.xml': renderJunit(report, opts.junit),
    'report.json': serializeReport(report),
  };
  const svgs = await figureSvgFiles(report);
  mkdirSync(dir, { recursive: true });
  const stamp = `${process.pid}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
  const figs = {
    tmp: join(dir, `.${FIGURES_DIR}.${stamp}.tmp`),
    bak: join(dir, `.${FIGURES_DIR}.${stamp}.bak`),
    target: join(dir, FIGURES_DIR),
    backedUp: false,
    installed: false,
  };
  const files = REPORT_FILES.map((name) => ({
    name,
    tmp: join(dir, `.${name}.${stamp}.tmp`),
    bak: join(dir, `.${name}.${stamp}.bak`),
    target: join(dir, name),
    backedUp: false,
    installed: false,
  }));
  try {
    for (const f of files) writeFileSync(f.tmp, contents[f.name], { encoding: 'utf8', flag: 'wx' });
    if (svgs.length > 0) {
      mkdirSync(figs.tmp);
      for (const g of svgs) writeFileSync(join(figs.tmp, g.name), g.svg, { encoding: 'utf8', flag: 'wx' });
    }
    // Keep the previous files (hard links) until all new ones are in place, to roll back to.
    for (const f of files) {
      if (existsSync(f.target) && lstatSync(f.target).isFile()) {
        linkSync(f.target, f.bak);
        f.backedUp = true;
      }
    }
    if (existsSync(figs.target) && lstatSync(figs.target).isDirectory()) {
      renameSync(figs.target, figs.bak);
      figs.backedUp = true;
    }
    if (svgs.length > 0) {
      renameSync(figs.tmp, figs.target);
      figs.installed = true;
    }
    for (const f of files) {
      renameSync(f.tmp, f.target);
      f.installed = true;
    }
  } catch (e) {
    if (figs.installed) rmSync(figs.target, { recursive: true, force: true });
    if (figs.backedUp) renameSync(figs.bak, figs.target);
    for (const f of files) {
      if (f.installed) {
        if (f.backedUp) renameSync(f.bak, f.target);
        else rmSync(f.target, { force: true });
      }
    }
    throw new Error(`writeReportFiles: could not write the report into ${dir} (previous files left as they were): ${(e as Error).message}`);
  } finally {
    for (const f of files) {
      rmSync(f.tmp, { force: true });
      rmSync(f.bak, { force: true });
    }
    rmSync(figs.tmp, { recursive: true, force: true });
    rmSync(figs.bak, { recursive: true, force: true });
  }
  return [...files.map((f) => f.target), ...(svgs.length > 0 ? [figs.target] : [])];
}
