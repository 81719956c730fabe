import type { ClaimResult } from './schema.js';

type Cov = NonNullable<ClaimResult['coverage']>;

/** "3 canonical · 12 design · 6 random" (the plan's configurations by source). */
export function sourcesLine(cov: Cov): string {
  return (['canonical', 'design', 'search', 'random'] as const)
    .filter((s) => s !== 'search' || (cov.sources.search ?? 0) > 0)
    .map((s) => `${cov.sources[s] ?? 0} ${s}`)
    .join(' · ');
}

/** The choices of a factor never taken by a configuration (levels, rows, range ends). */
function untested(cov: Cov): string[] {
  return cov.factors.flatMap((f) => f.choices.filter((c) => c.configurations === 0 && c.choice !== 'interior').map((c) => `${f.name} = ${c.choice}`));
}

/** The untested choices as one phrase: the first `max`, then how many more (the HTML grid lists them all). */
export function untestedText(cov: Cov, max = 12): string {
  const miss = untested(cov);
  return miss.length <= max ? miss.join(', ') : `${miss.slice(0, max).join(', ')} and ${miss.length - max} more`;
}

/** "8 design points left out by constraints (first: …)", or '' when none was. */
export function excludedText(reasons: readonly string[] | undefined): string {
  return reasons?.length ? `${reasons.length} design point${reasons.length === 1 ? '' : 's'} left out by constraints (first: ${reasons[0]})` : '';
}

/** One line per factor: `k: min ×4, max ×4, interior ×6` (Markdown). */
export function coverageLines(cov: Cov): string[] {
  return cov.factors.map((f) => `${f.name}: ${f.choices.map((c) => `${c.choice} ×${c.configurations}`).join(', ')}`);
}

/**
 * The HTML coverage grid of a claim: one row per factor, one cell per level, row or range end with
 * the number of configurations that took it; a cell never taken is marked (class "miss").
 */
export function coverageGrid(cov: Cov, esc: (s: string) => string, excluded?: readonly string[]): string {
  const rows = cov.factors
    .map(
      (f) =>
        `<tr><th><code>${esc(f.name)}</code></th><td>${f.choices
          .map(
            (c) =>
              `<span class="cov${c.configurations === 0 ? ' miss' : ''}" title="${c.configurations} configuration(s)">${esc(c.choice)} <b>${c.configurations}</b></span>`,
          )
          .join(' ')}</td></tr>`,
    )
    .join('');
  const left = excludedText(excluded);
  return `<h4>Coverage (${esc(sourcesLine(cov))})</h4><table class="coverage"><tbody>${rows}</tbody></table>${left ? `<p class="meta">${esc(left)}</p>` : ''}`;
}
