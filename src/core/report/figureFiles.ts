import type { TopLevelSpec } from 'vega-lite';
import type { Report } from './schema.js';
import { prepareFigure, renderSpecSvg } from './html/figure.js';

/** The file name of a figure's standalone SVG: `<claim id>--<figure id>.svg`, characters outside [A-Za-z0-9._-] as "_". @internal */
export function figureFileName(claimId: string, figureId: string): string {
  return `${claimId}--${figureId}.svg`.replace(/[^A-Za-z0-9._-]/g, '_');
}

/**
 * Every plotted figure of the report as a standalone SVG (the figure as in index.html, with its title and
 * caption drawn above it so the file reads on its own); table figures have none (index.html and report.md
 * show them). In report order.
 */
export async function figureSvgFiles(report: Report): Promise<Array<{ name: string; svg: string }>> {
  const out: Array<{ name: string; svg: string }> = [];
  for (const c of report.claims) {
    for (const [i, f] of (c.figures ?? []).entries()) {
      const prepared = prepareFigure(f);
      if (prepared.kind !== 'plot') continue;
      const subtitle = [
        f.caption?.replace(/\$/g, ''),
        f.slides ? `Reproduces ${f.slides}.` : '',
        `${c.id}, ${report.profile} profile, seed ${report.masterSeed}`,
      ]
        .filter(Boolean)
        .join(' ');
      const spec = {
        ...prepared.spec,
        title: { text: f.title, subtitle: wrap(subtitle, 110), anchor: 'start', fontSize: 13, subtitleFontSize: 11 },
      } as TopLevelSpec;
      out.push({ name: figureFileName(c.id, f.id), svg: await renderSpecSvg(spec, `f${i}-`) });
    }
  }
  return out;
}

/** Lines of at most `width` characters, broken at spaces (vega draws a subtitle array as lines). */
function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/)) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines;
}
