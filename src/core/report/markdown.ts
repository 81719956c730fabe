import type { Counterexample, Report } from './schema.js';
import { claimResolution } from './resolution.js';
import { coverageLines, excludedText, sourcesLine, untestedText } from './coverageView.js';
import { claimTrials, formatDuration, formatEstimate, formatNumber, formatParams, STATUS_MARK, summaryLine } from './format.js';

/** A Markdown table cell: pipes escaped, newlines folded. */
function cell(s: string): string {
  return s.replace(/\|/g, '\\|').replace(/\s*\n\s*/g, ' ');
}

function table(head: string[], rows: string[][]): string[] {
  return [`| ${head.join(' | ')} |`, `|${head.map(() => '---').join('|')}|`, ...rows.map((r) => `| ${r.map(cell).join(' | ')} |`)];
}

/** A fenced block whose fence is longer than any backtick run inside it. */
function fenced(lang: string, body: string): string[] {
  const longest = Math.max(0, ...(body.match(/`+/g) ?? []).map((m) => m.length));
  const fence = '`'.repeat(Math.max(3, longest + 1));
  return [`${fence}${lang}`, body, fence];
}

function counterexampleBlock(title: string, cx: Counterexample): string[] {
  const c = cx.confirmation;
  return [
    `#### ${title}`,
    '',
    `Failing check \`${cx.check}\` at \`${cell(formatParams(cx.params))}\` (fast-check seed ${cx.seed}, ${cx.shrinks} shrinks). ` +
      `Confirmation on a fresh stream: **${c.status}** — ${formatEstimate(c.evidence)}, p = ${formatNumber(c.evidence.pValue)}, ${c.evidence.trials} trials.`,
    '',
    ...fenced('sh', cx.replay),
    '',
  ];
}

/**
 * report.md for PR comments: the summary line, one table row per claim (claim, paper, kind,
 * status, estimate [95% CI], trials (configurations), time), reasons for claims not verified,
 * the controls, and each counterexample with its replay command. Reads only the Report.
 */
export function renderMarkdown(report: Report): string {
  const out: string[] = [];
  const shard = report.shard ? ` (shard ${report.shard.index}/${report.shard.count})` : '';
  out.push(`# ${report.tool.name} report — profile \`${report.profile}\`, seed ${report.masterSeed}${shard}`, '');
  out.push(`**${summaryLine(report.summary)}**`, '');
  const st = report.statistics;
  out.push(
    `Started ${report.startedAt}, took ${formatDuration(report.durationMs)} on node ${report.environment.node} (${report.environment.platform}, ${report.environment.cpus} cpus). ` +
      `Holm correction across ${st.family} configuration tests at family-wise α = ${st.alpha} (sequential tests at β = ${st.beta}). ` +
      `A claim is *verified* when the data are consistent with its bound at that α, *violated* when they reject it and a fresh stream confirms, *inconclusive* otherwise (never a pass).`,
    '',
  );

  if (report.notRun?.length) {
    out.push(`**Not run at this profile (${report.notRun.length}):**`, '');
    for (const n of report.notRun) out.push(`- \`${n.id}\` ${n.reason}`);
    out.push('');
  }

  out.push('## Claims', '');
  out.push(
    ...table(
      ['Claim', 'Paper', 'Kind', 'Status', 'Estimate [95% CI]', 'Trials (configs)', 'Time'],
      report.claims.map((c) => [
        `\`${c.id}\``,
        c.paper,
        c.kind,
        `${STATUS_MARK[c.status]} ${c.status}${c.observational ? ' (observational)' : ''}`,
        formatEstimate(c.evidence),
        `${claimTrials(c)} (${c.configurations.length})`,
        formatDuration(c.durationMs),
      ]),
    ),
    '',
  );

  const resolutions = report.claims.map((c) => [c, claimResolution(c)] as const).filter(([, r]) => r);
  if (resolutions.length > 0) {
    out.push(
      '## What each verdict excludes',
      '',
      'For its worst configuration (probability checks: the SPRT excludes p ≤ p0 − δ with power 1 − β and nothing finer than δ).',
      '',
    );
    for (const [c, r] of resolutions) out.push(`- \`${c.id}\` (${c.status}): ${cell(r ?? '')}`);
    out.push('');
  }
  const covered = report.claims.filter((c) => c.coverage);
  if (covered.length > 0) {
    out.push(
      '## Coverage',
      '',
      'Configurations per source (canonical settings, the design over every level and range end, the targeted search, random draws) and every factor choice with how many configurations took it.',
      '',
    );
    for (const c of covered) {
      const cov = c.coverage!;
      const miss = untestedText(cov);
      const left = excludedText(c.excludedDesignRows);
      out.push(`- \`${c.id}\` — ${sourcesLine(cov)}${miss ? ` — **not tested:** ${cell(miss)}` : ''}${left ? ` — ${cell(left)}` : ''}`);
      for (const l of coverageLines(cov)) out.push(`  - ${cell(l)}`);
    }
    out.push('');
  }
  const unexpected = report.claims.filter((c) => c.unexpected?.length);
  if (unexpected.length > 0) {
    out.push('## Unmet expectations (fail the gate)', '');
    for (const c of unexpected) for (const u of c.unexpected ?? []) out.push(`- \`${c.id}\`: ${cell(u)}`);
    out.push('');
  }
  const skipped = report.claims.flatMap((c) => [
    ...Object.entries(c.skipped?.checks ?? {}).map(([k, why]) => `- \`${c.id}\` check \`${k}\`: ${cell(why)}`),
    ...Object.entries(c.skipped?.controls ?? {}).map(([k, why]) => `- \`${c.id}\` control \`${k}\`: ${cell(why)}`),
  ]);
  if (skipped.length > 0) out.push('## Skipped (not run)', '', ...skipped, '');
  const notVerified = report.claims.filter((c) => c.status !== 'verified');
  if (notVerified.length > 0) {
    out.push('## Not verified', '');
    for (const c of notVerified) {
      out.push(
        `- \`${c.id}\` — **${c.status}**${c.observational ? ' (observational, not gating)' : ''}${c.knownFailure ? ` (recorded known failure: ${cell(c.knownFailure.reason)})` : ''}: ${cell(c.reason ?? c.evidence.note ?? 'no reason recorded')}`,
      );
    }
    out.push('');
  }

  const controls = report.claims.flatMap((c) => c.controls.map((k) => ({ claim: c.id, k })));
  if (controls.length > 0) {
    const failed = controls.filter(({ k }) => k.status !== 'violated');
    out.push('## Controls (must come out violated)', '');
    if (failed.length > 0)
      out.push(`**${failed.length} control(s) did not come out violated: the suite could not tell these broken variants from the theorem.**`, '');
    out.push(
      ...table(
        ['Control', 'Claim', 'Status', 'Evidence'],
        controls.map(({ claim, k }) => [
          `\`${k.id}\``,
          `\`${claim}\``,
          `${k.status === 'violated' ? STATUS_MARK.verified : STATUS_MARK.violated} ${k.status}`,
          k.evidence ? `${formatEstimate(k.evidence)}, p = ${formatNumber(k.evidence.pValue)}` : '—',
        ]),
      ),
      '',
    );
  }

  const cxs = report.claims.filter((c) => c.counterexample);
  if (cxs.length > 0) {
    out.push('## Counterexamples', '');
    for (const c of cxs) out.push(...counterexampleBlock(`\`${c.id}\` (${c.status})`, c.counterexample!));
  }
  return `${out.join('\n').trimEnd()}\n`;
}
