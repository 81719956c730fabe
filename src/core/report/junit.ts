import type { Evidence } from '../claim/types.js';
import { escapeXml } from './html/escape.js';
import { claimsByPaper, formatEstimate, formatNumber, formatParams, formatTarget } from './format.js';
import type { ClaimResult, ControlResult, Counterexample, Report } from './schema.js';

export interface JunitOptions {
  /** How an inconclusive gating claim is written: a failure (default: never counted as a pass) or skipped. */
  inconclusive?: 'failure' | 'skipped';
}

interface Case {
  classname: string;
  name: string;
  seconds: number;
  outcome: { tag: 'failure' | 'skipped'; type: string; message: string; body: string } | null;
  out: string;
}

function evidenceText(e: Evidence): string {
  const t = formatTarget(e);
  return `${e.test}: ${formatEstimate(e)}${t ? `, ${t}` : ''}, p = ${formatNumber(e.pValue)}, α = ${formatNumber(e.alpha)}, ${e.trials} trials${e.note ? ` (${e.note})` : ''}`;
}

function counterexampleText(cx: Counterexample): string {
  return [
    `counterexample (check ${cx.check}): ${JSON.stringify(cx.params)}`,
    `confirmation on a fresh stream: ${cx.confirmation.status}; ${evidenceText(cx.confirmation.evidence)}`,
    `replay: ${cx.replay}`,
  ].join('\n');
}

function claimCase(c: ClaimResult, opts: JunitOptions): Case {
  const out = [c.statement, `evidence: ${evidenceText(c.evidence)}`, `configurations: ${c.configurations.length}`].join('\n');
  const base = { classname: c.paper, name: c.id, seconds: c.durationMs / 1000, out };
  const reason = c.reason ?? c.evidence.note ?? '';
  if (c.unexpected?.length) {
    return {
      ...base,
      outcome: { tag: 'failure', type: 'unexpected', message: `unmet expectation: ${c.unexpected.join('; ')}`, body: c.unexpected.join('\n') },
    };
  }
  if (c.status === 'verified') return { ...base, outcome: null };
  if (c.knownFailure && c.knownFailure.status === c.status) {
    return { ...base, outcome: { tag: 'skipped', type: c.status, message: `recorded known failure (${c.status}): ${c.knownFailure.reason}`, body: '' } };
  }
  if (c.observational) {
    return {
      ...base,
      outcome: { tag: 'skipped', type: c.status, message: `observational (not gating): ${c.status}${reason ? ` — ${reason}` : ''}`, body: '' },
    };
  }
  if (c.status === 'violated') {
    const body = [reason, c.counterexample ? counterexampleText(c.counterexample) : 'no counterexample recorded'].filter(Boolean).join('\n');
    const at = c.counterexample ? ` at ${formatParams(c.counterexample.params)}` : '';
    return { ...base, outcome: { tag: 'failure', type: 'violated', message: `violated${at}`, body } };
  }
  const tag = opts.inconclusive ?? 'failure';
  const body = [reason, c.counterexample ? counterexampleText(c.counterexample) : ''].filter(Boolean).join('\n');
  return { ...base, outcome: { tag, type: 'inconclusive', message: `inconclusive${reason ? `: ${reason}` : ''}`, body } };
}

function controlCase(c: ClaimResult, k: ControlResult): Case {
  const out = [
    k.description,
    k.evidence ? `evidence: ${evidenceText(k.evidence)}` : 'no evidence recorded',
    k.counterexample ? counterexampleText(k.counterexample) : '',
  ]
    .filter(Boolean)
    .join('\n');
  const base = { classname: `${c.paper}.controls`, name: `${c.id} ⟂ ${k.id}`, seconds: k.durationMs / 1000, out };
  if (k.status === 'violated') return { ...base, outcome: null };
  return {
    ...base,
    outcome: {
      tag: 'failure',
      type: 'control-not-violated',
      message: `control came out ${k.status}, expected violated: the suite did not detect this broken variant`,
      body: [`params: ${JSON.stringify(k.params)}`, k.evidence ? evidenceText(k.evidence) : ''].filter(Boolean).join('\n'),
    },
  };
}

