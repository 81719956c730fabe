import katex from 'katex';
import { escapeXml } from './escape.js';

/**
 * Text with inline TeX between single dollar signs (`$S^{d-1}$`; `\$` is a literal dollar) as HTML: the
 * text parts escaped, each formula rendered by KaTeX to MathML at build time (no script, no font, no
 * network: the browser's MathML typesets it). A formula KaTeX cannot parse is shown as its escaped source
 * in `<code class="tex-error">`, never dropped. Markdown and JUnit keep the TeX source as it is.
 */
export function mathHtml(text: string): string {
  return splitMath(text)
    .map((part) => (part.math ? renderTex(part.text) : escapeXml(part.text.replace(/\\\$/g, '$'))))
    .join('');
}

/** The parts of `text` outside and inside `$…$` (an unmatched `$` is text). @internal */
export function splitMath(text: string): Array<{ math: boolean; text: string }> {
  const parts: Array<{ math: boolean; text: string }> = [];
  const re = /(?<!\\)\$((?:[^$\\]|\\.)+?)\$/g;
  let last = 0;
  for (const m of text.matchAll(re)) {
    if (m.index > last) parts.push({ math: false, text: text.slice(last, m.index) });
    parts.push({ math: true, text: m[1] });
    last = m.index + m[0].length;
  }
  if (last < text.length) parts.push({ math: false, text: text.slice(last) });
  return parts;
}

/** One formula as KaTeX MathML (`<span class="katex"><math …>`), or its source in `<code class="tex-error">`. @internal */
export function renderTex(tex: string): string {
  try {
    return katex.renderToString(tex, { output: 'mathml', throwOnError: true, strict: 'ignore' });
  } catch (e) {
    return `<code class="tex-error" title="${escapeXml((e as Error).message)}">$${escapeXml(tex)}$</code>`;
  }
}