function caseXml(c: Case): string {
  const attrs = `classname="${escapeXml(c.classname)}" name="${escapeXml(c.name)}" time="${c.seconds.toFixed(3)}"`;
  const parts = [`    <testcase ${attrs}>`];
  if (c.outcome) {
    const o = c.outcome;
    parts.push(`      <${o.tag} type="${escapeXml(o.type)}" message="${escapeXml(o.message)}">${escapeXml(o.body)}</${o.tag}>`);
  }
  parts.push(`      <system-out>${escapeXml(c.out)}</system-out>`, '    </testcase>');
  return parts.join('\n');
}

function count(cases: Case[], tag: 'failure' | 'skipped'): number {
  return cases.filter((c) => c.outcome?.tag === tag).length;
}

/**
 * junit.xml: a <testsuite> per paper holding one <testcase> per claim (classname = paper) and
 * one per control (classname = paper.controls). A violated claim is a <failure> carrying its
 * counterexample and replay command; an inconclusive one a failure (or skipped, by option);
 * observational claims that are not verified are skipped; a control that is not violated fails; a claim the run
 * left out (Report.notRun: it states its own time at the profile) is skipped, with its reason.
 */
export function renderJunit(report: Report, opts: JunitOptions = {}): string {
  const notRun = report.notRun ?? [];
  const notRunCase = (n: (typeof notRun)[number]): Case => ({
    classname: n.paper,
    name: n.id,
    seconds: 0,
    outcome: { tag: 'skipped', type: 'not-run', message: `not run: ${n.reason}`, body: '' },
    out: '',
  });
  const suites: Array<{ paper: string; cases: Case[]; seconds: number }> = claimsByPaper(report.claims, report.papers).map(({ paper, claims }) => {
    const cases = [
      ...claims.flatMap((c) => [claimCase(c, opts), ...c.controls.map((k) => controlCase(c, k))]),
      ...notRun.filter((n) => n.paper === paper).map(notRunCase),
    ];
    return { paper, cases, seconds: cases.reduce((s, c) => s + c.seconds, 0) };
  });
  for (const n of notRun) {
    const suite = suites.find((x) => x.paper === n.paper);
    if (!suite) suites.push({ paper: n.paper, cases: [notRunCase(n)], seconds: 0 });
    else if (!suite.cases.some((c) => c.name === n.id)) suite.cases.push(notRunCase(n));
  }
  const all = suites.flatMap((s) => s.cases);
  const props = [
    ['profile', report.profile],
    ['masterSeed', String(report.masterSeed)],
    ['alpha', String(report.statistics.alpha)],
    ['family', String(report.statistics.family)],
    ...(report.shard ? [['shard', `${report.shard.index}/${report.shard.count}`]] : []),
  ];
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="${escapeXml(report.tool.name)}" tests="${all.length}" failures="${count(all, 'failure')}" skipped="${count(all, 'skipped')}" errors="0" time="${(report.durationMs / 1000).toFixed(3)}" timestamp="${escapeXml(report.startedAt)}">`,
  ];
  for (const s of suites) {
    lines.push(
      `  <testsuite name="${escapeXml(s.paper)}" tests="${s.cases.length}" failures="${count(s.cases, 'failure')}" skipped="${count(s.cases, 'skipped')}" errors="0" time="${s.seconds.toFixed(3)}" timestamp="${escapeXml(report.startedAt)}">`,
      '    <properties>',
      ...props.map(([k, v]) => `      <property name="${escapeXml(k)}" value="${escapeXml(v)}"/>`),
      '    </properties>',
      ...s.cases.map(caseXml),
      '  </testsuite>',
    );
  }
  lines.push('</testsuites>');
  return `${lines.join('\n')}\n`;
}
